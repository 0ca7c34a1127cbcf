import { describe, expect, it } from 'vitest';
import { AMAZON_OLR } from '../policy/olr-presets.ts';
import { checkQuorum } from './quorum.rules.ts';

const quorum = AMAZON_OLR.quorum;

describe('the calibration quorum', () => {
  it('is needed to move anyone into TT or LE', () => {
    expect(checkQuorum(quorum, { from: 'HV3', to: 'TT', calibrators: 2 })).toEqual({ needed: true, required: 3, met: false });
    expect(checkQuorum(quorum, { from: 'HV1', to: 'LE', calibrators: 3 })).toEqual({ needed: true, required: 3, met: true });
    expect(checkQuorum(quorum, { from: null, to: 'LE', calibrators: 1 })).toMatchObject({ needed: true, met: false });
  });

  it('is not needed for other moves, nor to keep someone where they are', () => {
    expect(checkQuorum(quorum, { from: 'TT', to: 'HV3', calibrators: 1 })).toEqual({ needed: false, required: 0, met: true });
    expect(checkQuorum(quorum, { from: 'LE', to: 'LE', calibrators: 0 })).toEqual({ needed: false, required: 0, met: true });
  });
});
