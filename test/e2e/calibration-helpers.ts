import type { Page } from 'playwright-core';

export { apiGet, apiSend } from './demo-browser.ts';
import { apiGet, apiSend } from './demo-browser.ts';

type Ov = 'TT' | 'HV3' | 'HV2' | 'HV1' | 'LE';
export interface BoardJson {
  session: { id: number; name: string; status: string; blind: boolean; calibrators: { accountId: number; name: string; personId: number | null }[]; cycle: { id: number; name: string } };
  rows: { person: { id: number; name: string | null; level: string }; manager: { id: number; name: string } | null; current: { performance: number; potential: number; ov: Ov }; proposed: { ov: Ov }; version: number; history: { cycle: string; ov: Ov }[] }[];
  distribution: { size: number; counts: Record<Ov, number>; violations: { rating: Ov; count: number; allowedMin: number; allowedMax: number }[] };
  missingProposals: { id: number; name: string }[];
  grid: { performance: number; potential: number; ov: Ov; count: number }[];
}

/** Calibrators who may approve a move for this person: not the person, not their manager. */
export function eligibleApprovers(board: BoardJson, row: BoardJson['rows'][number]): number[] {
  return board.session.calibrators.filter((c) => c.personId === null || (c.personId !== row.person.id && c.personId !== row.manager?.id)).map((c) => c.accountId);
}

// Where a move goes to fix each kind of violation under the amazon matrix: [from, performance, potential].
const FIXES: Record<string, [Ov[], number, number]> = {
  'LE under': [['HV1'], 3, 1],
  'LE over': [['LE'], 4, 1],
  'TT over': [['TT'], 6, 2],
  'HV1 under': [['HV2', 'HV3'], 4, 1],
  'HV1 over': [['HV1'], 4, 3],
};

/**
 * Moves ratings through the API, one at a time, until the session's distribution fits the
 * amazon targets: what a room does after the first refusal. Leaves `keep` where they are.
 * Returns how many moves it took.
 */
export async function fitDistribution(page: Page, sessionId: number, keep: ReadonlySet<number>): Promise<number> {
  for (let moves = 0; moves < 60; moves++) {
    const board = await apiGet<BoardJson>(page, `/api/calibration-sessions/${sessionId}`);
    const violation = board.distribution.violations[0];
    if (!violation) return moves;
    const kind = `${violation.rating} ${violation.count < violation.allowedMin ? 'under' : 'over'}`;
    const fix = FIXES[kind];
    if (!fix) throw new Error(`no fix for ${kind}`);
    const [from, performance, potential] = fix;
    const row = board.rows.find((r) => from.includes(r.current.ov) && !keep.has(r.person.id));
    if (!row) throw new Error(`nobody to move for ${kind}`);
    const moved = await apiSend(page, 'POST', `/api/calibration-sessions/${sessionId}/adjustments`, {
      personId: row.person.id,
      performance,
      potential,
      rationale: 'Compared with level peers across teams after the discussion.',
      approvedBy: eligibleApprovers(board, row),
      version: row.version,
    });
    if (moved.status !== 200) throw new Error(`move for ${kind} answered ${moved.status}: ${JSON.stringify(moved.json)}`);
  }
  throw new Error('the distribution did not fit after 60 moves');
}

/** A complete proposal body with evidence in the given dimensions. */
export function proposalBody(performance: number, potential: number, dimensions: string[] = ['delivery', 'collaboration']) {
  return {
    performance,
    potential,
    principles: { Ownership: 3, 'Dive Deep': 2 },
    justification: 'Delivered the half’s commitments on the checkout service and kept it within its SLOs.',
    evidence: {
      byDimension: Object.fromEntries(dimensions.map((d) => [d, [`A ${d} example with a measured outcome`]])),
      impactExamples: ['Shipped the first slice of one-click returns'],
      peerFeedbackThemes: 'Peers value quick, specific reviews.',
      logNoteIds: [],
      systemMetrics: ['p99 latency of the checkout service down from 900 ms to 310 ms'],
      multiplierImpact: 'Wrote the onboarding guide the team now uses.',
    },
  };
}

/** Pixels the page scrolls sideways (0 or less: it fits the screen). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
