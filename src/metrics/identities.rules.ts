/**
 * How people appear in engineering sources, and how an identity is written down: kinds are the
 * sources' own names for a person (DOMAIN.md section 7). Matching is by value, case-insensitive,
 * whatever the kind, so a value is stored lower-cased and belongs to one person at most.
 */
export const IDENTITY_KINDS = ['email', 'github', 'amazon-q', 'pagerduty'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** Where each kind comes from, for people mapping them (docs/metrics.md, "Identities"). */
export const IDENTITY_KIND_SOURCES: Record<IdentityKind, string> = {
  email: 'git author and committer emails; any source that names people by email',
  github: 'GitHub logins: pull request authors and reviewers (Copilot seats use the same login)',
  'amazon-q': 'Amazon Q Developer user ids (the UserId column of the activity report)',
  pagerduty: 'PagerDuty user ids, or the names of incident assignees when the export has no emails',
};

export const MAX_IDENTITY_LENGTH = 320;

/** An identity as stored: trimmed and lower-cased; `null` with the reason when it cannot be one. */
export function normalizeIdentity(kind: string, value: string): { kind: IdentityKind; value: string } | { problem: string } {
  if (!(IDENTITY_KINDS as readonly string[]).includes(kind)) return { problem: `${JSON.stringify(kind)} is not one of ${IDENTITY_KINDS.join(', ')}` };
  const normalized = value.trim().toLowerCase();
  if (!normalized) return { problem: 'the identity is empty' };
  if (normalized.length > MAX_IDENTITY_LENGTH) return { problem: `the identity is longer than ${MAX_IDENTITY_LENGTH} characters` };
  if (/[\u0000-\u001f\u007f]/u.test(normalized)) return { problem: 'the identity contains control characters' };
  if (kind === 'email' && !/^[^\s@]+@[^\s@]+$/u.test(normalized)) return { problem: `${JSON.stringify(value)} is not an email address` };
  return { kind: kind as IdentityKind, value: normalized };
}

/**
 * The kind under which a value seen in a source is offered for mapping: an email is an email
 * wherever it was seen (a pull request author given by email, a PagerDuty user exported with
 * emails), anything else is the source's own kind of id.
 */
export function seenKind(sourceKind: IdentityKind, value: string): IdentityKind {
  return value.includes('@') ? 'email' : sourceKind;
}
