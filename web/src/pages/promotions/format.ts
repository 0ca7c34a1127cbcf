import type { Packet } from '../../api/promotions.ts';

export const STATUS_LABELS: Record<Packet['status'], string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  committee_review: 'Committee review',
  approved: 'Approved',
  not_approved: 'Not approved',
};

export const RELATION_LABELS: Record<Packet['viewer']['role'], string> = {
  candidate: 'Your case',
  chain: 'Your organisation',
  committee: 'You sit on the committee',
  hr: 'HR',
  admin: 'Admin',
};

export const VOTE_LABELS = { approve: 'Approve', not_yet: 'Not yet', abstain: 'Abstain' } as const;

export const DIMENSION_LABELS: Record<string, string> = {
  scope: 'Scope',
  autonomy: 'Autonomy',
  technicalDepth: 'Technical depth',
  influence: 'Influence',
  mentorship: 'Mentorship',
  operations: 'Operational responsibility',
};

export const EVIDENCE_LABELS: Record<string, string> = {
  log_note: 'Log note',
  peer_feedback: 'Peer feedback',
  shipped_work: 'Shipped work',
  design_doc: 'Design document',
  incident: 'Incident',
};
