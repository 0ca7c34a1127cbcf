import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildAccount, buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { signInCookie, startTestServer, WRITE_HEADERS } from '../../test/server.ts';
import { givePeerFeedback, giveLogNote } from '../../test/promotion-helpers.ts';
import { loadActor } from '../accounts/actor.ts';
import { createCycle, launchCycle } from '../cycles/cycles.service.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { isErasureMarker } from '../audit/audit-erasure.rules.ts';
import { verifyAuditChain } from '../audit/audit-chain.service.ts';
import { pseudonymFor } from './erasure.rules.ts';
import { ERASED_ACTION } from './erasure.service.ts';

/**
 * The data export and erasure through the API: who may call them, that the export carries no
 * peer author, and that erasure removes, pseudonymises and keeps what the rules say, in one
 * transaction, with the audit chain still verifying.
 */
let database: Database;
let app: FastifyInstance;
const now = new Date();
const SELF_REVIEW = 'Self review Qz71: rebuilt the settlement batch';
const RECEIVED = 'Received feedback Lm44: careful reviews';
const WRITTEN = 'Written feedback Pr19: great incident lead';
const LOG_NOTE = 'Log note Vb63: handled the outage';
const GENDER = 'Gender-Value-Xy55';

let people: { root: BuiltPerson; manager: BuiltPerson; target: BuiltPerson; other: BuiltPerson; xRoot: BuiltPerson; authors: BuiltPerson[] };
let cookies: Record<'target' | 'manager' | 'other' | 'hrIn' | 'hrOut' | 'admin', string>;

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  app = await startTestServer(db);
  const root = await buildPerson(db, { name: 'Rhea Root', level: 'L8', email: 'rhea.root@privacy.test' });
  const manager = await buildPerson(db, { name: 'Milo Manager', manager: root, level: 'L6', email: 'milo.manager@privacy.test' });
  const target = await buildPerson(db, { name: 'Tova Targetperson', manager, email: 'tova.target@privacy.test', employeeId: 'EMP-PRIV-0042', attributes: { gender: GENDER } });
  const other = await buildPerson(db, { name: 'Otto Other', manager, email: 'otto.other@privacy.test' });
  const xRoot = await buildPerson(db, { name: 'Xia Xroot', level: 'L8', email: 'xia.xroot@privacy.test' });
  const authors = [
    await buildPerson(db, { name: 'Pia Peerauthorone', manager, email: 'pia.author@privacy.test' }),
    await buildPerson(db, { name: 'Pax Peerauthortwo', manager, email: 'pax.author@privacy.test' }),
    await buildPerson(db, { name: 'Poe Peerauthorthree', manager, email: 'poe.author@privacy.test' }),
  ];
  people = { root, manager, target, other, xRoot, authors };
  const accounts = {
    target: await buildAccount(db, { person: target }),
    manager: await buildAccount(db, { person: manager }),
    other: await buildAccount(db, { person: other }),
    hrIn: await buildAccount(db, { roles: ['hr'], email: 'hr.in@privacy.test', hrScope: { wholeOrganisation: false, rootPersonIds: [root.id] } }),
    hrOut: await buildAccount(db, { roles: ['hr'], email: 'hr.out@privacy.test', hrScope: { wholeOrganisation: false, rootPersonIds: [xRoot.id] } }),
    admin: await buildAccount(db, { roles: ['admin'], email: 'admin@privacy.test' }),
  };
  const hr = (await loadActor(db, accounts.hrIn.id))!;
  // Humane: peer feedback is released to the recipient as it arrives once three have arrived.
  const cycleId = await createCycle(db, { actor: hr, name: 'Privacy cycle', rootPersonId: root.id, policyKey: 'humane', now });
  await launchCycle(db, { actor: hr, cycleId, now });
  await db.insertInto('self_reviews').values({ cycle_id: cycleId, person_id: target.id, body: SELF_REVIEW, principles: '[]', status: 'submitted', submitted_at: now }).execute();
  await givePeerFeedback(db, { cycleId, subjectId: target.id, authors, submittedAt: now });
  // The helper signs the text with the author's name; anonymous feedback must not.
  await db.updateTable('peer_feedback').set({ superpowers: RECEIVED }).where('subject_id', '=', target.id).execute();
  // Feedback the target wrote about someone else: theirs to export, and kept (unattributed) on erasure.
  const [written] = await givePeerFeedback(db, { cycleId, subjectId: other.id, authors: [target], submittedAt: now });
  await db.updateTable('peer_feedback').set({ superpowers: WRITTEN }).where('id', '=', written!).execute();
  await giveLogNote(db, { personId: target.id, authorId: target.id, body: LOG_NOTE });
  await db.insertInto('person_identities').values({ kind: 'github', value: 'tova-gh', person_id: target.id }).execute();
  await db.transaction().execute((trx) =>
    appendAuditEvent(trx, { actorAccountId: accounts.admin.id, action: 'test.mentions', subjectType: 'team', subjectId: 1, details: { changed: { email: target.email }, note: 'not about anyone' }, at: now }),
  );
  let n = 0;
  cookies = {} as typeof cookies;
  for (const who of Object.keys(accounts) as (keyof typeof accounts)[]) cookies[who] = await signInCookie(app, accounts[who].email, accounts[who].password, `10.93.0.${++n}`);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const exportOf = (personId: number, cookie?: string) => app.inject({ method: 'GET', url: `/api/people/${personId}/data-export`, headers: cookie ? { cookie } : {} });

/** Every key and every string or number anywhere in a JSON value. */
function walk(value: unknown, visit: (key: string | null, leaf: unknown) => void, key: string | null = null): void {
  if (Array.isArray(value)) for (const item of value) walk(item, visit, key);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, visit, k);
  else visit(key, value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) for (const k of Object.keys(value)) visit(k, undefined);
}

describe('the data export', () => {
  it('gives the person everything about them, with received peer feedback and no peer author anywhere', async () => {
    const response = await exportOf(people.target.id, cookies.target);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="highbar-person-${people.target.id}.json"`);
    const body = response.body;
    const document = response.json();
    expect(document).toMatchObject({ format: 'highbar-person-export', version: 1, personId: people.target.id, attributes: [{ name: 'gender', value: GENDER }], metricsIdentities: [{ kind: 'github', value: 'tova-gh' }] });
    for (const text of [SELF_REVIEW, RECEIVED, WRITTEN, LOG_NOTE, people.target.email]) expect(body).toContain(text);
    const received = document.cycles[0].peerFeedbackReceived;
    expect(received).toMatchObject({ released: true });
    expect(received.responses).toHaveLength(3);

    // No author's name, email or employee id, as a value or inside any text; no author key; no
    // author id under any key that names a person.
    for (const author of people.authors) {
      for (const value of [author.name, author.email, author.employeeId]) expect(body).not.toContain(value);
    }
    const authorIds = new Set(people.authors.map((a) => a.id));
    walk(document.cycles, (key, leaf) => {
      if (key !== null) expect(key).not.toMatch(/author|reviewer|nominated/iu);
      if (typeof leaf === 'number' && key !== null && /person|author|reviewer|^id$/iu.test(key)) expect(authorIds.has(leaf), `${key}: ${leaf}`).toBe(false);
    });
  });

  it('is audited, naming the person by id', async () => {
    const entries = await database.db.selectFrom('audit_events').select(['action', 'subject_id', 'details']).where('action', '=', 'privacy.export.created').execute();
    expect(entries).toContainEqual({ action: 'privacy.export.created', subject_id: String(people.target.id), details: { self: true, cycles: 1 } });
  });

  it('lets HR in scope produce it on request, and refuses everyone else', async () => {
    expect((await exportOf(people.target.id, cookies.hrIn)).statusCode).toBe(200);
    expect((await exportOf(people.target.id)).statusCode).toBe(401);
    for (const [who, status] of [['other', 404], ['hrOut', 404], ['manager', 403], ['admin', 403]] as const) {
      const response = await exportOf(people.target.id, cookies[who]);
      expect(response.statusCode, who).toBe(status);
      expect(response.body, who).not.toContain(SELF_REVIEW);
      expect(response.body, who).not.toContain(RECEIVED);
    }
    // Another person's export is no one else's, whatever id they try.
    expect((await exportOf(people.manager.id, cookies.other)).statusCode).toBe(404);
    expect((await exportOf(999_999, cookies.target)).statusCode).toBe(404);
  });
});

describe('erasure', () => {
  const erase = (personId: number, cookie: string, payload: object = { confirm: true }) =>
    app.inject({ method: 'POST', url: `/api/people/${personId}/erasure`, headers: { ...WRITE_HEADERS, cookie }, payload });

  it('is for administrators only, needs an explicit confirmation, and only for a leaver', async () => {
    expect((await erase(people.target.id, cookies.hrIn)).statusCode).toBe(403);
    expect((await erase(people.target.id, cookies.target)).statusCode).toBe(403);
    expect((await erase(people.target.id, cookies.admin, {})).statusCode).toBe(400);
    expect((await erase(people.target.id, cookies.admin, { confirm: 'yes' })).statusCode).toBe(400);
    const active = await erase(people.target.id, cookies.admin);
    expect(active.statusCode).toBe(409);
    expect(active.json().detail).toContain('only people who have left');
    expect((await database.db.selectFrom('people').select('name').where('id', '=', people.target.id).executeTakeFirstOrThrow()).name).toBe(people.target.name);
  });

  it('erases a leaver by the rules, in one go, and the audit chain still verifies', async () => {
    const db = database.db;
    await db.updateTable('people').set({ status: 'terminated' }).where('id', '=', people.target.id).execute();
    const response = await erase(people.target.id, cookies.admin);
    expect(response.statusCode, response.body).toBe(200);
    const { counts } = response.json();
    expect(counts).toMatchObject({ self_reviews: 1, peer_feedback: 3, person_attributes: 1, person_identities: 1, feedback_log: 1, people: 1, accounts: 1 });
    expect(counts.audit_payloads).toBeGreaterThanOrEqual(1);

    const pseudonym = pseudonymFor(people.target.id);
    expect(await db.selectFrom('people').select(['name', 'email', 'employee_id', 'title']).where('id', '=', people.target.id).executeTakeFirstOrThrow()).toEqual({ name: pseudonym.name, email: pseudonym.email, employee_id: pseudonym.employeeId, title: null });
    const account = await db.selectFrom('accounts').select(['email', 'roles', 'disabled_at']).where('person_id', '=', people.target.id).executeTakeFirstOrThrow();
    expect(account.email).toMatch(/^erased-account-\d+@erased\.invalid$/u);
    expect(account.roles).toEqual([]);
    expect(account.disabled_at).not.toBeNull();
    // Their session is gone: the cookie no longer signs anyone in.
    expect((await exportOf(people.target.id, cookies.target)).statusCode).toBe(401);
    expect(await db.selectFrom('self_reviews').select('id').where('person_id', '=', people.target.id).execute()).toEqual([]);
    expect(await db.selectFrom('peer_feedback').select('id').where('subject_id', '=', people.target.id).execute()).toEqual([]);
    expect(await db.selectFrom('person_attributes').select('name').where('person_id', '=', people.target.id).execute()).toEqual([]);
    // The feedback they gave stays for its recipient, unattributed: the author row names no one.
    const kept = await db.selectFrom('peer_feedback as f').innerJoin('people as a', 'a.id', 'f.author_id').select(['f.superpowers', 'a.name']).where('f.subject_id', '=', people.other.id).execute();
    expect(kept).toEqual([{ superpowers: WRITTEN, name: pseudonym.name }]);

    // Audit: payloads about them erased; nothing else in the table still holds their name or email.
    const rows = await db.selectFrom('audit_events').select(['seq', 'action', 'subject_id', 'details']).orderBy('seq').execute();
    const text = JSON.stringify(rows);
    for (const value of [people.target.name, people.target.email, people.target.employeeId]) expect(text).not.toContain(value);
    expect(rows.find((r) => r.action === 'test.mentions')!.details).toSatisfy(isErasureMarker);
    const erased = rows.filter((r) => r.action === ERASED_ACTION);
    expect(erased).toHaveLength(1);
    expect(erased[0]).toMatchObject({ subject_id: String(people.target.id), details: { counts } });
    expect((await verifyAuditChain(db)).problem).toBeNull();
  });

  it('refuses a second erasure of the same person', async () => {
    const again = await erase(people.target.id, cookies.admin);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('already erased');
  });

  it('reports a payload erased outside an erasure, though the database allows the change itself', async () => {
    const db = database.db;
    const { seq } = await db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '!=', ERASED_ACTION)
      .where(sql<boolean>`not (details ? 'erased')`)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await sql`update audit_events set details = ${JSON.stringify({ erased: true, at: new Date().toISOString() })}::jsonb where seq = ${seq}`.execute(db);
    expect((await verifyAuditChain(db)).problem).toMatchObject({ kind: 'unaccounted-erasure', seq: Number(seq) });
  });
});
