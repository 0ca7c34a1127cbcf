import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import type { Actor } from '../accounts/actor.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { importIdentities, listIdentities } from './identities.service.ts';
import { ingestGitHubAlerts, ingestOncallPages, ingestOncallShifts, ingestOperationalItems } from './ingest-operations.service.ts';
import { SourceError } from './sources/source-problems.ts';
import { personTeamContext } from './team-context.service.ts';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/metrics/', import.meta.url));
const NOW = new Date('2024-03-29T12:00:00Z');
let database: Database;
let dir: string;
let ada: BuiltPerson;
let grace: BuiltPerson;

beforeAll(async () => {
  database = await openTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-ops-'));
  ada = await buildPerson(database.db, { email: 'ada@example.test', hireDate: '2023-01-02', employeeId: 'E-ADA' });
  grace = await buildPerson(database.db, { email: 'grace.hopper@example.test', hireDate: '2023-01-02', employeeId: 'E-GRACE' });
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await database.close();
});

const count = async (table: 'operational_items' | 'oncall_shifts' | 'oncall_pages' | 'person_identities') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
const problemsOf = async (run: Promise<unknown>) => {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  return (error as SourceError).problems;
};

describe('operational items', () => {
  it('stores tickets and vulnerabilities; the same file again changes nothing, a later export updates in place', async () => {
    const file = path.join(FIXTURES, 'operational-items.csv');
    expect(await ingestOperationalItems(database.db, { file })).toEqual({ items: 4, vulnerabilities: 2, tickets: 2, open: 2, services: ['search', 'shop'] });
    await ingestOperationalItems(database.db, { file });
    expect(await count('operational_items')).toBe(4);
    // OPS-102 is resolved now, and its opening time was corrected into another month: still one row.
    await ingestOperationalItems(database.db, { file: write('later.csv', 'source,id,service,kind,opened_at,resolved_at\njira,OPS-102,shop,ticket,2024-02-28T10:00:00Z,2024-03-08T10:00:00Z\n') });
    expect(await count('operational_items')).toBe(4);
    const item = await database.db.selectFrom('operational_items').selectAll().where('external_id', '=', 'OPS-102').executeTakeFirstOrThrow();
    expect([item.opened_at.toISOString(), item.resolved_at?.toISOString()]).toEqual(['2024-02-28T10:00:00.000Z', '2024-03-08T10:00:00.000Z']);
  });

  it('stores Dependabot and code-scanning alerts of a service by their URLs', async () => {
    expect(await ingestGitHubAlerts(database.db, { file: path.join(FIXTURES, 'github-dependabot-alerts.json'), service: 'shop' })).toMatchObject({ items: 2, vulnerabilities: 2, open: 1 });
    expect(await ingestGitHubAlerts(database.db, { file: path.join(FIXTURES, 'github-code-scanning-alerts.json'), service: 'shop' })).toMatchObject({ items: 1, open: 0 });
    await ingestGitHubAlerts(database.db, { file: path.join(FIXTURES, 'github-dependabot-alerts.json'), service: 'shop' });
    expect(await count('operational_items')).toBe(7);
  });

  it('refuses a file with one bad row as a whole', async () => {
    const before = await count('operational_items');
    const file = write('bad.csv', 'id,service,kind,opened_at\nGOOD-1,shop,ticket,2024-03-01\nBAD-1,shop,ticket,soon\n');
    expect(await problemsOf(ingestOperationalItems(database.db, { file }))).toEqual([`${file}:3: column opened_at: "soon" is not a timestamp (use ISO 8601 or YYYY-MM-DD HH:MM:SS)`]);
    expect(await count('operational_items')).toBe(before);
  });
});

describe('on-call', () => {
  it('stores shifts from CSV and from PagerDuty, each once however often the files come', async () => {
    expect(await ingestOncallShifts(database.db, { file: path.join(FIXTURES, 'oncall-shifts.csv') })).toEqual({ shifts: 3, skipped: 0, people: 3 });
    expect(await ingestOncallShifts(database.db, { file: path.join(FIXTURES, 'pagerduty-oncalls.json') })).toEqual({ shifts: 2, skipped: 1, people: 2 });
    await ingestOncallShifts(database.db, { file: path.join(FIXTURES, 'oncall-shifts.csv') });
    await ingestOncallShifts(database.db, { file: path.join(FIXTURES, 'pagerduty-oncalls.json') });
    // Ada's PagerDuty shift is the CSV's (same schedule, person and start): four distinct shifts.
    expect(await count('oncall_shifts')).toBe(4);
  });

  it('stores pages from CSV and from PagerDuty log entries, each once', async () => {
    expect(await ingestOncallPages(database.db, { file: path.join(FIXTURES, 'oncall-pages.csv') })).toEqual({ pages: 2, skipped: 0, people: 2 });
    expect(await ingestOncallPages(database.db, { file: path.join(FIXTURES, 'pagerduty-log-entries.json') })).toEqual({ pages: 2, skipped: 2, people: 2 });
    await ingestOncallPages(database.db, { file: path.join(FIXTURES, 'pagerduty-log-entries.json') });
    expect(await count('oncall_pages')).toBe(4);
  });

  it('refuses a bad JSON export with its line and column, storing nothing', async () => {
    const file = write('oncalls.json', '{"oncalls": [\n  {"user": {"id": "PU9"}, "schedule": {"id": "S"}, "start": "2024-03-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}\n]}');
    expect(await problemsOf(ingestOncallShifts(database.db, { file }))).toEqual([`${file}:2:92: $.oncalls[0].end: is not after start`]);
    expect(await count('oncall_shifts')).toBe(4);
  });

  it("counts a person's pages and shifts in their evidence packet, under mapped identities too", async () => {
    const self = (person: BuiltPerson): Actor => ({ accountId: 1, name: person.name, email: person.email, personId: person.id, personPath: null, roles: ['employee'], hrScope: null });
    expect((await personTeamContext(database.db, { actor: self(ada), personId: ada.id, now: NOW })).onCall).toMatchObject({ pages: 2, shifts: 1 });
    expect((await personTeamContext(database.db, { actor: self(grace), personId: grace.id, now: NOW })).onCall).toMatchObject({ pages: 0, shifts: 0 });
    // Grace appears in PagerDuty as PU2, and in the CSV under another email: both unmapped so far.
    expect((await listIdentities(database.db, { unmapped: true })).identities).toEqual([
      { kind: 'email', value: 'grace@example.test', person: null, seenIn: ['on-call shifts'] },
      { kind: 'pagerduty', value: 'pu2', person: null, seenIn: ['on-call pages', 'on-call shifts'] },
    ]);
    const file = write('identities.csv', 'kind,value,person\npagerduty,PU2,E-GRACE\nemail,grace@example.test,grace.hopper@example.test\n');
    expect(await importIdentities(database.db, { file, now: NOW })).toEqual({ mapped: 2, unchanged: 0 });
    expect(await importIdentities(database.db, { file, now: NOW })).toEqual({ mapped: 0, unchanged: 2 });
    expect((await personTeamContext(database.db, { actor: self(grace), personId: grace.id, now: NOW })).onCall).toMatchObject({ pages: 2, shifts: 3 });
    const audit = await database.db.selectFrom('audit_events').select(['action', 'subject_id']).where('action', '=', 'metrics.identity_mapped').execute();
    expect(audit).toEqual([{ action: 'metrics.identity_mapped', subject_id: String(grace.id) }, { action: 'metrics.identity_mapped', subject_id: String(grace.id) }]);
  });

  it('refuses an identities file naming an unknown person or giving someone else’s identity, mapping none of it', async () => {
    const file = write('more.csv', 'kind,value,person\ngithub,ada-l,E-ADA\npagerduty,PU2,E-ADA\nslack,x,E-ADA\ngithub,y,nobody\n');
    expect(await problemsOf(importIdentities(database.db, { file, now: NOW }))).toEqual([
      `${file}:4: column kind: "slack" is not one of email, github, amazon-q, pagerduty`,
      `${file}:5: column person: "nobody" is neither an employee id nor an email of the directory`,
    ]);
    const conflict = write('conflict.csv', 'kind,value,person\ngithub,ada-l,E-ADA\npagerduty,pu2,E-ADA\n');
    expect(await problemsOf(importIdentities(database.db, { file: conflict, now: NOW }))).toEqual([`${conflict}:3: column value: pu2 already belongs to another person (id ${grace.id}); unmap it there first`]);
    expect(await count('person_identities')).toBe(2);
    expect((await listIdentities(database.db, { unmapped: true })).identities).toEqual([]);
    expect((await listIdentities(database.db, { unmapped: false })).identities).toEqual([
      { kind: 'email', value: 'grace@example.test', person: `E-GRACE ${grace.name}` },
      { kind: 'pagerduty', value: 'pu2', person: `E-GRACE ${grace.name}` },
    ]);
  });
});
