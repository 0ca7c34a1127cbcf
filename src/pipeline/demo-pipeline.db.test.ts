import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { seedDemo } from '../people/demo.service.ts';
import { verifyAuditChain } from '../audit/audit-chain.service.ts';
import { findDemoActors } from '../cycles/demo-cycle.ts';
import { hireToFireSignal } from './ura.service.ts';
import { pipelineBoardFor } from './board.service.ts';
import { DEMO_PIPELINE_CYCLE_NAME, seedDemoPipeline } from './demo-pipeline.ts';

let database: Database;
const now = new Date('2026-11-20T10:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  const result = await seedDemo(database.db, { now });
  expect(result.status).toBe('seeded');
});
afterAll(async () => {
  await database.close();
});

describe('the demo pipeline', () => {
  it('has cases at every stage, the overdue Pivot escalated, and an intact audit chain', async () => {
    const cases = await database.db.selectFrom('pipeline_cases').select(['stage', 'escalated_at']).orderBy('id').execute();
    expect(cases.map((c) => c.stage)).toEqual(['focus', 'pivot', 'pip', 'kept', 'left_tier1', 'terminated', 'identified', 'identified', 'identified']);
    expect(cases[1]!.escalated_at?.toISOString()).toBe(now.toISOString());
    expect((await database.db.selectFrom('exits').select('kind').orderBy('id').execute()).map((e) => e.kind)).toEqual(['voluntary', 'involuntary']);
    expect((await verifyAuditChain(database.db)).problem).toBeNull();
  });

  it('shows a hire-to-fire pattern and fills HR’s board', async () => {
    const { hr } = await findDemoActors(database.db);
    const cycle = await database.db.selectFrom('review_cycles').select('id').where('name', '=', DEMO_PIPELINE_CYCLE_NAME).executeTakeFirstOrThrow();
    const signal = await hireToFireSignal(database.db, { actor: hr, cycleId: cycle.id, now });
    expect(signal.organisation.le).toBe(9);
    expect(signal.newHires.le).toBeGreaterThanOrEqual(4);
    const board = await pipelineBoardFor(database.db, { actor: hr, now });
    expect(board.passRates).toMatchObject({ pip: { concluded: 2, passed: 1 }, appeal: { decided: 1, won: 0 } });
  });

  it('adds nothing when seeded again', async () => {
    expect((await seedDemoPipeline(database.db, { now })).status).toBe('already-seeded');
    expect(Number((await database.db.selectFrom('pipeline_cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(9);
  });
});
