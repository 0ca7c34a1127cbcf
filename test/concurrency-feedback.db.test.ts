import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../src/db/database.ts';
import { openTestDatabase } from './db.ts';
import { startTestServer, WRITE_HEADERS } from './server.ts';
import { api, buildForteOrg } from './forte-helpers.ts';
import { scheduledDatabase, type ScheduledDatabase } from './scheduled-db.ts';

// Peer feedback under a fast-check scheduler: autosaving tabs, a submission, a decline by the
// reviewer and a withdrawal by the manager race on one request, through the real app, with every
// database statement a point the scheduler orders (test/scheduled-db.ts). Whatever the order:
// no 500, no two writes of the same version, a refused write says why with the version that
// beat it, and the stored state is what some serial order of the successful requests (each
// actor's own requests in the order it sent them) would have left.

let database: Database;
let scheduled: ScheduledDatabase;
let app: FastifyInstance;
let org: Awaited<ReturnType<typeof buildForteOrg>>;
let cycleId: number;
let requestId: number;
const clock = new Date('2026-11-02T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  scheduled = scheduledDatabase(database);
  app = await startTestServer(scheduled.db, { now: () => clock });
  const http = api(app);
  org = await buildForteOrg(database.db, app);
  cycleId = (await http.send(org.cookies.hr, 'POST', '/api/cycles', { name: 'Scheduled races', rootPersonId: org.people.lead.id, policy: 'amazon' })).json().id;
  expect((await http.send(org.cookies.hr, 'POST', `/api/cycles/${cycleId}/launch`)).statusCode).toBe(200);
  const asked = await http.send(org.cookies.manager, 'POST', `/api/cycles/${cycleId}/peer-requests`, { subjectId: org.people.engineer.id, reviewerIds: [org.people.peers[0]!.id] });
  expect(asked.statusCode, asked.body).toBe(200);
  requestId = (await http.get(org.cookies.peers[0]!, `/api/cycles/${cycleId}/tasks`)).json().feedbackToWrite[0].requestId;
});
afterAll(async () => {
  await app.close();
  await scheduled.close();
  await database.close();
});

type Kind = 'save' | 'submit' | 'decline' | 'withdraw';
interface Op {
  actor: string;
  kind: Kind;
  text?: string;
  version?: number;
  status: number;
  body: Record<string, unknown> | null;
}
interface State {
  request: string;
  feedback: { status: string; version: number; superpowers: string } | null;
}

const answers = (superpowers: string, version: number | undefined) => ({
  superpowers,
  improvements: 'Write the rollback plan before the rollout.',
  lpsChampioned: ['Dive Deep'],
  lpsToImprove: [],
  ...(version === undefined ? {} : { version }),
});

/** What the service does with one request, as a pure step over the stored state; null when refused. */
function applyOp(state: State, op: Op): State | null {
  const open = state.request === 'requested' || state.request === 'accepted';
  switch (op.kind) {
    case 'save':
    case 'submit': {
      if (!open) return null;
      const current = state.feedback;
      if (current?.status === 'submitted') return null;
      const version = current?.version ?? 0;
      if (op.version !== undefined && op.version !== version) return null;
      return { request: op.kind === 'submit' ? 'submitted' : 'accepted', feedback: { status: op.kind === 'submit' ? 'submitted' : 'draft', version: version + 1, superpowers: op.text! } };
    }
    case 'decline':
      return state.request === 'withdrawn' || state.request === 'submitted' ? null : { ...state, request: 'declined' };
    case 'withdraw':
      return state.request === 'submitted' ? null : { ...state, request: 'withdrawn' };
  }
}

/** A serial order of the successful ops that keeps each actor's order, answers what each got, and ends in `final`. */
function serialOrder(ops: Op[], initial: State, final: State): Op[] | null {
  const succeeded = ops.filter((op) => op.status < 300);
  const search = (state: State, remaining: Op[], order: Op[]): Op[] | null => {
    if (!remaining.length) return JSON.stringify(state) === JSON.stringify(final) ? order : null;
    for (const op of remaining) {
      // An actor's requests run one after the other: only its earliest remaining one may go next.
      if (remaining.find((o) => o.actor === op.actor) !== op) continue;
      const next = applyOp(state, op);
      if (!next) continue;
      if ((op.kind === 'save' || op.kind === 'submit') && (op.body?.version !== next.feedback?.version || op.body?.superpowers !== op.text)) continue;
      const found = search(next, remaining.filter((o) => o !== op), [...order, op]);
      if (found) return found;
    }
    return null;
  };
  return search(initial, succeeded, []);
}

const planArbitrary = fc.record({
  tabs: fc.array(fc.record({ saves: fc.integer({ min: 1, max: 2 }), versioned: fc.boolean(), retryOnConflict: fc.boolean() }), { minLength: 1, maxLength: 2 }),
  submit: fc.option(fc.record({ versioned: fc.boolean(), retryOnConflict: fc.boolean() }), { nil: null }),
  decline: fc.boolean(),
  withdraw: fc.boolean(),
  startWithDraft: fc.boolean(),
});

async function resetRequest(startWithDraft: boolean): Promise<State> {
  await database.db.deleteFrom('peer_feedback').where('request_id', '=', requestId).execute();
  await database.db.updateTable('peer_requests').set({ status: 'requested', decline_reason: null }).where('id', '=', requestId).execute();
  if (!startWithDraft) return { request: 'requested', feedback: null };
  const saved = await app.inject({ method: 'PUT', url: `/api/peer-requests/${requestId}/feedback`, headers: { ...WRITE_HEADERS, cookie: org.cookies.peers[0]! }, payload: answers('initial draft', 0) });
  expect(saved.statusCode, saved.body).toBe(200);
  return { request: 'accepted', feedback: { status: 'draft', version: 1, superpowers: 'initial draft' } };
}

async function storedState(): Promise<State> {
  const request = await database.db.selectFrom('peer_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
  const feedback = await database.db.selectFrom('peer_feedback').select(['status', 'version', 'superpowers']).where('request_id', '=', requestId).executeTakeFirst();
  return { request: request.status, feedback: feedback ?? null };
}

describe('peer feedback writes under a scheduler', () => {
  it('keeps every interleaving of autosave, submit, decline and withdraw serialisable, with no lost update and no 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), planArbitrary, async (s, plan) => {
        const initial = await resetRequest(plan.startWithDraft);
        const loaded = initial.feedback?.version ?? 0;
        const ops: Op[] = [];
        const url = `/api/peer-requests/${requestId}/feedback`;

        /** One HTTP request whose dispatch and the reading of whose answer the scheduler also orders. */
        async function send(actor: string, kind: Kind, cookie: string, method: 'PUT' | 'POST' | 'DELETE', path: string, payload?: object, text?: string, version?: number) {
          await scheduled.park(`${actor} sends ${kind}`);
          const response: LightMyRequestResponse = await app.inject({ method, url: path, headers: { ...WRITE_HEADERS, cookie }, ...(payload ? { payload } : {}) });
          await scheduled.park(`${actor} reads ${kind} ${response.statusCode}`);
          const op: Op = { actor, kind, text, version, status: response.statusCode, body: response.body ? (response.json() as Record<string, unknown>) : null };
          ops.push(op);
          return op;
        }
        // A client that, told of a conflict, takes the version it was shown and saves again (as the page does).
        async function write(actor: string, kind: 'save' | 'submit', text: string, version: number | undefined, retryOnConflict: boolean) {
          const path = kind === 'submit' ? `${url}/submit` : url;
          const method = kind === 'submit' ? 'POST' : 'PUT';
          const op = await send(actor, kind, org.cookies.peers[0]!, method, path, answers(text, version), text, version);
          if (op.status === 409 && op.body?.rule === 'VERSION_CONFLICT' && retryOnConflict) {
            const retried = `${text} (again)`;
            return send(actor, kind, org.cookies.peers[0]!, method, path, answers(retried, op.body.version as number), retried, op.body.version as number);
          }
          return op;
        }

        const actors: (() => Promise<unknown>)[] = [];
        plan.tabs.forEach((tab, t) =>
          actors.push(async () => {
            let version: number | undefined = tab.versioned ? loaded : undefined;
            for (let i = 0; i < tab.saves; i++) {
              const op = await write(`tab${t}`, 'save', `tab ${t} save ${i}`, version, tab.retryOnConflict);
              if (op.status !== 200) return;
              version = tab.versioned ? (op.body!.version as number) : undefined;
            }
          }),
        );
        if (plan.submit) {
          const { versioned, retryOnConflict } = plan.submit;
          actors.push(() => write('submitter', 'submit', 'final words', versioned ? loaded : undefined, retryOnConflict));
        }
        if (plan.decline) actors.push(() => send('decliner', 'decline', org.cookies.peers[0]!, 'POST', `/api/peer-requests/${requestId}/respond`, { accept: false, reason: 'Not enough context this year.' }));
        if (plan.withdraw) actors.push(() => send('manager', 'withdraw', org.cookies.manager, 'DELETE', `/api/peer-requests/${requestId}`));

        const settled = await scheduled.run(s, actors);
        for (const result of settled) if (result.status === 'rejected') throw result.reason;
        const final = await storedState();

        // Never a 500, and only the answers each request may give.
        const allowed: Record<Kind, number[]> = { save: [200, 404, 409], submit: [200, 404, 409], decline: [204, 404, 409], withdraw: [204, 404, 409] };
        for (const op of ops) expect(allowed[op.kind], `${op.actor} ${op.kind}: ${op.status} ${JSON.stringify(op.body)}`).toContain(op.status);

        // No lost update: each successful write made its own version, one above the last.
        const written = ops.filter((op) => (op.kind === 'save' || op.kind === 'submit') && op.status === 200);
        const versions = written.map((op) => op.body!.version as number).sort((a, b) => a - b);
        expect(versions).toEqual(versions.map((_, i) => loaded + 1 + i));
        if (written.length) expect(final.feedback).toMatchObject({ version: versions.at(-1), superpowers: written.find((op) => op.body!.version === versions.at(-1))!.text });

        // A conflict answers the version that beat it, with that version's text.
        const textOf = new Map<number, string>([[loaded, initial.feedback?.superpowers ?? ''], ...written.map((op) => [op.body!.version as number, op.text!] as const)]);
        for (const op of ops.filter((o) => o.body?.rule === 'VERSION_CONFLICT')) {
          const version = op.body!.version as number;
          expect(version, JSON.stringify(op)).not.toBe(op.version);
          expect(textOf.get(version), JSON.stringify(op)).toBe((op.body!.latest as { superpowers: string }).superpowers);
        }

        // The stored state is what one serial order of the successful requests leaves.
        const order = serialOrder(ops, initial, final);
        expect(order, `no serial order reaches ${JSON.stringify(final)} from ${JSON.stringify(initial)} with ${JSON.stringify(ops)}`).not.toBeNull();
        // Consistency a reader relies on: submitted feedback means a submitted request, and back.
        expect(final.feedback?.status === 'submitted', JSON.stringify(final)).toBe(final.request === 'submitted');
      }),
      { numRuns: Number(process.env.HIGHBAR_SCHEDULER_RUNS ?? 40) },
    );
  }, 120_000);
});
