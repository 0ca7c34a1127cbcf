import { describe, expect, it } from 'vitest';
import type { Board, BoardRow, Distribution } from '../../api/calibration.ts';
import { applyAdjustment, applyVote, filterOptions, filterRows } from './board-state.ts';

const distribution = (counts: Distribution['counts']): Distribution => {
  const size = Object.values(counts).reduce((a, b) => a + b, 0);
  const targets = [{ rating: 'LE' as const, count: counts.LE, allowedMin: 1, allowedMax: 1, ok: counts.LE === 1, applies: true }];
  return { size, counts, targets, violations: targets.filter((t) => !t.ok) };
};

function row(id: number, managerId: number, level: string, performance: number, potential: number, ov: BoardRow['current']['ov']): BoardRow {
  return {
    person: { id, name: `P${id}`, title: null, level, team: `Team ${managerId}` },
    manager: { id: managerId, name: `M${managerId}` },
    proposed: { performance, potential, ov },
    current: { performance, potential, ov, forteSummary: 'Meets High Bar' },
    evidence: { covered: ['delivery'], met: false },
    tally: { agree: 1, questions: 0, abstain: 0 },
    myVote: null,
    flags: [],
    history: [],
    version: 1,
  };
}

const rows = [row(1, 10, 'L5', 4, 2, 'HV1'), row(2, 10, 'L6', 4, 2, 'HV1'), row(3, 11, 'L5', 5, 3, 'HV3')];
const board = {
  rows,
  distribution: distribution({ TT: 0, HV3: 1, HV2: 0, HV1: 2, LE: 0 }),
  byManager: [
    { manager: { id: 10, name: 'M10' }, distribution: distribution({ TT: 0, HV3: 0, HV2: 0, HV1: 2, LE: 0 }) },
    { manager: { id: 11, name: 'M11' }, distribution: distribution({ TT: 0, HV3: 1, HV2: 0, HV1: 0, LE: 0 }) },
  ],
  grid: [
    { performance: 4, potential: 2, ov: 'HV1', count: 2 },
    { performance: 3, potential: 1, ov: 'LE', count: 0 },
    { performance: 5, potential: 3, ov: 'HV3', count: 1 },
  ],
} as unknown as Board;

describe('the board after a move', () => {
  const result = { personId: 1, current: { performance: 3, potential: 1, ov: 'LE' as const, forteSummary: 'Meets High Bar' }, version: 2, distribution: distribution({ TT: 0, HV3: 1, HV2: 0, HV1: 1, LE: 1 }) };
  const after = applyAdjustment(board, result);

  it('takes the server’s rating, version and session distribution, and flags the move', () => {
    expect(after.rows[0]).toMatchObject({ current: result.current, version: 2, flags: ['moved-down'] });
    expect(after.distribution).toBe(result.distribution);
    expect(after.rows[1]).toBe(board.rows[1]);
  });

  it('recounts the grid cells and the manager’s distribution it touched, and no other', () => {
    expect(after.grid.map((c) => c.count)).toEqual([1, 1, 1]);
    expect(after.byManager[0]!.distribution.counts).toMatchObject({ HV1: 1, LE: 1 });
    expect(after.byManager[0]!.distribution.violations).toEqual([]);
    expect(after.byManager[1]).toBe(board.byManager[1]);
  });

  it('drops the flag when a move returns someone to the proposed rating', () => {
    const back = applyAdjustment(after, { ...result, current: { performance: 4, potential: 2, ov: 'HV1', forteSummary: 'Meets High Bar' }, version: 3 });
    expect(back.rows[0]!.flags).toEqual([]);
    expect(back.grid.map((c) => c.count)).toEqual([2, 0, 1]);
  });
});

describe('votes and filters', () => {
  it('counts my vote once, moving it when I change my mind', () => {
    const agreed = applyVote(board, 3, 'questions');
    expect(agreed.rows[2]).toMatchObject({ myVote: 'questions', tally: { agree: 1, questions: 1, abstain: 0 } });
    expect(applyVote(agreed, 3, 'abstain').rows[2]).toMatchObject({ myVote: 'abstain', tally: { agree: 1, questions: 0, abstain: 1 } });
  });

  it('filters by level, team, manager, grid cell and flag, offering what the roster holds', () => {
    expect(filterRows(rows, { level: 'L5' }).map((r) => r.person.id)).toEqual([1, 3]);
    expect(filterRows(rows, { managerId: 10, level: 'L6' }).map((r) => r.person.id)).toEqual([2]);
    expect(filterRows(rows, { cell: { performance: 5, potential: 3 } }).map((r) => r.person.id)).toEqual([3]);
    expect(filterRows(rows, { team: 'Team 11' }).map((r) => r.person.id)).toEqual([3]);
    expect(filterRows(rows, { flag: 'moved-down' })).toEqual([]);
    expect(filterOptions(rows)).toEqual({ levels: ['L5', 'L6'], teams: ['Team 10', 'Team 11'], managers: [{ id: 10, name: 'M10' }, { id: 11, name: 'M11' }], flags: [] });
  });

  it('filters 5,000 rows in well under a frame', () => {
    const many = Array.from({ length: 5000 }, (_, i) => row(i, i % 50, `L${4 + (i % 4)}`, 4, 2, 'HV1'));
    const started = performance.now();
    expect(filterRows(many, { level: 'L7', managerId: 3 })).toHaveLength(50);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
