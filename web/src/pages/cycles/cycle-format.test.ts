import { describe, expect, it } from 'vitest';
import { currentDeadline, isOpen, nextPhase, phaseLabel, timelineSteps } from './cycle-format.ts';

const deadlines = {
  self_review: '2027-11-21T23:59:59.000Z',
  peer_feedback: '2027-12-19T23:59:59.000Z',
  manager_review: '2028-01-23T23:59:59.000Z',
  calibration: '2028-02-20T23:59:59.000Z',
  delivery: '2028-03-20T23:59:59.000Z',
};

describe('cycle phases in the web app', () => {
  it('marks phases before the current one done and later ones upcoming', () => {
    expect(timelineSteps('manager_review', deadlines).map((s) => s.state)).toEqual(['done', 'done', 'current', 'upcoming', 'upcoming']);
    expect(timelineSteps('draft', deadlines).every((s) => s.state === 'upcoming')).toBe(true);
    expect(timelineSteps('closed', deadlines).every((s) => s.state === 'done')).toBe(true);
  });

  it('names phases and what comes next', () => {
    expect(phaseLabel('peer_feedback')).toBe('Peer feedback');
    expect(nextPhase('draft')).toBe('self_review');
    expect(nextPhase('calibration')).toBe('delivery');
    expect(nextPhase('delivery')).toBe('closed');
    expect(currentDeadline('calibration', deadlines)).toBe(deadlines.calibration);
    expect(currentDeadline('closed', deadlines)).toBeNull();
  });

  it('opens writing in the same phases as the server', () => {
    expect(isOpen('writePeerFeedback', 'self_review')).toBe(true);
    expect(isOpen('writePeerFeedback', 'manager_review')).toBe(false);
    expect(isOpen('writeManagerReview', 'peer_feedback')).toBe(true);
  });
});
