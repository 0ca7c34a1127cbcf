import type { z } from 'zod';
import type {
  adjustBodySchema,
  boardSchema,
  calibratorCandidatesSchema,
  comparisonSchema,
  createSessionBodySchema,
  distributionSchema,
  finaliseResultSchema,
  myRatingSchema,
  proposalBodySchema,
  proposalSchema,
  ratingHistorySchema,
  sessionListSchema,
  sessionSchema,
  teamProposalsSchema,
} from '../../../src/shared/schemas/calibration.ts';
import { apiRequest, apiUrl } from './client.ts';

export type TeamProposals = z.infer<typeof teamProposalsSchema>;
export type Proposal = z.infer<typeof proposalSchema>;
export type ProposalBody = z.input<typeof proposalBodySchema>;
export type ProposalEvidence = Proposal['evidence'];
export type ScaleLevel = TeamProposals['scales']['performance'][number];
export type CalibrationSession = z.infer<typeof sessionSchema>;
export type CalibratorCandidates = z.infer<typeof calibratorCandidatesSchema>;
export type CreateSessionBody = z.input<typeof createSessionBodySchema>;
export type SessionList = z.infer<typeof sessionListSchema>;
export type Board = z.infer<typeof boardSchema>;
export type BoardRow = Board['rows'][number];
export type Distribution = z.infer<typeof distributionSchema>;
export type TargetCheck = Distribution['targets'][number];
export type Ov = BoardRow['current']['ov'];
export type Vote = 'agree' | 'questions' | 'abstain';
export type AdjustBody = z.input<typeof adjustBodySchema>;
export type FinaliseResult = z.infer<typeof finaliseResultSchema>;
export type MyRating = z.infer<typeof myRatingSchema>;
export type RatingHistory = z.infer<typeof ratingHistorySchema>;
export type Comparison = z.infer<typeof comparisonSchema>;

/** The answer to a move: the person's new rating and the session's distribution after it. */
export interface AdjustResult {
  personId: number;
  current: { performance: number; potential: number; ov: Ov; forteSummary: string };
  version: number;
  distribution: Distribution;
}

/** My direct reports' proposals in a cycle, with the scales and evidence dimensions to fill them in. */
export function listTeamProposals(cycleId: number, signal?: AbortSignal): Promise<TeamProposals> {
  return apiRequest<TeamProposals>('GET', `/api/cycles/${cycleId}/proposals`, { signal });
}

/** Saves a draft; `version` is the one the writer last saw (0 for a first save). */
export function saveProposal(cycleId: number, personId: number, body: ProposalBody): Promise<Proposal> {
  return apiRequest<Proposal>('PUT', `/api/cycles/${cycleId}/people/${personId}/proposal`, { json: body });
}

/** Submits for calibration; it can still be revised until a session takes it. */
export function submitProposal(cycleId: number, personId: number, body: ProposalBody): Promise<Proposal> {
  return apiRequest<Proposal>('POST', `/api/cycles/${cycleId}/people/${personId}/proposal/submit`, { json: body });
}

/** Sessions I calibrate or run. */
export function listSessions(signal?: AbortSignal): Promise<SessionList> {
  return apiRequest<SessionList>('GET', '/api/calibration-sessions', { signal });
}

/** The whole board; filters are applied in the page so the distribution always covers the session. */
export function getBoard(sessionId: number, signal?: AbortSignal): Promise<Board> {
  return apiRequest<Board>('GET', `/api/calibration-sessions/${sessionId}`, { signal });
}

export function castVote(sessionId: number, personId: number, vote: Vote): Promise<{ personId: number; vote: Vote }> {
  return apiRequest('PUT', `/api/calibration-sessions/${sessionId}/votes`, { json: { personId, vote } });
}

/** Moves a rating; refused (422) without a rationale or a quorum, 409 when someone moved it first. */
export function adjustRating(sessionId: number, body: AdjustBody): Promise<AdjustResult> {
  return apiRequest<AdjustResult>('POST', `/api/calibration-sessions/${sessionId}/adjustments`, { json: body });
}

/** Brings in proposals submitted since the session opened. */
export function syncSession(sessionId: number): Promise<{ added: number }> {
  return apiRequest<{ added: number }>('POST', `/api/calibration-sessions/${sessionId}/sync`);
}

/** Ends the blind first pass. */
export function revealSession(sessionId: number): Promise<CalibrationSession> {
  return apiRequest<CalibrationSession>('POST', `/api/calibration-sessions/${sessionId}/reveal`);
}

/** Locks the ratings; a forced distribution that does not fit is refused with the counts. */
export function finaliseSession(sessionId: number): Promise<FinaliseResult> {
  return apiRequest<FinaliseResult>('POST', `/api/calibration-sessions/${sessionId}/finalise`);
}

export function deliverSession(sessionId: number): Promise<CalibrationSession> {
  return apiRequest<CalibrationSession>('POST', `/api/calibration-sessions/${sessionId}/deliver`);
}

/** Where the browser downloads the session's CSV (original against calibrated, who, when, why). */
export function exportCsvUrl(sessionId: number): string {
  return `/api/calibration-sessions/${sessionId}/export.csv`;
}

/** The same proposals under another policy. */
export function comparePolicies(sessionId: number, policy: string, signal?: AbortSignal): Promise<Comparison> {
  return apiRequest<Comparison>('GET', apiUrl(`/api/calibration-sessions/${sessionId}/compare`, { policy }), { signal });
}

/** My delivered rating, as much as the cycle's policy shows (withheld fields are null). */
export function getMyRating(cycleId: number, signal?: AbortSignal): Promise<MyRating> {
  return apiRequest<MyRating>('GET', `/api/cycles/${cycleId}/my-rating`, { signal });
}

/** A person's ratings and every change to them (HR in scope, management chain). */
export function getRatingHistory(personId: number, signal?: AbortSignal): Promise<RatingHistory> {
  return apiRequest<RatingHistory>('GET', `/api/people/${personId}/rating-history`, { signal });
}

/** Who would calibrate an organisation in a cycle, and how many proposals are ready. */
export function getCalibratorCandidates(cycleId: number, rootPersonId: number, signal?: AbortSignal): Promise<CalibratorCandidates> {
  return apiRequest<CalibratorCandidates>('GET', `/api/calibration-sessions/calibrator-candidates?cycleId=${cycleId}&rootPersonId=${rootPersonId}`, { signal });
}

/** Opens a calibration session (HR in scope, admin). */
export function createCalibrationSession(body: CreateSessionBody): Promise<CalibrationSession> {
  return apiRequest<CalibrationSession>('POST', '/api/calibration-sessions', { json: body });
}
