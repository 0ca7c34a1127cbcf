import { describe, expect, it } from 'vitest';
import { describeChange, editProblems, editValuesOf, readCycleEdit, summariseChanges } from './cycle-edit.ts';

const cycle = {
  name: 'Forte 2026',
  deadlines: {
    self_review: '2026-11-21T23:59:59.999Z',
    peer_feedback: '2026-12-19T23:59:59.999Z',
    manager_review: '2027-01-23T23:59:59.999Z',
    calibration: '2027-02-20T23:59:59.999Z',
    delivery: '2027-03-20T23:59:59.999Z',
  },
};
const ZONE = 'America/New_York';

describe('reading the Edit cycle form', () => {
  it('sends nothing when nothing changed, keeping the stored instants to the millisecond', () => {
    const values = editValuesOf(cycle, ZONE);
    expect(values.deadlines.self_review).toBe('2026-11-21T18:59');
    expect(readCycleEdit(cycle, values, ZONE)).toEqual({ ok: true, body: {}, changes: [] });
  });

  it('sends a trimmed new name alone', () => {
    const read = readCycleEdit(cycle, { ...editValuesOf(cycle, ZONE), name: '  Forte 2027 ' }, ZONE);
    expect(read).toEqual({ ok: true, body: { name: 'Forte 2027' }, changes: [{ field: 'name', from: 'Forte 2026', to: 'Forte 2027' }] });
  });

  it('sends all five deadlines when one moves: the moved one from the wall clock, the others as stored', () => {
    const values = editValuesOf(cycle, ZONE);
    const read = readCycleEdit(cycle, { ...values, deadlines: { ...values.deadlines, peer_feedback: '2027-01-05T17:00' } }, ZONE);
    expect(read).toEqual({
      ok: true,
      body: { deadlines: { ...cycle.deadlines, peer_feedback: '2027-01-05T22:00:00.000Z' } },
      changes: [{ field: 'peer_feedback', from: cycle.deadlines.peer_feedback, to: '2027-01-05T22:00:00.000Z' }],
    });
    if (read.ok) {
      expect(describeChange(read.changes[0]!, ZONE)).toEqual({ what: 'Peer feedback deadline', from: '19 Dec 2026, 18:59', to: '5 Jan 2027, 17:00' });
      expect(summariseChanges(read.changes)).toBe('the peer feedback deadline');
    }
  });

  it('asks for a name and for whole date-times before sending anything', () => {
    const values = editValuesOf(cycle, ZONE);
    expect(readCycleEdit(cycle, { name: ' ', deadlines: { ...values.deadlines, calibration: '' } }, ZONE)).toEqual({
      ok: false,
      errors: { name: 'Name the cycle, for example “Forte 2026”.', calibration: 'Enter a date and a time.' },
    });
    expect(readCycleEdit(cycle, { ...values, name: 'x'.repeat(201) }, ZONE)).toMatchObject({ ok: false, errors: { name: expect.stringContaining('200') } });
  });

  it('sums up what a save changed', () => {
    expect(summariseChanges([{ field: 'name', from: 'a', to: 'b' }])).toBe('the name');
    expect(summariseChanges([{ field: 'name', from: 'a', to: 'b' }, { field: 'delivery', from: '', to: '' }, { field: 'calibration', from: '', to: '' }])).toBe('the name and 2 deadlines');
  });
});

describe('a refused save, split for the form', () => {
  const refused = (errors: { path: string; message: string }[]) => ({
    type: 'about:blank',
    title: 'Invalid request',
    status: 400,
    code: 'VALIDATION_FAILED',
    detail: errors.map((e) => `${e.path.replace('body.', '')} ${e.message}`).join('; '),
    errors,
  });

  it('puts each deadline’s problem beside it as a sentence, with instants in the reader’s zone', () => {
    const split = editProblems(
      refused([
        { path: 'body.deadlines.peer_feedback', message: 'must be after the previous phase’s deadline' },
        { path: 'body.deadlines.self_review', message: 'has passed (2026-11-21T23:59:59.999Z) and can no longer change' },
      ]),
      ZONE,
    );
    expect(split.fields).toEqual({
      peer_feedback: 'Must be after the previous phase’s deadline.',
      self_review: 'Has passed (21 Nov 2026, 18:59) and can no longer change.',
    });
    expect(split.problem.detail).toBe('2 fields need changing: see the message beside each.');
    expect(split.problem.errors).toEqual([]);
  });

  it('leaves problems that belong to no field, and problems without fields, as they came', () => {
    const other = refused([{ path: 'body', message: 'must have at most 2 properties' }]);
    expect(editProblems(other, ZONE)).toEqual({ fields: {}, problem: other });
    const mixed = editProblems(refused([{ path: 'body.name', message: 'Too big' }, { path: 'body.colour', message: 'is not allowed' }]), ZONE);
    expect(mixed.fields).toEqual({ name: 'Too big.' });
    expect(mixed.problem.detail).toBe('colour is not allowed');
  });
});
