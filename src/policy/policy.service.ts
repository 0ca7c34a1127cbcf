import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { policySchema, type Policy } from './policy.schema.ts';
import { PRESETS } from './presets.ts';
import { canonicalJson } from '../audit/audit.service.ts';

const ACTIVE_POLICY_KEY = 'active_policy';

/**
 * Installs each shipped preset as a policy version: version 1 on a new database, and a new version
 * when this release ships a preset that differs from every stored version of it (an upgrade that
 * adds, say, calibration rules). Stored versions are never overwritten: cycles pinned to them keep
 * running under exactly what they launched with.
 */
export async function ensurePresetPolicies(db: Kysely<DB>): Promise<void> {
  for (const preset of Object.values(PRESETS)) {
    const stored = await db.selectFrom('policies').select(['version', 'document']).where('key', '=', preset.key).execute();
    const shipped = canonicalJson(preset);
    if (stored.some((s) => canonicalJson(s.document) === shipped)) continue;
    const version = Math.max(0, ...stored.map((s) => s.version)) + 1;
    await db
      .insertInto('policies')
      .values({ key: preset.key, version, document: JSON.stringify(preset) })
      .onConflict((oc) => oc.columns(['key', 'version']).doNothing())
      .execute();
  }
}

export async function getPolicyVersion(db: Kysely<DB>, policyId: number): Promise<{ id: number; version: number; policy: Policy }> {
  const row = await db.selectFrom('policies').select(['id', 'version', 'document']).where('id', '=', policyId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No policy version ${policyId}.` });
  return { id: row.id, version: row.version, policy: policySchema.parse(row.document) };
}

/** The newest version of a policy by key. */
export async function latestPolicyVersion(db: Kysely<DB>, key: string) {
  const row = await db.selectFrom('policies').select(['id']).where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) throw new AppError('VALIDATION_FAILED', { detail: `No policy named ${key}.`, errors: [{ path: 'body.policy', message: `no policy named ${key}` }] });
  return getPolicyVersion(db, row.id);
}

/** The policy the organisation runs between cycles (continuous feedback, defaults for new cycles). */
export async function activePolicy(db: Kysely<DB>) {
  const row = await db.selectFrom('meta').select('value').where('key', '=', ACTIVE_POLICY_KEY).executeTakeFirst();
  return latestPolicyVersion(db, typeof row?.value === 'string' ? row.value : 'amazon');
}

export async function setActivePolicy(db: Kysely<DB>, key: string) {
  await latestPolicyVersion(db, key);
  await db
    .insertInto('meta')
    .values({ key: ACTIVE_POLICY_KEY, value: JSON.stringify(key) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(key) }))
    .execute();
}

export async function listPolicies(db: Kysely<DB>) {
  const rows = await db.selectFrom('policies').select(['id', 'key', 'version', 'document']).orderBy('key').orderBy('version').execute();
  return rows.map((r) => ({ id: r.id, key: r.key, version: r.version, policy: policySchema.parse(r.document) }));
}
