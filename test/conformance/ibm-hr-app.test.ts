import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ensureDefaultLadder } from '../../src/people/ladders.service.ts';
import { ensurePresetPolicies } from '../../src/policy/policy.service.ts';
import { runHighbar } from '../run-highbar.ts';
import { buildAccount } from '../factories.ts';
import { client } from '../analytics-org.ts';
import { startTestServer } from '../server.ts';

/**
 * The IBM HR sample uploaded through the API, as an HR partner would from the analytics page,
 * and audited there: every number the app answers must equal what `highbar audit bias` and
 * `highbar audit managers` print for the same file (test/conformance/ibm-hr.test.ts checks those
 * against a separate implementation). Runs on a fresh embedded database.
 */
const FILE = fileURLToPath(new URL('../../../shared/data/ibm-hr-employee-attrition.csv', import.meta.url));

let database: Database;
let app: FastifyInstance;
let hr: Awaited<ReturnType<typeof client>>;
let datasetId: number;

async function cliJson(args: string[]) {
  const { code, stdout, stderr } = await runHighbar([...args, '--input', FILE, '--format', 'json']);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout);
}

beforeAll(async () => {
  database = await openDatabase({ kind: 'embedded-memory' });
  // Set up as `highbar serve` does: migrations, then the default ladder and the preset policies
  // (the analytics read the minimum group size from the active policy).
  await migrateToLatest(database.db);
  await ensureDefaultLadder(database.db);
  await ensurePresetPolicies(database.db);
  app = await startTestServer(database.db);
  hr = await client(app, await buildAccount(database.db, { roles: ['hr'] }), '10.70.0.1');
  const upload = await hr('POST', '/api/analytics/datasets?name=IBM%20HR%20sample', fs.readFileSync(FILE), { 'content-type': 'text/csv', 'x-file-name': 'ibm-hr-employee-attrition.csv' });
  expect(upload.statusCode, upload.body).toBe(201);
  datasetId = upload.json().id;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the IBM HR sample through the app', () => {
  it('is stored whole: 1,470 rows, 35 columns', async () => {
    const dataset = (await hr('GET', `/api/analytics/datasets/${datasetId}`)).json();
    expect(dataset).toMatchObject({ name: 'IBM HR sample', rows: 1470 });
    expect(dataset.columns).toHaveLength(35);
    expect(dataset.columns.find((c: { name: string }) => c.name === 'Gender').values).toEqual(['Female', 'Male']);
  });

  it("performance rating by gender within job level and department: the app's numbers are the CLI's", async () => {
    const response = await hr('POST', `/api/analytics/datasets/${datasetId}/bias-audit`, { outcome: 'PerformanceRating', favourable: ['4'], group: 'Gender', controls: ['JobLevel', 'Department'] });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toEqual(await cliJson(['audit', 'bias', '--outcome', 'PerformanceRating', '--favourable', '4', '--group', 'Gender', '--control', 'JobLevel', '--control', 'Department']));
    // The result docs/analytics.md shows.
    expect(report.groups).toEqual([
      { value: 'Male', n: 882, favourable: 132, share: 132 / 882 },
      { value: 'Female', n: 588, favourable: 94, share: 94 / 588 },
    ]);
    const [female] = report.comparisons;
    expect(female.adjusted.oddsRatio.toFixed(2)).toBe('1.08');
    expect([female.adjusted.ciLow.toFixed(2), female.adjusted.ciHigh.toFixed(2)]).toEqual(['0.81', '1.44']);
    expect(female.adjusted.strata).toBe(15);
    expect(female.pHolm.toFixed(3)).toBe('0.609');
  });

  it('attrition by job role within job level, with suppression, equals the CLI', async () => {
    const body = { outcome: 'Attrition', favourable: ['0'], group: 'JobRole', controls: ['JobLevel'], minGroup: 60 };
    const response = await hr('POST', `/api/analytics/datasets/${datasetId}/bias-audit`, body);
    expect(response.json()).toEqual(await cliJson(['audit', 'bias', '--outcome', 'Attrition', '--favourable', '0', '--group', 'JobRole', '--control', 'JobLevel', '--min-group', '60']));
    expect(response.json().suppressed.groups).toBeGreaterThan(0);
  });

  it('the ordinal view of job satisfaction equals the CLI', async () => {
    const response = await hr('POST', `/api/analytics/datasets/${datasetId}/bias-audit`, { outcome: 'JobSatisfaction', favourable: ['4'], group: 'Gender', controls: ['JobLevel'] });
    expect(response.json()).toEqual(await cliJson(['audit', 'bias', '--outcome', 'JobSatisfaction', '--favourable', '4', '--group', 'Gender', '--control', 'JobLevel']));
    expect(response.json().ordinal.grades).toEqual(['1', '2', '3', '4']);
  });

  it('drift of attrition by job role equals `highbar audit managers`', async () => {
    const response = await hr('POST', `/api/analytics/datasets/${datasetId}/manager-drift`, { outcome: 'Attrition', favourable: ['1'], manager: 'JobRole' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual(await cliJson(['audit', 'managers', '--outcome', 'Attrition', '--favourable', '1', '--manager', 'JobRole']));
  });
});
