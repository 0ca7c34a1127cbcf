import { describe, expect, it } from 'vitest';
import { buildAgenda, checkInDue } from './check-in.rules.ts';

const base = { lastCadence: null, since: '2025-06-01', defaultCadence: 'monthly' as const, graceDays: 14 };

describe('checkInDue', () => {
  it('falls due a cadence after the last check-in and is overdue only after the grace days', () => {
    const last = { ...base, lastHeldOn: '2026-10-05', lastCadence: 'monthly' as const };
    expect(checkInDue({ ...last, today: '2026-11-19' })).toEqual({ dueOn: '2026-11-05', overdue: false, daysOverdue: 0 });
    expect(checkInDue({ ...last, today: '2026-11-20' })).toEqual({ dueOn: '2026-11-05', overdue: true, daysOverdue: 15 });
  });

  it('uses the cadence agreed at the last check-in over the policy default', () => {
    expect(checkInDue({ ...base, lastHeldOn: '2026-10-05', lastCadence: 'quarterly', today: '2026-12-01' })).toMatchObject({ dueOn: '2027-01-05', overdue: false });
  });

  it('counts from the start of the pair when there has been no check-in', () => {
    expect(checkInDue({ ...base, lastHeldOn: null, today: '2026-11-29' })).toMatchObject({ dueOn: '2025-07-01', overdue: true });
  });
});

describe('buildAgenda', () => {
  it('puts open goals, the plan, recent notes (newest first) and themes in that order', () => {
    const agenda = buildAgenda({
      goals: [{ id: 1, objective: 'Cut p99 latency of checkout', status: 'on_track', quarter: '2026-Q4' }],
      plans: [{ id: 7, skill: 'Design reviews', systemBehaviour: 'Fewer paging alerts', measurableOutcome: 'Pages per week under 3' }],
      notes: [
        { id: 3, kind: 'win', occurredOn: '2026-11-01', body: 'Shipped the ledger' },
        { id: 4, kind: 'miss', occurredOn: '2026-11-10', body: 'Missed the cut-over' },
      ],
      themes: [{ key: 'item:2', text: 'Mentoring the new joiners' }],
    });
    expect(agenda.map((a) => a.ref)).toEqual(['goal:1', 'plan:7:skill', 'plan:7:behaviour', 'plan:7:outcome', 'log:4', 'log:3', 'item:2']);
    expect(agenda[0]!.text).toBe('Cut p99 latency of checkout (2026-Q4, on track)');
  });

  it('caps each list and clips long texts', () => {
    const notes = Array.from({ length: 20 }, (_, i) => ({ id: i, kind: 'win', occurredOn: '2026-11-01', body: 'x'.repeat(500) }));
    const agenda = buildAgenda({ goals: [], plans: [], notes, themes: [] });
    expect(agenda).toHaveLength(8);
    expect(agenda[0]!.text.length).toBe(200);
  });
});
