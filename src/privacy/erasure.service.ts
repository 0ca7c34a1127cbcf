import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { ERASURE_EVENT_ACTION, erasureMarker } from '../audit/audit-erasure.rules.ts';
import { accountPseudonymFor, erasureRefusal, identifyingStrings, pseudonymFor } from './erasure.rules.ts';

export const ERASED_ACTION = ERASURE_EVENT_ACTION;

export interface ErasureResult {
  personId: number;
  /** Rows touched per table (deleted or pseudonymised), and audit payloads erased. */
  counts: Record<string, number>;
}

/**
 * Erases a leaver's personal data by the rules in erasure.rules.ts, in one transaction: every
 * delete, every pseudonym and every erased audit payload, or nothing. The erasure is audited by
 * an entry that names only the person id and the counts.
 */
export async function erasePerson(db: Kysely<DB>, options: { actorAccountId: number | null; personId: number; now: Date; requestId?: string }): Promise<ErasureResult> {
  return db.transaction().execute(async (trx) => {
    const { personId, now } = options;
    const person = await trx.selectFrom('people').select(['id', 'name', 'email', 'employee_id', 'status']).where('id', '=', personId).forUpdate().executeTakeFirst();
    if (!person) throw new AppError('NOT_FOUND', { detail: `No person ${personId}.` });
    const openCases = await trx.selectFrom('pipeline_cases').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', personId).where('closed_at', 'is', null).executeTakeFirstOrThrow();
    const refusal = erasureRefusal({ personId, status: person.status, email: person.email, employeeId: person.employee_id, openCases: Number(openCases.n) });
    if (refusal) throw new AppError('CONFLICT', { detail: refusal.message, extra: { rule: refusal.kind } });

    const accounts = await trx.selectFrom('accounts').select(['id', 'email']).where('person_id', '=', personId).execute();
    const accountIds = accounts.map((a) => a.id);
    const identities = await trx.selectFrom('person_identities').select(['kind', 'value']).where('person_id', '=', personId).execute();
    const emails = [...new Set([person.email, ...accounts.map((a) => a.email), ...identities.filter((i) => i.kind === 'email').map((i) => i.value)].map((e) => e.toLowerCase()))];
    const handles = identities.filter((i) => i.kind !== 'email').map((i) => i.value);
    const pseudonym = pseudonymFor(personId);
    const counts: Record<string, number> = {};
    // Rows touched per table, from a delete's or an update's result.
    const count = async (key: string, run: Promise<{ numDeletedRows: bigint } | { numUpdatedRows: bigint }>) => {
      const result = await run;
      counts[key] = (counts[key] ?? 0) + Number('numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows);
    };

    // 1. Audit payloads that are about the person or carry what identifies them; found before
    //    the people and account rows lose those strings.
    counts.audit_payloads = await eraseAuditPayloads(trx, {
      personId,
      accountIds,
      strings: identifyingStrings({ name: person.name, email: person.email, employeeId: person.employee_id, accountEmails: accounts.map((a) => a.email), identities: identities.map((i) => i.value) }),
      now,
    });

    // 2. Their record: deleted (children before the rows they reference).
    await count('check_ins', trx.deleteFrom('check_ins').where('person_id', '=', personId).executeTakeFirst());
    await count('development_plans', trx.deleteFrom('development_plans').where('person_id', '=', personId).executeTakeFirst());
    await count('goals', trx.deleteFrom('goals').where('person_id', '=', personId).executeTakeFirst());
    await count('living_document_items', trx.deleteFrom('living_document_items').where('person_id', '=', personId).executeTakeFirst());
    await count('living_document_exclusions', trx.deleteFrom('living_document_exclusions').where('person_id', '=', personId).executeTakeFirst());
    await count('skip_level_notes', trx.deleteFrom('skip_level_notes').where('person_id', '=', personId).executeTakeFirst());
    await count('transfer_requests', trx.deleteFrom('transfer_requests').where('person_id', '=', personId).executeTakeFirst());
    await count('pulse_participation', trx.deleteFrom('pulse_participation').where('person_id', '=', personId).executeTakeFirst());
    await count('feedback_log', trx.deleteFrom('feedback_log').where('person_id', '=', personId).executeTakeFirst());
    await count('self_reviews', trx.deleteFrom('self_reviews').where('person_id', '=', personId).executeTakeFirst());
    await count('manager_reviews', trx.deleteFrom('manager_reviews').where('person_id', '=', personId).executeTakeFirst());
    await count('peer_feedback', trx.deleteFrom('peer_feedback').where('subject_id', '=', personId).executeTakeFirst());
    await count('peer_requests', trx.deleteFrom('peer_requests').where('subject_id', '=', personId).executeTakeFirst());
    await count('notifications', trx.deleteFrom('notifications').where('person_id', '=', personId).executeTakeFirst());
    await count('person_attributes', trx.deleteFrom('person_attributes').where('person_id', '=', personId).executeTakeFirst());
    await count('person_identities', trx.deleteFrom('person_identities').where('person_id', '=', personId).executeTakeFirst());
    if (accountIds.length) {
      await count('sessions', trx.deleteFrom('sessions').where('account_id', 'in', accountIds).executeTakeFirst());
      await count('hr_scopes', trx.deleteFrom('hr_scopes').where('account_id', 'in', accountIds).executeTakeFirst());
    }
    await count('sign_in_attempts', trx.deleteFrom('sign_in_attempts').where(sql<boolean>`lower(email) = any(${emails}::text[])`).executeTakeFirst());

    // 3. Engineering events under their identities: kept for team metrics, no longer naming them.
    await count('commits', trx.updateTable('commits').set({ author_name: pseudonym.name, author_email: pseudonym.email }).where(sql<boolean>`lower(author_email) = any(${emails}::text[])`).executeTakeFirst());
    await count('commits', trx.updateTable('commits').set({ committer_email: pseudonym.email }).where(sql<boolean>`lower(committer_email) = any(${emails}::text[])`).executeTakeFirst());
    if (handles.length) {
      await count('pull_requests', trx.updateTable('pull_requests').set({ author: pseudonym.employeeId }).where('author', 'in', handles).executeTakeFirst());
      await count('pull_request_comments', trx.updateTable('pull_request_comments').set({ author: pseudonym.employeeId }).where('author', 'in', handles).executeTakeFirst());
      await count('incidents', trx.updateTable('incidents').set({ analysis_author: pseudonym.employeeId }).where('analysis_author', 'in', handles).executeTakeFirst());
      await count('oncall_shifts', trx.updateTable('oncall_shifts').set({ person_ref: pseudonym.employeeId }).where('person_ref', 'in', handles).executeTakeFirst());
      await count('oncall_pages', trx.updateTable('oncall_pages').set({ person_ref: pseudonym.employeeId }).where('person_ref', 'in', handles).executeTakeFirst());
    }

    // 4. The rows that must stay, no longer naming them.
    await count('people', trx.updateTable('people').set({ name: pseudonym.name, email: pseudonym.email, employee_id: pseudonym.employeeId, title: null, location: null, time_zone: null, updated_at: now }).where('id', '=', personId).executeTakeFirst());
    for (const account of accounts) {
      const replacement = accountPseudonymFor(account.id);
      await count(
        'accounts',
        trx
          .updateTable('accounts')
          .set((eb) => ({ name: replacement.name, email: replacement.email, password_hash: '!erased', roles: [], disabled_at: eb.fn.coalesce('disabled_at', sql<Date>`${now}`) }))
          .where('id', '=', account.id)
          .executeTakeFirst(),
      );
    }

    await appendAuditEvent(trx, { actorAccountId: options.actorAccountId, action: ERASED_ACTION, subjectType: 'person', subjectId: personId, requestId: options.requestId ?? null, details: { counts }, at: now });
    return { personId, counts };
  });
}

/**
 * Replaces with the erasure marker the payloads of entries about the person (or their account)
 * and of entries whose payload holds, as a value anywhere, one of the strings that identify them.
 * Earlier erasures, and erasure events (which name only an id), are left alone.
 */
async function eraseAuditPayloads(trx: Transaction<DB>, input: { personId: number; accountIds: number[]; strings: string[]; now: Date }): Promise<number> {
  const marker = JSON.stringify(erasureMarker(input.now));
  const accountIds = input.accountIds.map(String);
  const result = await sql`
    update audit_events set details = ${marker}::jsonb
    where action <> ${ERASED_ACTION}
      and not (details ? 'erased' and details -> 'erased' = 'true'::jsonb)
      and (
        (subject_type = 'person' and subject_id = ${String(input.personId)})
        or (subject_type = 'account' and subject_id = any(${accountIds}::text[]))
        or exists (select 1 from unnest(${input.strings}::text[]) as s(value)
                   where jsonb_path_exists(audit_events.details, '$.** ? (@ == $value)', jsonb_build_object('value', s.value)))
      )`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}
