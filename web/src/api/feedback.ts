import type { z } from 'zod';
import type {
  feedbackAboutSchema,
  managerReviewBodySchema,
  managerReviewSchema,
  peerFeedbackBodySchema,
  peerFeedbackDraftSchema,
  peerRequestListSchema,
  receivedFeedbackSchema,
  selfReviewBodySchema,
  selfReviewSchema,
} from '../../../src/shared/schemas/cycles.ts';
import { apiRequest, apiUrl } from './client.ts';

export type SelfReview = z.infer<typeof selfReviewSchema>;
export type SelfReviewBody = z.input<typeof selfReviewBodySchema>;
export type PeerRequestList = z.infer<typeof peerRequestListSchema>;
export type PeerRequest = PeerRequestList['requests'][number];
export type PeerFeedback = z.infer<typeof peerFeedbackDraftSchema>;
export type PeerFeedbackBody = z.input<typeof peerFeedbackBodySchema>;
export type WordingConcern = PeerFeedback['wordingConcerns'][number];
export type ReceivedFeedback = z.infer<typeof receivedFeedbackSchema>;
export type FeedbackAbout = z.infer<typeof feedbackAboutSchema>;
export type ManagerReview = z.infer<typeof managerReviewSchema>;
export type ManagerReviewBody = z.input<typeof managerReviewBodySchema>;

// ---- Self review ----

export function getMySelfReview(cycleId: number, signal?: AbortSignal): Promise<SelfReview> {
  return apiRequest<SelfReview>('GET', `/api/cycles/${cycleId}/self-review`, { signal });
}

/** Autosave: `version` is the one I edited; a newer one answers 409 VERSION_CONFLICT with `latest`. */
export function saveMySelfReview(cycleId: number, body: SelfReviewBody): Promise<SelfReview> {
  return apiRequest<SelfReview>('PUT', `/api/cycles/${cycleId}/self-review`, { json: body });
}

export function submitMySelfReview(cycleId: number, body: SelfReviewBody): Promise<SelfReview> {
  return apiRequest<SelfReview>('POST', `/api/cycles/${cycleId}/self-review/submit`, { json: body });
}

/** A report's self review, for their management chain and HR in scope. */
export function getSelfReviewOf(cycleId: number, personId: number, signal?: AbortSignal): Promise<SelfReview> {
  return apiRequest<SelfReview>('GET', `/api/cycles/${cycleId}/people/${personId}/self-review`, { signal });
}

// ---- Peer requests ----

/** Requests about me, or (as their chain or HR) about `subjectId`. */
export function listPeerRequests(cycleId: number, subjectId?: number, signal?: AbortSignal): Promise<PeerRequestList> {
  return apiRequest<PeerRequestList>('GET', `/api/cycles/${cycleId}/peer-requests`, { query: { subjectId }, signal });
}

/** My nominations (they wait for my manager), or a manager's direct requests about a report. */
export function requestPeers(cycleId: number, body: { reviewerIds: number[]; subjectId?: number }): Promise<PeerRequestList> {
  return apiRequest<PeerRequestList>('POST', `/api/cycles/${cycleId}/peer-requests`, { json: body });
}

/** Approves a report's nominations (all, or those named), which sends the requests. */
export function approveNominations(cycleId: number, body: { subjectId: number; reviewerIds?: number[] }): Promise<PeerRequestList> {
  return apiRequest<PeerRequestList>('POST', `/api/cycles/${cycleId}/peer-requests/approve`, { json: body });
}

export function withdrawPeerRequest(requestId: number): Promise<null> {
  return apiRequest<null>('DELETE', `/api/peer-requests/${requestId}`);
}

/** Accepts, or declines with a reason the subject's manager reads. */
export function respondToPeerRequest(requestId: number, body: { accept: boolean; reason?: string }): Promise<null> {
  return apiRequest<null>('POST', `/api/peer-requests/${requestId}/respond`, { json: body });
}

// ---- Peer feedback ----

export function getMyPeerFeedback(requestId: number, signal?: AbortSignal): Promise<PeerFeedback> {
  return apiRequest<PeerFeedback>('GET', `/api/peer-requests/${requestId}/feedback`, { signal });
}

export function savePeerFeedback(requestId: number, body: PeerFeedbackBody): Promise<PeerFeedback> {
  return apiRequest<PeerFeedback>('PUT', `/api/peer-requests/${requestId}/feedback`, { json: body });
}

export function submitPeerFeedback(requestId: number, body: PeerFeedbackBody): Promise<PeerFeedback> {
  return apiRequest<PeerFeedback>('POST', `/api/peer-requests/${requestId}/feedback/submit`, { json: body });
}

/** Peer feedback about me, without authors; `released: false` says why not yet. */
export function getReceivedFeedback(cycleId: number, signal?: AbortSignal): Promise<ReceivedFeedback> {
  return apiRequest<ReceivedFeedback>('GET', `/api/cycles/${cycleId}/feedback/received`, { signal });
}

/** The same anonymised feedback as a CSV download (a plain link: the cookie goes along). */
export function receivedFeedbackCsvUrl(cycleId: number): string {
  return apiUrl(`/api/cycles/${cycleId}/feedback/received.csv`);
}

/** Peer feedback about a report, with authors for the chain (and HR where the policy says). */
export function getFeedbackAbout(cycleId: number, personId: number, signal?: AbortSignal): Promise<FeedbackAbout> {
  return apiRequest<FeedbackAbout>('GET', `/api/cycles/${cycleId}/people/${personId}/feedback`, { signal });
}

// ---- Manager review ----

export function getManagerReview(cycleId: number, personId: number, signal?: AbortSignal): Promise<ManagerReview> {
  return apiRequest<ManagerReview>('GET', `/api/cycles/${cycleId}/people/${personId}/manager-review`, { signal });
}

export function saveManagerReview(cycleId: number, personId: number, body: ManagerReviewBody): Promise<ManagerReview> {
  return apiRequest<ManagerReview>('PUT', `/api/cycles/${cycleId}/people/${personId}/manager-review`, { json: body });
}

export function submitManagerReview(cycleId: number, personId: number, body: ManagerReviewBody): Promise<ManagerReview> {
  return apiRequest<ManagerReview>('POST', `/api/cycles/${cycleId}/people/${personId}/manager-review/submit`, { json: body });
}
