import { describe, expect, it } from 'vitest';
import { nameReviewers } from './peer-problems.ts';

describe('naming reviewers in a refused peer request', () => {
  it('replaces positions and ids with the names that were asked', () => {
    const problem = {
      type: 'about:blank',
      title: 'The feedback breaks a rule of this cycle',
      status: 422,
      code: 'FEEDBACK_RULE_VIOLATED',
      detail: 'reviewerIds.0 person 41 is not taking part in this cycle; reviewerIds.1 person 7 is already asked',
      errors: [
        { path: 'body.reviewerIds.0', message: 'person 41 is not taking part in this cycle' },
        { path: 'body.reviewerIds.1', message: 'person 7 is already asked' },
        { path: 'body.reviewerIds', message: 'this would make 31 requests; the policy allows at most 30' },
      ],
    };
    const named = nameReviewers(problem, [
      { id: 41, name: 'Ada Lovelace' },
      { id: 7, name: 'Grace Hopper' },
    ]);
    expect(named.detail).toBe('Ada Lovelace is not taking part in this cycle; Grace Hopper is already asked');
    expect(named.errors).toEqual([
      { path: 'Ada Lovelace', message: 'is not taking part in this cycle' },
      { path: 'Grace Hopper', message: 'is already asked' },
      { path: 'body.reviewerIds', message: 'this would make 31 requests; the policy allows at most 30' },
    ]);
  });

  it('leaves ids it does not know alone', () => {
    const named = nameReviewers({ type: 'x', title: 'x', status: 422, code: 'X', detail: 'person 9 is not an active colleague' }, []);
    expect(named.detail).toBe('person 9 is not an active colleague');
  });
});
