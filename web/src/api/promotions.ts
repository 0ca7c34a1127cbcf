import type { z } from 'zod';
import type { careerSchema, committeeBodySchema, evidenceItemSchema, ladderLevelBodySchema, ladderLevelSchema, packetListSchema, packetSchema } from '../../../src/shared/schemas/promotions.ts';
import type { ladderListSchema } from '../../../src/shared/schemas/people.ts';
import { apiRequest } from './client.ts';

export type Career = z.infer<typeof careerSchema>;
export type CareerLevel = NonNullable<Career['current']>;
export type Packet = z.infer<typeof packetSchema>;
export type PacketSection = Packet['sections'][number];
export type PacketList = z.infer<typeof packetListSchema>;
export type EvidenceItem = z.input<typeof evidenceItemSchema>;
export type CommitteeBody = z.input<typeof committeeBodySchema>;
export type LadderLevelBody = z.input<typeof ladderLevelBodySchema>;
export type LadderLevel = z.infer<typeof ladderLevelSchema>;
export type Vote = 'approve' | 'not_yet' | 'abstain';

/** A person's level and the next on their ladder. */
export function getCareer(personId: number, signal?: AbortSignal): Promise<Career> {
  return apiRequest<Career>('GET', `/api/people/${personId}/career`, { signal });
}

export function updateLadderLevel(key: string, code: string, body: LadderLevelBody): Promise<LadderLevel> {
  return apiRequest<LadderLevel>('PUT', `/api/ladders/${encodeURIComponent(key)}/levels/${encodeURIComponent(code)}`, { json: body });
}

export function listPackets(signal?: AbortSignal): Promise<PacketList> {
  return apiRequest<PacketList>('GET', '/api/promotion-packets', { signal });
}

export function createPacket(candidateId: number): Promise<Packet> {
  return apiRequest<Packet>('POST', '/api/promotion-packets', { json: { candidateId } });
}

export function getPacket(id: number, signal?: AbortSignal): Promise<Packet> {
  return apiRequest<Packet>('GET', `/api/promotion-packets/${id}`, { signal });
}

/** Saves one section; a 409 VERSION_CONFLICT carries the saved section in `latest`. */
export function saveSection(id: number, section: string, body: { text: string; evidence: EvidenceItem[]; version: number }): Promise<Packet> {
  return apiRequest<Packet>('PUT', `/api/promotion-packets/${id}/sections/${section}`, { json: body });
}

export function packetAction(id: number, action: 'submit' | 'withdraw'): Promise<Packet> {
  return apiRequest<Packet>('POST', `/api/promotion-packets/${id}/${action}`);
}

export function startCommittee(id: number, body: CommitteeBody): Promise<Packet> {
  return apiRequest<Packet>('POST', `/api/promotion-packets/${id}/committee`, { json: body });
}

export function castVote(id: number, vote: Vote, feedback: string): Promise<Packet> {
  return apiRequest<Packet>('PUT', `/api/promotion-packets/${id}/votes`, { json: { vote, feedback } });
}

export function decidePacket(id: number, outcome: 'approved' | 'not_approved', feedback: string): Promise<Packet> {
  return apiRequest<Packet>('POST', `/api/promotion-packets/${id}/decision`, { json: { outcome, feedback } });
}

export type LadderList = z.infer<typeof ladderListSchema>;

/** Every ladder with its levels, expectations and versions. */
export function listLadders(signal?: AbortSignal): Promise<LadderList> {
  return apiRequest<LadderList>('GET', '/api/ladders', { signal });
}
