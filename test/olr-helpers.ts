import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { buildAccount, buildPerson, type BuiltPerson } from './factories.ts';
import { signInCookie } from './server.ts';
import { api } from './forte-helpers.ts';

/**
 * An organisation big enough for distribution targets to apply (they start at 10 people): a
 * director over two managers with six engineers each, an HR partner, and accounts for all. The
 * four calibrators are the director, both managers and HR, so a manager's own reports still have
 * three calibrators who are not their advocate.
 */
export async function buildOlrOrg(db: Kysely<DB>, app: FastifyInstance, tag: string) {
  const director = await buildPerson(db, { name: `Dana Director ${tag}`, level: 'L8', email: `dana.${tag}@corp.test` });
  const managers = [
    await buildPerson(db, { name: `Alma Manager ${tag}`, manager: director, level: 'L6', email: `alma.${tag}@corp.test`, team: `Payments ${tag}` }),
    await buildPerson(db, { name: `Bert Manager ${tag}`, manager: director, level: 'L6', email: `bert.${tag}@corp.test`, team: `Search ${tag}` }),
  ];
  const engineers: BuiltPerson[] = [];
  for (const [m, manager] of managers.entries()) {
    for (let i = 0; i < 6; i++) {
      engineers.push(await buildPerson(db, { name: `Eng ${tag} ${m}-${i}`, manager, level: i < 4 ? 'L5' : 'L4', email: `eng.${tag}.${m}.${i}@corp.test`, team: m === 0 ? `Payments ${tag}` : `Search ${tag}` }));
    }
  }
  const accounts = {
    hr: await buildAccount(db, { roles: ['hr'], email: `hr.${tag}@corp.test` }),
    director: await buildAccount(db, { person: director }),
    managers: await Promise.all(managers.map((p) => buildAccount(db, { person: p }))),
    engineers: await Promise.all(engineers.map((p) => buildAccount(db, { person: p }))),
  };
  const cookies = { hr: '', director: '', managers: [] as string[], engineers: [] as string[] };
  async function signIn() {
    cookies.hr = await signInCookie(app, accounts.hr.email, accounts.hr.password, '10.30.0.1');
    cookies.director = await signInCookie(app, accounts.director.email, accounts.director.password, '10.30.0.2');
    cookies.managers = await Promise.all(accounts.managers.map((a, i) => signInCookie(app, a.email, a.password, `10.30.1.${i}`)));
    cookies.engineers = await Promise.all(accounts.engineers.slice(0, 4).map((a, i) => signInCookie(app, a.email, a.password, `10.30.2.${i}`)));
  }
  await signIn();
  return { people: { director, managers, engineers }, accounts, cookies, signIn };
}

export type OlrOrg = Awaited<ReturnType<typeof buildOlrOrg>>;

/** A launched cycle under `policy` for the org's director subtree. */
export async function launchCycle(app: FastifyInstance, org: OlrOrg, policy: string, name: string): Promise<number> {
  const http = api(app);
  const created = await http.send(org.cookies.hr, 'POST', '/api/cycles', { name, rootPersonId: org.people.director.id, policy });
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as number;
  const launched = await http.send(org.cookies.hr, 'POST', `/api/cycles/${id}/launch`);
  if (launched.statusCode !== 200) throw new Error(launched.body);
  return id;
}

/** Evidence in the given dimensions, one item each. */
export function evidenceIn(...dimensions: string[]) {
  return {
    byDimension: Object.fromEntries(dimensions.map((d) => [d, [`A ${d} example with an outcome`]])),
    impactExamples: ['Shipped the ledger migration with zero downtime'],
    peerFeedbackThemes: 'Clear reviews; could share drafts earlier.',
    logNoteIds: [],
    systemMetrics: ['p99 latency of the ledger API down from 340 ms to 120 ms'],
    multiplierImpact: 'Introduced the runbook template the team now uses.',
  };
}

export function proposal(performance: number, potential: number, dimensions: string[] = ['delivery', 'collaboration']) {
  return { performance, potential, principles: { Ownership: 3 }, justification: 'Delivered the quarter’s commitments with care for operations.', evidence: evidenceIn(...dimensions) };
}
