import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { buildAccount, buildPerson, type BuiltPerson } from './factories.ts';
import { signInCookie, WRITE_HEADERS } from './server.ts';

/** A small organisation for a cycle: a leader, a manager with an engineer and six colleagues, and HR. */
export async function buildForteOrg(db: Kysely<DB>, app: FastifyInstance) {
  const lead = await buildPerson(db, { name: 'Lena Lead', level: 'L8' });
  const manager = await buildPerson(db, { name: 'Marco Manager', manager: lead, level: 'L6', email: 'marco@corp.test' });
  const engineer = await buildPerson(db, { name: 'Erin Engineer', manager, level: 'L5', email: 'erin@corp.test', employeeId: 'EMP-ERIN' });
  const peers: BuiltPerson[] = [];
  for (const [i, name] of ['Priya Patel', 'Quentin Quist', 'Rosa Romero', 'Sven Sorensen', 'Tariq Tahir', 'Uma Ueda'].entries()) {
    peers.push(await buildPerson(db, { name, manager, level: 'L5', email: `peer${i}@corp.test`, employeeId: `EMP-PEER${i}` }));
  }
  const people = { lead, manager, engineer, peers };
  const accounts = {
    hr: await buildAccount(db, { roles: ['hr'], email: 'hr@corp.test' }),
    manager: await buildAccount(db, { person: manager }),
    engineer: await buildAccount(db, { person: engineer }),
    peers: await Promise.all(peers.map((p) => buildAccount(db, { person: p }))),
  };
  const cookies = {
    hr: await signInCookie(app, accounts.hr.email, accounts.hr.password),
    manager: await signInCookie(app, accounts.manager.email, accounts.manager.password),
    engineer: await signInCookie(app, accounts.engineer.email, accounts.engineer.password),
    peers: await Promise.all(accounts.peers.map((a, i) => signInCookie(app, a.email, a.password, `10.20.0.${i}`))),
  };
  /** Signs everyone in again: moving the clock by weeks ends every session, as it should. */
  async function refreshSessions() {
    cookies.hr = await signInCookie(app, accounts.hr.email, accounts.hr.password);
    cookies.manager = await signInCookie(app, accounts.manager.email, accounts.manager.password);
    cookies.engineer = await signInCookie(app, accounts.engineer.email, accounts.engineer.password);
    cookies.peers = await Promise.all(accounts.peers.map((a, i) => signInCookie(app, a.email, a.password, `10.20.0.${i}`)));
  }
  return { people, accounts, cookies, refreshSessions };
}

export function api(app: FastifyInstance) {
  return {
    get: (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } }),
    send: (cookie: string, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      app.inject({ method, url, headers: { ...WRITE_HEADERS, cookie }, ...(payload ? { payload } : {}) }),
  };
}

/** Sixty words of plausible feedback, and one more. */
export const SIXTY_WORDS = Array.from({ length: 60 }, (_, i) => ['clear', 'design', 'reviews', 'helped', 'the', 'team', 'ship', 'safely'][i % 8]).join(' ');
export const SIXTY_ONE_WORDS = `${SIXTY_WORDS} again`;
