/**
 * The one change an audit entry may take after it is written: its details replaced by an
 * erasure marker, when a person's data is erased. The chain hashes details_hash, not details
 * (src/audit/audit.service.ts), so an erased entry still verifies; the database refuses every
 * other change (migration 20261129T2100_audit_details_hash).
 */
export const ERASURE_MARKER_KEYS = ['at', 'erased'] as const;

export interface ErasureMarker {
  erased: true;
  /** When the payload was erased, ISO 8601. */
  at: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/u;

export function erasureMarker(at: Date): ErasureMarker {
  return { erased: true, at: at.toISOString() };
}

/** True for exactly `{ "erased": true, "at": "<ISO instant>" }`, and nothing else. */
export function isErasureMarker(details: unknown): details is ErasureMarker {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return false;
  const keys = Object.keys(details).sort();
  if (keys.length !== 2 || keys[0] !== 'at' || keys[1] !== 'erased') return false;
  const { erased, at } = details as Record<string, unknown>;
  return erased === true && typeof at === 'string' && ISO_INSTANT.test(at) && !Number.isNaN(Date.parse(at));
}

/**
 * The entry an erasure appends, in the same transaction, after the payloads it erased: its
 * `details.counts.audit_payloads` says how many it erased, all with the marker time equal to the
 * entry's own time. Verification checks the two agree, so a payload erased outside an erasure
 * (even past the database's rules) is reported.
 */
export const ERASURE_EVENT_ACTION = 'privacy.person.erased';

/** How many payloads an erasure entry declares it erased; null for any other entry. */
export function declaredErasures(entry: { action: string; details: Record<string, unknown> }): number | null {
  if (entry.action !== ERASURE_EVENT_ACTION) return null;
  const counts = entry.details.counts as Record<string, unknown> | undefined;
  const n = counts?.audit_payloads;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0;
}
