import type { AdjustResult, Board, BoardRow, Vote } from '../../api/calibration.ts';
import { moveInDistribution, OV_ORDER } from './calibration-format.ts';

/**
 * The board after a move, without reloading thousands of rows: the row takes the server's new
 * rating and version, the session's distribution is the one the server answered with, and the
 * grid and the person's manager's distribution are recounted from the move (a move keeps every
 * group's size, so their allowed ranges stand).
 */
export function applyAdjustment(board: Board, result: AdjustResult): Board {
  const row = board.rows.find((r) => r.person.id === result.personId);
  if (!row) return { ...board, distribution: result.distribution };
  const from = row.current;
  const to = result.current;
  const rows = board.rows.map((r) => (r === row ? movedRow(r, result) : r));
  const grid = board.grid.map((cell) => {
    const delta = (cell.performance === to.performance && cell.potential === to.potential ? 1 : 0) - (cell.performance === from.performance && cell.potential === from.potential ? 1 : 0);
    return delta ? { ...cell, count: cell.count + delta } : cell;
  });
  const byManager = board.byManager.map((m) => (row.manager && m.manager.id === row.manager.id ? { ...m, distribution: moveInDistribution(m.distribution, from.ov, to.ov) } : m));
  return { ...board, rows, grid, byManager, distribution: result.distribution };
}

function movedRow(row: BoardRow, result: AdjustResult): BoardRow {
  const { ov } = result.current;
  const flags = row.flags.filter((f) => f !== 'moved-up' && f !== 'moved-down');
  // Position in OV_ORDER: a lower index is a higher rating.
  if (ov !== row.proposed.ov) flags.push(OV_ORDER.indexOf(ov) < OV_ORDER.indexOf(row.proposed.ov) ? 'moved-up' : 'moved-down');
  return { ...row, current: result.current, version: result.version, flags };
}

/** The board after my vote on one row: my vote and the row's tally. */
export function applyVote(board: Board, personId: number, vote: Vote): Board {
  return {
    ...board,
    rows: board.rows.map((r) => {
      if (r.person.id !== personId) return r;
      const tally = { ...r.tally };
      if (r.myVote) tally[r.myVote] = Math.max(0, tally[r.myVote] - 1);
      tally[vote] += 1;
      return { ...r, myVote: vote, tally };
    }),
  };
}

export interface RosterFilter {
  level?: string;
  team?: string;
  managerId?: number;
  /** A cell of the performance-by-potential grid. */
  cell?: { performance: number; potential: number };
  /** Only rows carrying this flag. */
  flag?: string;
}

/** The rows a filter keeps; the distribution panels still describe the whole session. */
export function filterRows(rows: readonly BoardRow[], filter: RosterFilter): BoardRow[] {
  return rows.filter(
    (r) =>
      (filter.level === undefined || r.person.level === filter.level) &&
      (filter.team === undefined || r.person.team === filter.team) &&
      (filter.managerId === undefined || r.manager?.id === filter.managerId) &&
      (filter.cell === undefined || (r.current.performance === filter.cell.performance && r.current.potential === filter.cell.potential)) &&
      (filter.flag === undefined || r.flags.includes(filter.flag)),
  );
}

/** The choices each filter offers, from the whole roster, sorted. */
export function filterOptions(rows: readonly BoardRow[]) {
  const levels = [...new Set(rows.map((r) => r.person.level))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const teams = [...new Set(rows.map((r) => r.person.team).filter((t): t is string => t !== null))].sort((a, b) => a.localeCompare(b));
  const managers = [...new Map(rows.filter((r) => r.manager).map((r) => [r.manager!.id, r.manager!.name])).entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => ({ id, name }));
  const flags = [...new Set(rows.flatMap((r) => r.flags))].sort();
  return { levels, teams, managers, flags };
}
