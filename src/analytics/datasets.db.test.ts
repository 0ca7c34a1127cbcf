import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { buildAccount } from '../../test/factories.ts';
import { client } from '../../test/analytics-org.ts';
import { main } from '../cli/main.ts';
import type { CliIo } from '../cli/io.ts';
import { MAX_DATASET_BYTES, MAX_DATASETS_PER_ACCOUNT } from '../shared/schemas/analytics.ts';
import { simulatePolicy } from './policy-simulation.ts';

/**
 * Uploaded datasets and the policy lab over HTTP. The export: 90 people in three departments and
 * two job levels, women and men, a "Rating" of 3 or 4, a manager per row; plus three people whose
 * gender is "X" and three "Y": two groups below the minimum, together enough to hide safely.
 */
let database: Database;
let app: FastifyInstance;
type Call = Awaited<ReturnType<typeof client>>;
const as = {} as Record<'hr' | 'otherHr' | 'scopedHr' | 'admin' | 'employee', Call>;
let dir: string;

function exportCsv(): string {
  const rows = ['Gender,JobLevel,Department,Rating,Manager'];
  for (let i = 0; i < 90; i++) {
    const gender = i % 3 === 0 ? 'Female' : 'Male';
    const level = 1 + (i % 2);
    const department = ['Sales', 'R&D', 'HR'][i % 3 === 0 ? (i / 3) % 3 : i % 3]!;
    // Higher levels and some departments rate higher, so controls matter.
    const rating = (i * 7) % 10 < 2 + level + (department === 'R&D' ? 1 : 0) ? 4 : 3;
    rows.push(`${gender},${level},${department},${rating},M${i % 9}`);
  }
  for (let i = 0; i < 6; i++) rows.push(`${i < 3 ? 'X' : 'Y'},${1 + (i % 2)},Sales,${i % 3 ? 3 : 4},M${i}`);
  return `${rows.join('\n')}\n`;
}
const CSV = exportCsv();

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '', env: {} };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

async function upload(who: Call, body: string, name = 'export.csv') {
  return who('POST', '/api/analytics/datasets', body, { 'content-type': 'text/csv', 'x-file-name': name });
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  const db = database.db;
  let ip = 0;
  const sign = async (account: { email: string; password: string }) => client(app, account, `10.63.0.${++ip}`);
  as.hr = await sign(await buildAccount(db, { roles: ['hr'], hrScope: { wholeOrganisation: false, rootPersonIds: [] } }));
  as.otherHr = await sign(await buildAccount(db, { roles: ['hr'] }));
  as.scopedHr = await sign(await buildAccount(db, { roles: ['hr'], hrScope: { wholeOrganisation: false, rootPersonIds: [] } }));
  as.admin = await sign(await buildAccount(db, { roles: ['admin'] }));
  as.employee = await sign(await buildAccount(db));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-datasets-'));
  fs.writeFileSync(path.join(dir, 'export.csv'), CSV);
});
afterAll(async () => {
  await app.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('datasets', () => {
  let id: number;

  it('stores an upload apart, with its columns summarised, and audits it', async () => {
    const response = await upload(as.hr, CSV);
    expect(response.statusCode, response.body).toBe(201);
    const dataset = response.json();
    id = dataset.id;
    expect(dataset).toMatchObject({ name: 'export', fileName: 'export.csv', rows: 96, bytes: Buffer.byteLength(CSV) });
    expect(dataset.columns.find((c: { name: string }) => c.name === 'Rating')).toEqual({ name: 'Rating', distinct: 2, values: ['3', '4'] });
    const events = await database.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'analytics_dataset').execute();
    expect(events.map((e) => e.action)).toEqual(['analytics.dataset.uploaded']);
  });

  it('shows the uploader and whole-organisation HR the dataset, and nobody else', async () => {
    expect((await as.hr('GET', '/api/analytics/datasets')).json().datasets.map((d: { id: number }) => d.id)).toEqual([id]);
    expect((await as.otherHr('GET', `/api/analytics/datasets/${id}`)).statusCode).toBe(200);
    expect((await as.scopedHr('GET', '/api/analytics/datasets')).json().datasets).toEqual([]);
    expect((await as.scopedHr('GET', `/api/analytics/datasets/${id}`)).statusCode).toBe(404);
    expect((await as.admin('GET', `/api/analytics/datasets/${id}`)).statusCode).toBe(403);
    expect((await as.employee('POST', `/api/analytics/datasets/${id}/bias-audit`, { outcome: 'Rating', favourable: ['4'], group: 'Gender' })).statusCode).toBe(403);
  });

  it('answers the bias audit with the very document `highbar audit bias` prints', async () => {
    const body = { outcome: 'Rating', favourable: ['4'], group: 'Gender', controls: ['JobLevel', 'Department'] };
    const response = await as.hr('POST', `/api/analytics/datasets/${id}/bias-audit`, body);
    expect(response.statusCode, response.body).toBe(200);
    const printed = await cli(['audit', 'bias', '--input', path.join(dir, 'export.csv'), '--outcome', 'Rating', '--favourable', '4', '--group', 'Gender', '--control', 'JobLevel', '--control', 'Department', '--format', 'json']);
    expect(printed.code, printed.stderr).toBe(0);
    expect(response.json()).toEqual(JSON.parse(printed.stdout));
    // Three people marked X and three Y are groups below the minimum: counted, never named.
    expect(response.json().suppressed).toEqual({ groups: 2, people: 6 });
    expect(response.json().groups.map((g: { value: string }) => g.value)).toEqual(['Male', 'Female']);
    expect(response.body).not.toContain('"X"');
    expect(response.body).not.toContain('"Y"');
  });

  it('answers manager drift with the very document `highbar audit managers` prints', async () => {
    const response = await as.hr('POST', `/api/analytics/datasets/${id}/manager-drift`, { outcome: 'Rating', favourable: ['4'], manager: 'Manager' });
    expect(response.statusCode, response.body).toBe(200);
    const printed = await cli(['audit', 'managers', '--input', path.join(dir, 'export.csv'), '--outcome', 'Rating', '--favourable', '4', '--manager', 'Manager', '--format', 'json']);
    expect(response.json()).toEqual(JSON.parse(printed.stdout));
  });

  it('refuses an audit it cannot run, naming the file and column, and a minimum below the policy', async () => {
    const missing = await as.hr('POST', `/api/analytics/datasets/${id}/bias-audit`, { outcome: 'Score', favourable: ['4'], group: 'Gender' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().detail).toContain('export.csv:1: column Score: no such column in the header');
    const suppressedReference = await as.hr('POST', `/api/analytics/datasets/${id}/bias-audit`, { outcome: 'Rating', favourable: ['4'], group: 'Gender', reference: 'X' });
    expect(suppressedReference.statusCode).toBe(422);
    expect(suppressedReference.json().detail).toContain('is suppressed');
    expect((await as.hr('POST', `/api/analytics/datasets/${id}/bias-audit`, { outcome: 'Rating', favourable: ['4'], group: 'Gender', minGroup: 2 })).statusCode).toBe(400);
  });

  it('refuses a broken file whole, with each problem where it is, and stores nothing', async () => {
    const response = await upload(as.hr, 'a,b\n1,2\n3\n4,5,6\n', 'broken.csv');
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('IMPORT_INVALID');
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['broken.csv:3: column -', 'broken.csv:4: column -']);
    expect((await upload(as.hr, 'a,b\n', 'empty.csv')).statusCode).toBe(422);
    expect((await as.hr('POST', '/api/analytics/datasets', { not: 'csv' })).statusCode).toBe(415);
    expect((await as.hr('GET', '/api/analytics/datasets')).json().datasets).toHaveLength(1);
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = `a\n${'x\n'.repeat(MAX_DATASET_BYTES / 2 + 1)}`;
    expect((await upload(as.hr, big)).statusCode).toBe(413);
  });

  it('keeps at most the limit of datasets per person', async () => {
    for (let i = 1; i < MAX_DATASETS_PER_ACCOUNT; i++) expect((await upload(as.hr, CSV, `copy${i}.csv`)).statusCode).toBe(201);
    const over = await upload(as.hr, CSV);
    expect(over.statusCode).toBe(409);
    expect(over.json().rule).toBe('DATASET_LIMIT');
  });

  it('deletes a dataset, with an audit event', async () => {
    expect((await as.hr('DELETE', `/api/analytics/datasets/${id}`)).statusCode).toBe(204);
    expect((await as.hr('GET', `/api/analytics/datasets/${id}`)).statusCode).toBe(404);
    const events = await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', String(id)).where('subject_type', '=', 'analytics_dataset').execute();
    expect(events.map((e) => e.action)).toEqual(['analytics.dataset.uploaded', 'analytics.dataset.deleted']);
  });
});

describe('POST /api/analytics/simulations', () => {
  const params = { people: 1000, teamSize: 10, teamSd: 0.5, noiseSd: 0.5, policy: 'forced', leShare: 0.08, runs: 20, seed: 7 } as const;

  it("runs the CLI's simulator for HR and admins, to the last digit", async () => {
    for (const who of [as.hr, as.admin]) {
      const response = await who('POST', '/api/analytics/simulations', params);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual(JSON.parse(JSON.stringify(simulatePolicy({ ...params }))));
    }
    expect((await as.employee('POST', '/api/analytics/simulations', params)).statusCode).toBe(403);
  });

  it('refuses more work than one request may do with 422, and bad numbers with 400', async () => {
    const tooMuch = await as.hr('POST', '/api/analytics/simulations', { ...params, people: 100_000, runs: 21 });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().code).toBe('ANALYSIS_REFUSED');
    expect(tooMuch.json().detail).toContain('at most 2,000,000');
    expect((await as.hr('POST', '/api/analytics/simulations', { ...params, seed: 1.5 })).statusCode).toBe(400);
    expect((await as.hr('POST', '/api/analytics/simulations', { ...params, runs: '20' })).statusCode).toBe(400);
  });
});
