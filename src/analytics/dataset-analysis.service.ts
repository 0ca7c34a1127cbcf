import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import type { BiasReport, DatasetDrift, datasetBiasBodySchema, datasetDriftBodySchema } from '../shared/schemas/analytics.ts';
import { auditBias } from './bias-audit.ts';
import { prepareBiasAudit } from './bias-input.ts';
import { prepareManagerCounts } from './drift-input.ts';
import { assessManagerDrift, DEFAULT_FLAG_PROBABILITY } from './manager-drift.ts';
import { readDatasetTable } from './datasets.service.ts';
import { analysisRefused } from './analysis-problems.ts';
import { activeAnalyticsPolicy, minGroupFor } from './analytics-policy.service.ts';

/**
 * `highbar audit bias` over an uploaded dataset, step for step as the CLI runs it, so the page
 * shows the numbers the command prints. The dataset is the uploader's own export: suppression
 * holds within the report; there is no memory across reports, since nobody learns from them what
 * the file did not already tell the person who sent it.
 */
export async function auditDatasetBias(db: Kysely<DB>, options: { actor: Actor; datasetId: number; body: z.output<typeof datasetBiasBodySchema> }): Promise<BiasReport> {
  const { body } = options;
  const { fileName, table } = await readDatasetTable(db, options);
  const minGroup = minGroupFor(await activeAnalyticsPolicy(db), body.minGroup);
  const prepared = prepareBiasAudit(table, {
    outcome: body.outcome,
    favourable: body.favourable,
    group: body.group,
    controls: body.controls,
    minGroup,
    ...(body.grades ? { grades: body.grades } : {}),
  });
  if (!prepared.ok) throw analysisRefused(prepared.problems, fileName);
  const audited = auditBias(prepared.value, { minGroup, ...(body.reference !== undefined ? { reference: body.reference } : {}) });
  if (!audited.ok) throw analysisRefused(audited.problems, fileName);
  return audited.value;
}

/** `highbar audit managers` over an uploaded dataset, with the CLI's JSON. */
export async function assessDatasetDrift(db: Kysely<DB>, options: { actor: Actor; datasetId: number; body: z.output<typeof datasetDriftBodySchema> }): Promise<DatasetDrift> {
  const { body } = options;
  const { fileName, table } = await readDatasetTable(db, options);
  const prepared = prepareManagerCounts(table, { outcome: body.outcome, favourable: body.favourable, manager: body.manager });
  if (!prepared.ok) throw analysisRefused(prepared.problems, fileName);
  return { ...assessManagerDrift(prepared.value.counts, body.flagProbability ?? DEFAULT_FLAG_PROBABILITY), rowsWithoutManager: prepared.value.withoutManager };
}
