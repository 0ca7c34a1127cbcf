import fs from 'node:fs';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { AppError } from '../shared/errors.ts';
import type { PersonIdentities, UnmappedIdentities } from '../shared/schemas/metrics.ts';
import { knownIdentityOwners, seenIdentities } from './identities.repository.ts';
import { normalizeIdentity, type IdentityKind } from './identities.rules.ts';
import { assertIdentitiesMappable, assertIdentitiesVisible, assertUnmappedVisible, loadSubject } from './metrics.access.ts';
import { ORG_ID } from './partitions.repository.ts';
import { formatProblem, missingColumns, readCsvRecords, SourceError, type SourceProblem } from './sources/source-problems.ts';
import { MS_PER_DAY, parseDay } from './timestamps.rules.ts';

type Db = Kysely<DB> | Transaction<DB>;
const UNMAPPED_LIMIT = 500;

function range(query: { from?: string; to?: string }): { from?: Date; to?: Date } {
  const from = query.from ? parseDay(query.from) : null;
  const to = query.to ? parseDay(query.to) : null;
  if (query.from && from === null) throw new AppError('VALIDATION_FAILED', { detail: `from ${query.from} is not a calendar date.` });
  if (query.to && to === null) throw new AppError('VALIDATION_FAILED', { detail: `to ${query.to} is not a calendar date.` });
  if (from !== null && to !== null && to < from) throw new AppError('VALIDATION_FAILED', { detail: 'to is before from.' });
  return { ...(from !== null ? { from: new Date(from) } : {}), ...(to !== null ? { to: new Date(to + MS_PER_DAY) } : {}) };
}

/** A person's directory email and mapped identities, each with when the events last named it in the range. */
export async function personIdentities(db: Kysely<DB>, options: { actor: Actor; personId: number; query: { from?: string; to?: string } }): Promise<PersonIdentities> {
  const subject = await loadSubject(db, options.personId);
  assertIdentitiesVisible(options.actor, subject);
  const person = await db.selectFrom('people').select('email').where('id', '=', subject.id).executeTakeFirstOrThrow();
  const mapped = await db.selectFrom('person_identities').select(['kind', 'value']).where('org_id', '=', ORG_ID).where('person_id', '=', subject.id).orderBy('kind').orderBy('value').execute();
  const all = [{ kind: 'email' as IdentityKind, value: person.email.toLowerCase(), directory: true }, ...mapped.map((m) => ({ kind: m.kind, value: m.value.toLowerCase(), directory: false }))];
  const seen = await seenIdentities(db, { ...range(options.query), values: [...new Set(all.map((i) => i.value))] });
  const lastSeen = new Map<string, Date>();
  for (const s of seen) if (!lastSeen.has(s.value) || s.lastSeen > lastSeen.get(s.value)!) lastSeen.set(s.value, s.lastSeen);
  return {
    person: { id: subject.id, name: subject.name },
    identities: all.map((i) => ({ ...i, lastSeen: lastSeen.get(i.value)?.toISOString() ?? null })),
  };
}

/** Identities the events name that belong to nobody yet (neither a directory email nor mapped). */
export async function unmappedIdentities(db: Kysely<DB>, options: { actor: Actor; query: { from?: string; to?: string } }): Promise<UnmappedIdentities> {
  assertUnmappedVisible(options.actor);
  const seen = await seenIdentities(db, range(options.query));
  const owners = await knownIdentityOwners(db, [...new Set(seen.map((s) => s.value))]);
  const unmapped = seen.filter((s) => !owners.has(s.value));
  return {
    identities: unmapped.slice(0, UNMAPPED_LIMIT).map((s) => ({ kind: s.kind, value: s.value, seenIn: s.seenIn, lastSeen: s.lastSeen.toISOString() })),
    total: unmapped.length,
    limit: UNMAPPED_LIMIT,
  };
}

/**
 * Maps one identity to a person in the caller's transaction, audited. Mapping what the person
 * already has changes nothing; an identity that is someone else's (mapped, or their directory
 * email) is refused: unmap it there first, so no one's record moves silently.
 */
async function applyMapping(trx: Transaction<DB>, options: { personId: number; kind: IdentityKind; value: string; actorAccountId: number | null; requestId?: string; now: Date }): Promise<'mapped' | 'unchanged' | { conflict: number }> {
  const owner = (await knownIdentityOwners(trx, [options.value])).get(options.value);
  if (owner !== undefined && owner !== options.personId) return { conflict: owner };
  if (owner === options.personId) return 'unchanged';
  await trx.insertInto('person_identities').values({ org_id: ORG_ID, kind: options.kind, value: options.value, person_id: options.personId }).execute();
  await appendAuditEvent(trx, { actorAccountId: options.actorAccountId, action: 'metrics.identity_mapped', subjectType: 'person', subjectId: options.personId, requestId: options.requestId, details: { kind: options.kind, value: options.value }, at: options.now });
  return 'mapped';
}

function normalized(kind: string, value: string): { kind: IdentityKind; value: string } {
  const identity = normalizeIdentity(kind, value);
  if ('problem' in identity) throw new AppError('VALIDATION_FAILED', { detail: identity.problem, errors: [{ path: 'body.value', message: identity.problem }] });
  return identity;
}

export async function mapIdentity(db: Kysely<DB>, options: { actor: Actor; personId: number; kind: string; value: string; now: Date; requestId?: string }): Promise<{ kind: IdentityKind; value: string; changed: boolean }> {
  const subject = await loadSubject(db, options.personId);
  assertIdentitiesMappable(options.actor, subject);
  const identity = normalized(options.kind, options.value);
  const outcome = await db.transaction().execute((trx) => applyMapping(trx, { personId: subject.id, ...identity, actorAccountId: options.actor.accountId, requestId: options.requestId, now: options.now }));
  if (typeof outcome === 'object') throw new AppError('CONFLICT', { detail: `${identity.value} already belongs to another person; unmap it there first.` });
  return { ...identity, changed: outcome === 'mapped' };
}

/** Removes one mapped identity of a person, audited; a directory email cannot be removed here. */
export async function unmapIdentity(db: Kysely<DB>, options: { actor: Actor; personId: number; kind: string; value: string; now: Date; requestId?: string }): Promise<{ removed: boolean }> {
  const subject = await loadSubject(db, options.personId);
  assertIdentitiesMappable(options.actor, subject);
  const identity = normalized(options.kind, options.value);
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('person_identities')
      .where('org_id', '=', ORG_ID)
      .where('person_id', '=', subject.id)
      .where('kind', '=', identity.kind)
      .where('value', '=', identity.value)
      .executeTakeFirst();
    const removed = Number(deleted.numDeletedRows) > 0;
    if (removed) await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'metrics.identity_unmapped', subjectType: 'person', subjectId: subject.id, requestId: options.requestId, details: { ...identity }, at: options.now });
    return { removed };
  });
}

/**
 * `highbar identities import FILE.csv`: `kind`, `value` and `person` (an employee id or a
 * directory email) per row. All or nothing: any unknown person, bad identity or identity that is
 * already someone else's refuses the file with every line. Re-running it changes nothing.
 */
export async function importIdentities(db: Kysely<DB>, options: { file: string; now: Date }): Promise<{ mapped: number; unchanged: number }> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(options.file);
  } catch (error) {
    throw new SourceError([`${options.file}: cannot read: ${(error as Error).message}`]);
  }
  const read = readCsvRecords(bytes);
  if ('problems' in read) throw new SourceError(read.problems.map((p) => formatProblem(options.file, p)));
  const problems: SourceProblem[] = missingColumns(read.header, ['kind', 'value', 'person'], 'an identities file');
  if (problems.length) throw new SourceError(problems.map((p) => formatProblem(options.file, p)));
  const people = await db.selectFrom('people').select(['id', 'employee_id', 'email']).execute();
  const byEmployeeId = new Map(people.map((p) => [p.employee_id, p.id]));
  const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p.id]));
  const rows: { line: number; personId: number; kind: IdentityKind; value: string }[] = [];
  const inFile = new Map<string, { line: number; personId: number }>();
  for (const { line, cells } of read.records) {
    const personText = cells.get('person')!;
    const personId = byEmployeeId.get(personText) ?? byEmail.get(personText.toLowerCase());
    if (personId === undefined) problems.push({ line, column: 'person', reason: `${JSON.stringify(personText)} is neither an employee id nor an email of the directory` });
    const identity = normalizeIdentity(cells.get('kind')!.toLowerCase(), cells.get('value')!);
    if ('problem' in identity) problems.push({ line, column: identity.problem.includes('is not one of') ? 'kind' : 'value', reason: identity.problem });
    if (personId === undefined || 'problem' in identity) continue;
    const earlier = inFile.get(identity.value);
    if (earlier && earlier.personId !== personId) problems.push({ line, column: 'value', reason: `${identity.value} is given to another person on line ${earlier.line}` });
    if (earlier) continue;
    inFile.set(identity.value, { line, personId });
    rows.push({ line, personId, ...identity });
  }
  if (problems.length) throw new SourceError(problems.map((p) => formatProblem(options.file, p)));
  return db.transaction().execute(async (trx) => {
    let mapped = 0;
    let unchanged = 0;
    const conflicts: string[] = [];
    for (const row of rows) {
      const outcome = await applyMapping(trx, { personId: row.personId, kind: row.kind, value: row.value, actorAccountId: null, now: options.now });
      if (typeof outcome === 'object') conflicts.push(formatProblem(options.file, { line: row.line, column: 'value', reason: `${row.value} already belongs to another person (id ${outcome.conflict}); unmap it there first` }));
      else if (outcome === 'mapped') mapped++;
      else unchanged++;
    }
    // Thrown inside the transaction, so the rows mapped before the conflict are rolled back too.
    if (conflicts.length) throw new SourceError(conflicts);
    return { mapped, unchanged };
  });
}

/** `highbar identities list [--unmapped]`: every mapped identity with its person, or the unmapped ones. */
export async function listIdentities(db: Db, options: { unmapped: boolean }): Promise<{ identities: { kind: string; value: string; person: string | null; seenIn?: string[] }[] }> {
  if (options.unmapped) {
    const seen = await seenIdentities(db);
    const owners = await knownIdentityOwners(db, [...new Set(seen.map((s) => s.value))]);
    return { identities: seen.filter((s) => !owners.has(s.value)).map((s) => ({ kind: s.kind, value: s.value, person: null, seenIn: s.seenIn })) };
  }
  const rows = await db
    .selectFrom('person_identities as i')
    .innerJoin('people as p', 'p.id', 'i.person_id')
    .select(['i.kind', 'i.value', 'p.employee_id', 'p.name'])
    .where('i.org_id', '=', ORG_ID)
    .orderBy('i.kind')
    .orderBy('i.value')
    .execute();
  return { identities: rows.map((r) => ({ kind: r.kind, value: r.value, person: `${r.employee_id} ${r.name}` })) };
}
