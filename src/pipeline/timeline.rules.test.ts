import { describe, expect, it } from 'vitest';
import { checkInSchedule } from './timeline.rules.ts';

describe('the support plan timeline', () => {
  const plan = { startsAt: '2027-03-01T09:00:00.000Z', endsAt: '2027-04-12T09:00:00.000Z', everyDays: 7 };

  it('schedules a check-in every week up to the end', () => {
    expect(checkInSchedule(plan, []).map((s) => s.on)).toEqual(['2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29', '2027-04-05', '2027-04-12']);
  });

  it('marks the check-ins that took place', () => {
    const done = checkInSchedule(plan, ['2027-03-05T10:00:00.000Z', '2027-03-16T10:00:00.000Z']).map((s) => s.done);
    expect(done).toEqual([true, true, false, false, false, false]);
  });

  it('has no schedule without a cadence', () => {
    expect(checkInSchedule({ ...plan, everyDays: null }, [])).toEqual([]);
  });
});
