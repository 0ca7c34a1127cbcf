import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { ensurePresetPolicies, latestPolicyVersion } from './policy.service.ts';
import { AMAZON_POLICY } from './presets.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('ensurePresetPolicies', () => {
  it('adds a new version when the shipped preset differs from every stored one, and never rewrites a stored one', async () => {
    const { db } = database;
    const before = await db.selectFrom('policies').select(['id', 'key', 'version', 'document']).where('key', '=', 'amazon').orderBy('version').execute();
    // An older release's amazon: no calibration rules yet.
    const { olr: _olr, ...older } = AMAZON_POLICY;
    const oldVersion = Math.max(...before.map((r) => r.version)) + 1;
    await db.insertInto('policies').values({ key: 'amazon', version: oldVersion, document: JSON.stringify(older) }).execute();
    // Until the shipped document is missing entirely, nothing is added.
    await ensurePresetPolicies(db);
    expect((await latestPolicyVersion(db, 'amazon')).version).toBe(oldVersion);

    await db.deleteFrom('policies').where('key', '=', 'amazon').where('version', '!=', oldVersion).execute();
    await ensurePresetPolicies(db);
    const latest = await latestPolicyVersion(db, 'amazon');
    expect(latest.version).toBe(oldVersion + 1);
    expect(latest.policy.olr).toEqual(AMAZON_POLICY.olr);
    const kept = await db.selectFrom('policies').select('document').where('key', '=', 'amazon').where('version', '=', oldVersion).executeTakeFirstOrThrow();
    expect(kept.document).toEqual(older);

    await ensurePresetPolicies(db);
    expect((await latestPolicyVersion(db, 'amazon')).version).toBe(oldVersion + 1);
  });
});
