import { hasRole, type Actor } from '../accounts/actor.ts';
import { AppError } from '../shared/errors.ts';
import { administersSubtree, isAboveInChain } from '../cycles/cycles.access.ts';
import type { PacketRow } from './packets.repository.ts';

export type PacketRelation = 'candidate' | 'chain' | 'committee' | 'hr' | 'admin';

/**
 * How the actor relates to a packet, or null when they may not see it: the candidate, their
 * management chain, the packet's committee, HR partners whose scope covers the candidate, admins.
 */
export function packetRelation(actor: Actor, packet: { candidate: { id: number; path: string } }, memberAccountIds: readonly number[]): PacketRelation | null {
  if (actor.personId === packet.candidate.id) return 'candidate';
  if (memberAccountIds.includes(actor.accountId)) return 'committee';
  if (isAboveInChain(actor, packet.candidate.path)) return 'chain';
  if (administersSubtree(actor, packet.candidate.path) && !hasRole(actor, 'admin')) return 'hr';
  if (hasRole(actor, 'admin')) return 'admin';
  return null;
}

/** 404 for anyone unrelated, so a packet's existence is not disclosed either. */
export function authorizeReadPacket(actor: Actor, packet: PacketRow, memberAccountIds: readonly number[]): PacketRelation {
  const relation = packetRelation(actor, packet, memberAccountIds);
  if (!relation) throw new AppError('NOT_FOUND', { detail: `No promotion packet ${packet.id}.` });
  return relation;
}

/** The case is written by the candidate and their chain together. */
export function canWritePacket(actor: Actor, packet: PacketRow): boolean {
  return actor.personId === packet.candidate.id || isAboveInChain(actor, packet.candidate.path);
}

/** The chain drafts, submits and withdraws; the candidate contributes but does not put themselves forward. */
export function authorizeManagePacket(actor: Actor, packet: PacketRow): void {
  if (!isAboveInChain(actor, packet.candidate.path)) throw new AppError('FORBIDDEN', { detail: 'Only the candidate’s management chain submits or withdraws a promotion case.', extra: { rule: 'NOT_YOUR_REPORT' } });
}

/** HR partners whose scope covers the candidate, and admins, run the committee and record decisions. */
export function authorizeRunCommittee(actor: Actor, packet: PacketRow): void {
  if (actor.personId === packet.candidate.id || !administersSubtree(actor, packet.candidate.path)) {
    throw new AppError('FORBIDDEN', { detail: 'Only HR partners whose scope covers the candidate, and administrators, run the promotion committee.' });
  }
}
