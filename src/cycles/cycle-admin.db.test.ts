import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api, buildForteOrg } from '../../test/forte-helpers.ts';

// HR edits a cycle after creating it: renames it, moves deadlines, extends the phase under way,
// deletes a draft; and is refused anything that would rewrite what has already happened.

let database: Database;
let app: FastifyInstance;
let org: Awaited<ReturnType<typeof buildForteOrg>>;
let http: ReturnType<typeof api>;
const clock = new Date('2026-11-02T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  org = await buildForteOrg(database.db, app);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const create = async (name: string) => (await http.send(org.cookies.hr, 'POST', '/api/cycles', { name, rootPersonId: org.people.lead.id, policy: 'amazon' })).json();
const auditCount = async (action: string) => (await database.db.selectFrom('audit_events').select('seq').where('action', '=', action).execute()).length;

describe('editing a cycle', () => {
  it('renames a draft and moves any of its deadlines, with an audit entry', async () => {
    const draft = await create('Forte draft');
    const deadlines = { ...draft.deadlines, self_review: '2026-11-28T23:59:59.999Z' };
    const updated = await http.send(org.cookies.hr, 'PATCH', `/api/cycles/${draft.id}`, { name: 'Forte 2026', deadlines });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Forte 2026', deadlines: { self_review: '2026-11-28T23:59:59.999Z' } });
    expect(await auditCount('cycle.updated')).toBe(1);
    expect((await http.send(org.cookies.manager, 'PATCH', `/api/cycles/${draft.id}`, { name: 'Mine now' })).statusCode).toBe(403);
  });

  it('refuses deadlines out of order and stores nothing', async () => {
    const draft = await create('Out of order');
    const refused = await http.send(org.cookies.hr, 'PATCH', `/api/cycles/${draft.id}`, { deadlines: { ...draft.deadlines, peer_feedback: draft.deadlines.self_review } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ path: 'body.deadlines.peer_feedback', message: 'must be after the previous phase’s deadline' }]);
    expect((await http.get(org.cookies.hr, `/api/cycles/${draft.id}`)).json().deadlines).toEqual(draft.deadlines);
  });

  it('extends the phase under way of a launched cycle, but never rewrites a passed deadline', async () => {
    const cycle = await create('Launched');
    await http.send(org.cookies.hr, 'POST', `/api/cycles/${cycle.id}/launch`);
    clock.setTime(Date.parse('2026-11-25T09:00:00Z'));
    await org.refreshSessions();
    const extended = await http.send(org.cookies.hr, 'PATCH', `/api/cycles/${cycle.id}`, { deadlines: { ...cycle.deadlines, peer_feedback: '2027-01-05T23:59:59.999Z' } });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().phase).toBe('peer_feedback');
    const rewrite = await http.send(org.cookies.hr, 'PATCH', `/api/cycles/${cycle.id}`, { deadlines: { ...extended.json().deadlines, self_review: '2026-11-30T23:59:59.999Z' } });
    expect(rewrite.statusCode).toBe(400);
    expect(rewrite.json().errors[0].path).toBe('body.deadlines.self_review');
    const deleted = await http.send(org.cookies.hr, 'DELETE', `/api/cycles/${cycle.id}`);
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json().rule).toBe('CYCLE_LAUNCHED');
  });

  it('deletes a draft cycle, with an audit entry', async () => {
    const draft = await create('Never launched');
    expect((await http.send(org.cookies.hr, 'DELETE', `/api/cycles/${draft.id}`)).statusCode).toBe(204);
    expect((await http.get(org.cookies.hr, `/api/cycles/${draft.id}`)).statusCode).toBe(404);
    expect(await auditCount('cycle.deleted')).toBe(1);
  });
});
