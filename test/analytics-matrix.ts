import type { InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import type { Actor } from '../src/accounts/actor.ts';
import { uploadDataset } from '../src/analytics/datasets.service.ts';
import { WRITE_HEADERS } from './server.ts';

/** A small export in the IBM sample's shape, for routes that need a dataset to exist. */
export const SAMPLE_DATASET = ['Gender,JobLevel,PerformanceRating,Manager', ...Array.from({ length: 12 }, (_, i) => `${i % 2 ? 'Female' : 'Male'},${1 + (i % 3)},${i % 4 ? 3 : 4},M${i % 3}`)].join('\n');

/**
 * What the authorization matrix needs for the analytics routes: two datasets uploaded by an HR
 * partner serving the whole organisation (one to read, one to delete), the path ids, bodies and
 * the requests that are not plain JSON.
 */
export async function buildAnalyticsMatrixFixtures(db: Kysely<DB>, options: { hrActor: Actor; cycleId: number; now: Date }) {
  const upload = async (name: string) => (await uploadDataset(db, { actor: options.hrActor, bytes: Buffer.from(SAMPLE_DATASET), fileName: `${name}.csv`, now: options.now })).id;
  const datasetId = await upload('matrix');
  const datasetToDelete = await upload('matrix-delete');
  const pathIds: Record<string, number> = {
    'GET /api/analytics/datasets/{id}': datasetId,
    'DELETE /api/analytics/datasets/{id}': datasetToDelete,
    'POST /api/analytics/datasets/{id}/bias-audit': datasetId,
    'POST /api/analytics/datasets/{id}/manager-drift': datasetId,
  };
  const bodies: Record<string, unknown> = {
    'POST /api/analytics/bias-audits': { outcome: 'ov', cycleId: options.cycleId, favourable: ['TT', 'HV3'], group: 'attribute:gender', controls: ['level'] },
    'POST /api/analytics/datasets/{id}/bias-audit': { outcome: 'PerformanceRating', favourable: ['4'], group: 'Gender', controls: ['JobLevel'] },
    'POST /api/analytics/datasets/{id}/manager-drift': { outcome: 'PerformanceRating', favourable: ['4'], manager: 'Manager' },
    'POST /api/analytics/complexity': { cycleId: options.cycleId, favourable: ['TT'], complexity: 'scope', group: 'attribute:gender' },
    'POST /api/analytics/simulations': { people: 200, teamSize: 10, teamSd: 0.5, noiseSd: 0.5, policy: 'forced', runs: 5, seed: 42 },
  };
  const requests: Record<string, (url: string) => InjectOptions> = {
    'POST /api/analytics/datasets': (url) => ({ method: 'POST', url, headers: { ...WRITE_HEADERS, 'content-type': 'text/csv', 'x-file-name': 'upload.csv' }, payload: SAMPLE_DATASET }),
    'GET /api/analytics/manager-drift': (url) => ({ method: 'GET', url: `${url}?cycleId=${options.cycleId}&favourable=TT,HV3` }),
    'GET /api/analytics/promotion-velocity': (url) => ({ method: 'GET', url: `${url}?group=attribute:gender` }),
    'GET /api/analytics/ura-governance': (url) => ({ method: 'GET', url: `${url}?cycleId=${options.cycleId}` }),
  };
  return { pathIds, bodies, requests };
}
