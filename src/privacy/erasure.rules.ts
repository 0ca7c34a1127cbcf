import type { PersonStatus } from '../db/schema.ts';

/**
 * What erasing a leaver does to each kind of data (GDPR art. 17), as data so the service, the
 * documentation (docs/security.md) and the tests read the same list.
 * - delete: the rows go.
 * - pseudonymise: the row stays, the fields that name the person are replaced.
 * - keep: the row stays as it is, because a law or another person's record needs it; it no
 *   longer names the person once their people and account rows are pseudonymised.
 */
export type ErasureAction = 'delete' | 'pseudonymise' | 'keep';

export interface ErasureRule {
  data: string;
  action: ErasureAction;
  why: string;
}

export const ERASURE_RULES: readonly ErasureRule[] = [
  { data: 'people (the person)', action: 'pseudonymise', why: 'name, email, employee id, title, location and time zone replaced; level, team, manager and dates stay for the org tree and aggregate statistics' },
  { data: 'accounts (their sign-in)', action: 'pseudonymise', why: 'disabled, email and name replaced, password unusable, roles removed; the row stays because audit entries name it as actor' },
  { data: 'sessions, HR scopes, sign-in attempts', action: 'delete', why: 'no purpose once the account is closed' },
  { data: 'person_attributes (demographics)', action: 'delete', why: 'special-category data with no purpose after the person left' },
  { data: 'notifications', action: 'delete', why: 'messages to the person' },
  { data: 'feedback_log notes about them', action: 'delete', why: 'their performance record' },
  { data: 'self_reviews', action: 'delete', why: 'their own writing about themselves' },
  { data: 'manager_reviews about them', action: 'delete', why: 'their performance record' },
  { data: 'peer_requests and peer_feedback about them', action: 'delete', why: 'their performance record' },
  { data: 'peer_feedback they wrote about others', action: 'keep', why: 'part of the other person’s record; stays without attribution (the author row is pseudonymised, and recipients never saw authors)' },
  { data: 'manager reviews and log notes they wrote about others', action: 'keep', why: 'part of the other person’s record; the author is pseudonymised' },
  { data: 'goals, check-ins, development plans, living-document items, skip-level notes, transfer requests', action: 'delete', why: 'their development record' },
  { data: 'pulse participation', action: 'delete', why: 'who answered; the anonymous tallies stay' },
  { data: 'person_identities (metrics identities)', action: 'delete', why: 'links code activity to the person' },
  { data: 'commits, pull requests, comments, on-call shifts and pages under their identities', action: 'pseudonymise', why: 'author names, emails and handles replaced; the events stay for team and service metrics' },
  { data: 'ratings, calibration records, promotion packets and decisions', action: 'keep', why: 'pay-equity and discrimination claims need the decision record for the limitation period; pseudonymised through the person row' },
  { data: 'compensation, equity and payments', action: 'keep', why: 'tax and payroll law' },
  { data: 'pipeline cases, events, exits and their access log', action: 'keep', why: 'employment-dispute records; an erasure is refused while a case is open' },
  { data: 'audit entries about them or carrying their name, email or employee id', action: 'pseudonymise', why: 'the payload is replaced by the erasure marker; the chain still verifies because it hashes the payload’s hash' },
  { data: 'the erasure’s own audit entry', action: 'keep', why: 'names only the person id and counts, so it can stay for good' },
];

/** The replacements for the fields that name a person. */
export function pseudonymFor(personId: number) {
  return {
    name: `Erased person ${personId}`,
    email: `erased-${personId}@erased.invalid`,
    employeeId: `erased-${personId}`,
  };
}

export function accountPseudonymFor(accountId: number) {
  return { name: `Erased account ${accountId}`, email: `erased-account-${accountId}@erased.invalid` };
}

/** A person whose people row is already pseudonymised. */
export function isErased(person: { email: string; employeeId: string }, personId: number): boolean {
  const p = pseudonymFor(personId);
  return person.email === p.email && person.employeeId === p.employeeId;
}

export type ErasureRefusal = { kind: 'not-a-leaver' | 'open-case' | 'already-erased'; message: string };

/** Why a person cannot be erased now, or null: only leavers, never during an open case, and once. */
export function erasureRefusal(input: { personId: number; status: PersonStatus; email: string; employeeId: string; openCases: number }): ErasureRefusal | null {
  if (isErased(input, input.personId)) return { kind: 'already-erased', message: `Person ${input.personId} is already erased.` };
  if (input.status !== 'terminated') {
    return { kind: 'not-a-leaver', message: `Person ${input.personId} is ${input.status}: only people who have left (status terminated) can be erased; record their exit first.` };
  }
  if (input.openCases > 0) {
    return { kind: 'open-case', message: `Person ${input.personId} has an open pipeline case: it is an employment-dispute record and must be closed before the person can be erased.` };
  }
  return null;
}

/**
 * The strings an audit payload names the person by; short ones (under 4 characters) are left
 * out, as they would match unrelated payloads.
 */
export function identifyingStrings(input: { name: string; email: string; employeeId: string; accountEmails: readonly string[]; identities: readonly string[] }): string[] {
  const all = [input.name, input.email, input.employeeId, ...input.accountEmails, ...input.identities].map((s) => s.trim()).filter((s) => s.length >= 4);
  return [...new Set(all)].sort();
}
