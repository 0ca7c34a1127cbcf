import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHASES, type Phase } from '../policy/policy.schema.ts';
import { AMAZON_POLICY } from '../policy/presets.ts';
import { ACTION_PHASES, actionWindow, advanceDeadlines, currentPhase, deadlineChangeProblems, deadlineProblems, defaultDeadlines, type CycleAction, type Deadlines } from './phases.rules.ts';

const SCHEDULE = AMAZON_POLICY.forte.schedule;
const NOVEMBER_DEADLINES: Deadlines = {
  self_review: '2025-11-21T23:59:59.999Z',
  peer_feedback: '2025-12-19T23:59:59.999Z',
  manager_review: '2026-01-23T23:59:59.999Z',
  calibration: '2026-02-20T23:59:59.999Z',
  delivery: '2026-03-20T23:59:59.999Z',
};
const launched = (deadlines: Deadlines = NOVEMBER_DEADLINES) => ({ status: 'launched' as const, deadlines });
const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);
const times = (d: Deadlines) => PHASES.map((p) => Date.parse(d[p]));
const isStrictlyIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

// Month-day pairs that exist in every year (no 29 February), as MM-DD.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDay = fc
  .integer({ min: 1, max: 12 })
  .chain((m) => fc.integer({ min: 1, max: DAYS_IN_MONTH[m - 1]! }).map((d) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
const schedule = fc.tuple(monthDay, monthDay, monthDay, monthDay, monthDay).map((days) => Object.fromEntries(PHASES.map((p, i) => [p, days[i]!])) as Record<Phase, string>);
const startDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T23:59:59Z'), noInvalidDate: true });
/** Strictly increasing deadlines, a few seconds to a few months apart. */
const deadlines = fc
  .tuple(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.array(fc.integer({ min: 1, max: 120 * 86_400_000 }), { minLength: 4, maxLength: 4 }))
  .map(([first, gaps]) => {
    const points = [first];
    for (const gap of gaps) points.push(points.at(-1)! + gap);
    return Object.fromEntries(PHASES.map((p, i) => [p, new Date(points[i]!).toISOString()])) as Deadlines;
  });

describe('defaultDeadlines', () => {
  it('runs a cycle started in November from November to March, across the year boundary', () => {
    expect(defaultDeadlines(at('2025-11-01T09:00:00Z'), SCHEDULE)).toEqual(NOVEMBER_DEADLINES);
  });

  it('puts each deadline at the end of its day in UTC', () => {
    const d = defaultDeadlines(at('2025-11-01T09:00:00Z'), SCHEDULE);
    for (const phase of PHASES) expect(d[phase]).toMatch(/T23:59:59\.999Z$/u);
  });

  it('joins the season under way when created after its first deadline, with a week for the first phase', () => {
    expect(defaultDeadlines(at('2025-11-22T00:00:00Z'), SCHEDULE)).toEqual({ ...NOVEMBER_DEADLINES, self_review: '2025-11-29T23:59:59.999Z' });
    // The case that prompted the rule: HR creates the cycle on 23 November.
    expect(defaultDeadlines(at('2026-11-23T10:00:00Z'), SCHEDULE)).toMatchObject({ self_review: '2026-11-30T23:59:59.999Z', peer_feedback: '2026-12-19T23:59:59.999Z', delivery: '2027-03-20T23:59:59.999Z' });
  });

  it('gives a late first phase a week even across a month end', () => {
    expect(defaultDeadlines(at('2025-11-28T12:00:00Z'), SCHEDULE).self_review).toBe('2025-12-05T23:59:59.999Z');
  });

  it('moves to the next season when the season under way has less than two weeks left before its second deadline', () => {
    expect(defaultDeadlines(at('2025-12-05T23:59:59.999Z'), SCHEDULE).self_review).toBe('2025-12-12T23:59:59.999Z');
    expect(defaultDeadlines(at('2025-12-06T00:00:00Z'), SCHEDULE)).toEqual({
      self_review: '2026-11-21T23:59:59.999Z',
      peer_feedback: '2026-12-19T23:59:59.999Z',
      manager_review: '2027-01-23T23:59:59.999Z',
      calibration: '2027-02-20T23:59:59.999Z',
      delivery: '2027-03-20T23:59:59.999Z',
    });
  });

  it('treats a start on the very instant of the first deadline as late, which would otherwise leave no time at all', () => {
    expect(defaultDeadlines(at('2025-11-21T23:59:59.999Z'), SCHEDULE).self_review).toBe('2025-11-28T23:59:59.999Z');
    expect(defaultDeadlines(at('2025-11-21T23:59:58.999Z'), SCHEDULE).self_review).toBe('2025-11-21T23:59:59.999Z');
  });

  it('keeps a spring start in the coming autumn', () => {
    expect(defaultDeadlines(at('2026-04-10T12:00:00Z'), SCHEDULE)).toMatchObject({ self_review: '2026-11-21T23:59:59.999Z', delivery: '2027-03-20T23:59:59.999Z' });
  });

  it('always gives strictly increasing deadlines after the start, on the schedule’s days (a late first phase a week out), within a year of each other', () => {
    fc.assert(
      fc.property(startDate, schedule, (start, days) => {
        const d = defaultDeadlines(start, days);
        const points = times(d);
        expect(isStrictlyIncreasing([start.getTime(), ...points])).toBe(true);
        expect(deadlineProblems(d)).toEqual([]);
        points.forEach((t, i) => {
          const previous = i === 0 ? start.getTime() : points[i - 1]!;
          // The first year that keeps the order: never a year later than needed.
          expect(t - previous).toBeLessThanOrEqual(366 * 86_400_000);
        });
        const lateFirst = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 7)).toISOString().slice(5, 10);
        expect([days[PHASES[0]], lateFirst]).toContain(d[PHASES[0]].slice(5, 10));
        for (const phase of PHASES.slice(1)) expect(d[phase].slice(5, 10)).toBe(days[phase]);
      }),
    );
  });

  it('keeps a 29 February deadline in February in a year without one, instead of pushing later phases a year out', () => {
    // Date.UTC(2027, 1, 29) is 1 March, so a 03-01 delivery after it rolls to 2028.
    const leapDay = { ...SCHEDULE, calibration: '02-29', delivery: '03-01' };
    expect(defaultDeadlines(at('2026-11-02T09:00:00Z'), leapDay)).toMatchObject({
      calibration: '2027-02-28T23:59:59.999Z',
      delivery: '2027-03-01T23:59:59.999Z',
    });
  });
});

describe('deadlineProblems', () => {
  it('accepts strictly increasing deadlines', () => {
    expect(deadlineProblems(NOVEMBER_DEADLINES)).toEqual([]);
  });

  it('refuses a deadline equal to the one before', () => {
    expect(deadlineProblems({ ...NOVEMBER_DEADLINES, peer_feedback: NOVEMBER_DEADLINES.self_review })).toEqual([
      { path: 'deadlines.peer_feedback', message: 'must be after the previous phase’s deadline' },
    ]);
  });

  it('refuses a deadline before the one before', () => {
    expect(deadlineProblems({ ...NOVEMBER_DEADLINES, delivery: '2026-02-01T00:00:00Z' })).toEqual([
      { path: 'deadlines.delivery', message: 'must be after the previous phase’s deadline' },
    ]);
  });

  it('names a value that is not a date, and compares the next one with the last good one', () => {
    expect(deadlineProblems({ ...NOVEMBER_DEADLINES, manager_review: 'soon' })).toEqual([{ path: 'deadlines.manager_review', message: 'is not a date-time' }]);
    expect(deadlineProblems({ ...NOVEMBER_DEADLINES, manager_review: 'soon', calibration: '2025-12-01T00:00:00Z' })).toEqual([
      { path: 'deadlines.manager_review', message: 'is not a date-time' },
      { path: 'deadlines.calibration', message: 'must be after the previous phase’s deadline' },
    ]);
  });

  it('accepts any strictly increasing deadlines (property)', () => {
    fc.assert(fc.property(deadlines, (d) => deadlineProblems(d).length === 0));
  });
});

describe('currentPhase', () => {
  it('is draft before launch and closed once closed, whatever the clock', () => {
    expect(currentPhase({ status: 'draft', deadlines: NOVEMBER_DEADLINES }, at('2025-12-01T00:00:00Z'))).toBe('draft');
    expect(currentPhase({ status: 'closed', deadlines: NOVEMBER_DEADLINES }, at('2025-11-02T00:00:00Z'))).toBe('closed');
  });

  it.each(PHASES.map((phase, i) => [phase, i] as const))('includes the deadline instant in %s, and the next millisecond is the next phase', (phase, i) => {
    const deadline = ms(NOVEMBER_DEADLINES[phase]);
    expect(currentPhase(launched(), new Date(deadline))).toBe(phase);
    expect(currentPhase(launched(), new Date(deadline - 1))).toBe(phase);
    expect(currentPhase(launched(), new Date(deadline + 1))).toBe(PHASES[i + 1] ?? 'closed');
  });

  it('is the first phase at any time before its deadline, even before launch day', () => {
    expect(currentPhase(launched(), at('2020-01-01T00:00:00Z'))).toBe('self_review');
  });

  it('is closed after the delivery deadline even while the cycle is still marked launched', () => {
    expect(currentPhase(launched(), at('2026-03-21T00:00:00Z'))).toBe('closed');
  });

  it('is the first phase whose deadline has not passed (property)', () => {
    fc.assert(
      fc.property(deadlines, fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2042, 0, 1) }), (d, now) => {
        const phase = currentPhase(launched(d), new Date(now));
        const expected = PHASES.find((p) => now <= ms(d[p])) ?? 'closed';
        expect(phase).toBe(expected);
      }),
    );
  });
});

describe('actionWindow', () => {
  const during: Record<Phase, Date> = {
    self_review: at('2025-11-10T12:00:00Z'),
    peer_feedback: at('2025-12-10T12:00:00Z'),
    manager_review: at('2026-01-10T12:00:00Z'),
    calibration: at('2026-02-10T12:00:00Z'),
    delivery: at('2026-03-10T12:00:00Z'),
  };

  it.each(Object.entries(ACTION_PHASES).flatMap(([action, open]) => PHASES.map((phase) => [action as CycleAction, phase, (open as readonly Phase[]).includes(phase)] as const)))(
    '%s during %s is open: %s',
    (action, phase, open) => {
      expect(actionWindow(action, launched(), during[phase]).open).toBe(open);
    },
  );

  it('says a draft cycle has not been launched', () => {
    expect(actionWindow('writeSelfReview', { status: 'draft', deadlines: NOVEMBER_DEADLINES }, during.self_review)).toEqual({ open: false, reason: 'The cycle has not been launched yet.' });
  });

  it('says when an action opens if its window is still ahead', () => {
    expect(actionWindow('writeManagerReview', launched(), during.self_review)).toEqual({ open: false, reason: 'This opens in the peer feedback phase.' });
  });

  it('says when an action closed, naming the last phase and its deadline, once its window is behind', () => {
    expect(actionWindow('writeSelfReview', launched(), during.peer_feedback)).toEqual({
      open: false,
      reason: 'This closed with the self review phase on 2025-11-21T23:59:59.999Z.',
    });
    expect(actionWindow('writePeerFeedback', launched(), during.calibration)).toEqual({
      open: false,
      reason: 'This closed with the peer feedback phase on 2025-12-19T23:59:59.999Z.',
    });
    expect(actionWindow('writeManagerReview', launched(), during.delivery)).toEqual({
      open: false,
      reason: 'This closed with the manager review phase on 2026-01-23T23:59:59.999Z.',
    });
  });

  it('is open on the deadline instant itself and closed a millisecond later', () => {
    const deadline = ms(NOVEMBER_DEADLINES.self_review);
    expect(actionWindow('writeSelfReview', launched(), new Date(deadline))).toEqual({ open: true });
    expect(actionWindow('writeSelfReview', launched(), new Date(deadline + 1)).open).toBe(false);
  });

  it('says an action closed, not that it opens later, once the cycle is closed', () => {
    // currentPhase is 'closed', PHASES.indexOf('closed') is -1, so the closed cycle counts as "before the first phase".
    const afterDelivery = actionWindow('writeSelfReview', launched(), at('2026-04-01T00:00:00Z'));
    expect(afterDelivery).toEqual({ open: false, reason: 'This closed with the self review phase on 2025-11-21T23:59:59.999Z.' });
    const closed = actionWindow('writePeerFeedback', { status: 'closed', deadlines: NOVEMBER_DEADLINES }, during.self_review);
    expect(closed.open).toBe(false);
    expect(closed.open ? '' : closed.reason).not.toMatch(/opens/u);
  });
});

describe('advanceDeadlines', () => {
  it('ends the current phase now, so the next phase is open at once, and leaves later deadlines alone', () => {
    const now = at('2025-12-01T10:00:00.000Z');
    const next = advanceDeadlines(NOVEMBER_DEADLINES, now);
    expect(currentPhase(launched(NOVEMBER_DEADLINES), now)).toBe('peer_feedback');
    expect(currentPhase(launched(next), now)).toBe('manager_review');
    expect(next).toEqual({ ...NOVEMBER_DEADLINES, peer_feedback: '2025-12-01T09:59:59.999Z' });
  });

  it('advances on the deadline instant itself', () => {
    const now = new Date(ms(NOVEMBER_DEADLINES.self_review));
    expect(currentPhase(launched(advanceDeadlines(NOVEMBER_DEADLINES, now)), now)).toBe('peer_feedback');
  });

  it('closes the cycle when advanced in delivery, and changes nothing once every deadline has passed', () => {
    const inDelivery = at('2026-03-01T00:00:00.000Z');
    expect(currentPhase(launched(advanceDeadlines(NOVEMBER_DEADLINES, inDelivery)), inDelivery)).toBe('closed');
    expect(advanceDeadlines(NOVEMBER_DEADLINES, at('2026-04-01T00:00:00.000Z'))).toEqual(NOVEMBER_DEADLINES);
  });

  it('does not change its input', () => {
    const copy = { ...NOVEMBER_DEADLINES };
    advanceDeadlines(copy, at('2025-11-10T00:00:00.000Z'));
    expect(copy).toEqual(NOVEMBER_DEADLINES);
  });

  it('opens the next phase immediately and never reorders deadlines (property)', () => {
    fc.assert(
      fc.property(deadlines, fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2042, 0, 1) }), (d, nowMs) => {
        const now = new Date(nowMs);
        const before = currentPhase(launched(d), now);
        const next = advanceDeadlines(d, now);
        const points = times(next);
        // Never out of order (a tie is possible only when `now` is exactly 1 ms after the previous deadline).
        expect(points.every((t, i) => i === 0 || t >= points[i - 1]!)).toBe(true);
        const after = currentPhase(launched(next), now);
        if (before === 'closed' || before === 'draft') {
          expect(before).toBe('closed');
          expect(next).toEqual(d);
        } else {
          expect(after).toBe(PHASES[PHASES.indexOf(before) + 1] ?? 'closed');
          // Only the current phase's deadline moves, and only earlier.
          for (const phase of PHASES) {
            if (phase === before) expect(ms(next[phase])).toBe(nowMs - 1);
            else expect(next[phase]).toBe(d[phase]);
          }
        }
      }),
    );
  });

  it('keeps deadlines strictly increasing unless the previous deadline was exactly 1 ms ago (property)', () => {
    fc.assert(
      fc.property(deadlines, fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2042, 0, 1) }), (d, nowMs) => {
        fc.pre(!PHASES.some((p) => ms(d[p]) === nowMs - 1));
        expect(deadlineProblems(advanceDeadlines(d, new Date(nowMs)))).toEqual([]);
      }),
    );
  });
});

describe('deadlineChangeProblems', () => {
  const now = at('2025-12-01T00:00:00Z'); // peer feedback under way; self review has ended
  it('lets the phase under way and later ones move further out', () => {
    expect(deadlineChangeProblems(NOVEMBER_DEADLINES, { ...NOVEMBER_DEADLINES, peer_feedback: '2026-01-09T23:59:59.999Z' }, now)).toEqual([]);
  });
  it('keeps a passed deadline as it was', () => {
    expect(deadlineChangeProblems(NOVEMBER_DEADLINES, { ...NOVEMBER_DEADLINES, self_review: '2025-11-30T23:59:59.999Z' }, now)).toEqual([
      { path: 'deadlines.self_review', message: 'has passed (2025-11-21T23:59:59.999Z) and can no longer change' },
    ]);
  });
  it('refuses to move a coming deadline into the past', () => {
    expect(deadlineChangeProblems(NOVEMBER_DEADLINES, { ...NOVEMBER_DEADLINES, peer_feedback: '2025-11-30T00:00:00.000Z' }, now)).toEqual([
      { path: 'deadlines.peer_feedback', message: 'cannot move into the past; end the phase now with "advance" instead' },
    ]);
  });
  it('accepts unchanged deadlines whatever the date', () => {
    expect(deadlineChangeProblems(NOVEMBER_DEADLINES, NOVEMBER_DEADLINES, at('2030-01-01T00:00:00Z'))).toEqual([]);
  });
});
