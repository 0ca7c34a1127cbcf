/** A packet's life: drafted, submitted by the manager, reviewed by a committee, decided. */
export const PACKET_STATUSES = ['draft', 'submitted', 'committee_review', 'approved', 'not_approved'] as const;
export type PacketStatus = (typeof PACKET_STATUSES)[number];

export type PacketAction = 'submit' | 'withdraw' | 'startCommittee' | 'approve' | 'decline';

const TRANSITIONS: Record<PacketStatus, Partial<Record<PacketAction, PacketStatus>>> = {
  draft: { submit: 'submitted' },
  // Until the committee has it, the manager can take it back to edit.
  submitted: { withdraw: 'draft', startCommittee: 'committee_review' },
  committee_review: { approve: 'approved', decline: 'not_approved' },
  // Decisions are final; a later case is a new packet, and this one stays in the history.
  approved: {},
  not_approved: {},
};

/** The status an action leads to, or null when the action is not open in this status. */
export function nextStatus(status: PacketStatus, action: PacketAction): PacketStatus | null {
  return TRANSITIONS[status][action] ?? null;
}

/** The actions open in a status. */
export function openActions(status: PacketStatus): PacketAction[] {
  return Object.keys(TRANSITIONS[status]) as PacketAction[];
}

/** Sections are edited only while the packet is a draft. */
export function isEditable(status: PacketStatus): boolean {
  return status === 'draft';
}

export function isDecided(status: PacketStatus): boolean {
  return status === 'approved' || status === 'not_approved';
}
