import { describe, expect, it } from 'vitest';
import { dueEscalations, type DeadlineCase } from './deadlines.rules.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2027-03-01T12:00:00Z');

describe('deadline escalation, with a moving clock', () => {
  const pivot: DeadlineCase = { id: 1, stage: 'pivot', dueAt: new Date(T0 + 30 * DAY).toISOString(), escalatedAt: null };
  const pip: DeadlineCase = { id: 2, stage: 'pip', dueAt: new Date(T0 + 60 * DAY).toISOString(), escalatedAt: null };
  const identified: DeadlineCase = { id: 3, stage: 'identified', dueAt: null, escalatedAt: null };
  const kept: DeadlineCase = { id: 4, stage: 'kept', dueAt: new Date(T0).toISOString(), escalatedAt: null };

  it('escalates nothing while every deadline is ahead, including the deadline instant itself', () => {
    for (const days of [0, 10, 29, 30]) expect(dueEscalations([pivot, pip, identified], new Date(T0 + days * DAY))).toEqual([]);
  });

  it('escalates a missed Pivot decision once the clock passes it, saying by how much', () => {
    expect(dueEscalations([pivot, pip], new Date(T0 + 30 * DAY + 1))).toEqual([{ caseId: 1, stage: 'pivot', kind: 'pivot-decision-overdue', dueAt: pivot.dueAt, overdueDays: 0 }]);
    expect(dueEscalations([pivot, pip], new Date(T0 + 33 * DAY))[0]).toMatchObject({ caseId: 1, overdueDays: 3 });
    expect(dueEscalations([pivot, pip], new Date(T0 + 61 * DAY)).map((e) => e.kind)).toEqual(['pivot-decision-overdue', 'pip-outcome-overdue']);
  });

  it('escalates each missed deadline once, and again only after an extension is missed', () => {
    const escalated = { ...pivot, escalatedAt: new Date(T0 + 31 * DAY).toISOString() };
    expect(dueEscalations([escalated], new Date(T0 + 40 * DAY))).toEqual([]);
    const extended = { ...pivot, dueAt: new Date(T0 + 45 * DAY).toISOString(), escalatedAt: null };
    expect(dueEscalations([extended], new Date(T0 + 40 * DAY))).toEqual([]);
    expect(dueEscalations([extended], new Date(T0 + 46 * DAY))).toHaveLength(1);
  });

  it('never escalates a closed case or a stage without a deadline', () => {
    expect(dueEscalations([kept, identified], new Date(T0 + 1000 * DAY))).toEqual([]);
  });
});
