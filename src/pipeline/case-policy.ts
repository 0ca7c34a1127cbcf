import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { policySchema, type Policy } from '../policy/policy.schema.ts';
import type { PipelinePolicy } from '../policy/pipeline.schema.ts';

export interface CasePolicy {
  id: number;
  key: string;
  version: number;
  pipeline: PipelinePolicy;
}

// Policy versions never change once stored: each is parsed once per process, keyed by id and
// creation time so two databases in one process never share an entry (as in cycle-loader.ts).
const parsed = new Map<string, Policy>();

/** The pipeline section of a stored policy version; refused with a sentence when it has none. */
export async function loadCasePolicy(db: Kysely<DB>, policyId: number): Promise<CasePolicy> {
  const row = await db.selectFrom('policies').select(['id', 'key', 'version', 'document', 'created_at']).where('id', '=', policyId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No policy version ${policyId}.` });
  const cacheKey = `${row.id}@${row.created_at.getTime()}`;
  let policy = parsed.get(cacheKey);
  if (!policy) {
    policy = policySchema.parse(row.document);
    if (parsed.size > 100) parsed.clear();
    parsed.set(cacheKey, policy);
  }
  if (!policy.pipeline) {
    throw new AppError('CONFLICT', {
      detail: `The policy ${row.key} version ${row.version} has no pipeline rules; choose a current policy version to run the pipeline under.`,
      extra: { rule: 'POLICY_HAS_NO_PIPELINE' },
    });
  }
  return { id: row.id, key: row.key, version: row.version, pipeline: policy.pipeline };
}

/**
 * The policy a new case runs under: the given one, else its key's newest version that has pipeline
 * rules (a cycle may have pinned an older version from before the pipeline existed).
 */
export async function choosePolicyForCase(db: Kysely<DB>, options: { policyId?: number; key: string }): Promise<CasePolicy> {
  if (options.policyId !== undefined) {
    const pinned = await loadCasePolicy(db, options.policyId).catch((error: unknown) => (error instanceof AppError && error.code === 'CONFLICT' ? null : Promise.reject(error)));
    if (pinned) return pinned;
  }
  const newest = await db.selectFrom('policies').select('id').where('key', '=', options.key).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!newest) throw new AppError('VALIDATION_FAILED', { detail: `No policy named ${options.key}.`, errors: [{ path: 'body.policy', message: `no policy named ${options.key}` }] });
  return loadCasePolicy(db, newest.id);
}
