import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildPerson } from '../../test/factories.ts';
import { signInCookie, startTestServer } from '../../test/server.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.service.ts';

let demo: Database;
let real: Database;

beforeAll(async () => {
  [demo, real] = await Promise.all([openTestDatabase(), openTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([demo.close(), real.close()]);
});

describe('demo organisation', () => {
  it('seeds 300+ people in three organisations and 30+ teams, with a sign-in per role', async () => {
    const result = await seedDemo(demo.db, { now: new Date('2026-11-23T10:00:00Z') });
    expect(result.status).toBe('seeded');
    const people = await demo.db.selectFrom('people').select(['id', 'path', 'manager_id', 'team_id']).execute();
    expect(people.length).toBeGreaterThanOrEqual(300);
    const tops = people.filter((p) => p.manager_id === null);
    expect(tops).toHaveLength(1);
    const organisations = people.filter((p) => p.manager_id === tops[0]!.id);
    expect(organisations).toHaveLength(3);
    expect(new Set(people.map((p) => p.team_id).filter((t) => t !== null)).size).toBeGreaterThanOrEqual(30);

    if (result.status === 'refused') throw new Error('unexpected');
    const app = await startTestServer(demo.db);
    const rolesBySignIn: Record<string, string[]> = {};
    for (const account of result.accounts) {
      const cookie = await signInCookie(app, account.email, DEMO_PASSWORD);
      rolesBySignIn[account.role] = (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json().roles;
    }
    await app.close();
    expect(rolesBySignIn).toMatchObject({
      admin: ['employee', 'admin'],
      hr: ['employee', 'hr'],
      'hr-scoped': ['employee', 'hr'],
      leader: ['employee', 'manager'],
      manager: ['employee', 'manager'],
      employee: ['employee'],
    });
  });

  it('is deterministic and seeds only once', async () => {
    const again = await seedDemo(demo.db, { now: new Date() });
    expect(again.status).toBe('already-seeded');
    const count = await demo.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6);
  });

  it('never runs against a database that holds other data', async () => {
    await buildPerson(real.db, { name: 'Real Person' });
    const result = await seedDemo(real.db, { now: new Date() });
    expect(result.status).toBe('refused');
    const people = await real.db.selectFrom('people').select('name').execute();
    expect(people).toEqual([{ name: 'Real Person' }]);
    expect(await real.db.selectFrom('accounts').select('id').execute()).toHaveLength(0);
  });
});
