import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import type { Grant } from './vesting.rules.ts';

/** A pay change worked out by the rules, ready to store. */
export interface PlannedChange {
  kind: DB['compensation_changes']['kind'];
  effectiveOn: string;
  level: string;
  baseCents: number;
  summary: string;
  details: Record<string, unknown>;
  approvedBy?: number | null;
  packetId?: number | null;
  grant?: { grant: Grant; priceCents: number } | null;
  signOn?: { on: string; amountCents: number; note: string }[];
}

/** Stores a change with its grant and sign-on payments, and its audit event, in the caller's transaction. */
export async function storeChange(trx: Kysely<DB>, input: { personId: number; actorAccountId: number | null; change: PlannedChange; now: Date; requestId?: string }) {
  const { change } = input;
  const { id } = await trx
    .insertInto('compensation_changes')
    .values({
      person_id: input.personId,
      kind: change.kind,
      effective_on: change.effectiveOn,
      level: change.level,
      base_cents: change.baseCents,
      details: JSON.stringify({ summary: change.summary, ...change.details }),
      approved_by: change.approvedBy ?? null,
      packet_id: change.packetId ?? null,
      recorded_by: input.actorAccountId,
      created_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (change.grant && change.grant.grant.shares > 0) {
    await trx
      .insertInto('equity_grants')
      .values({ person_id: input.personId, change_id: id, kind: change.grant.grant.kind, grant_date: change.grant.grant.grantDate, shares: change.grant.grant.shares, price_cents: change.grant.priceCents, tranches: JSON.stringify(change.grant.grant.tranches) })
      .execute();
  }
  const payments = (change.signOn ?? []).filter((p) => p.amountCents > 0);
  if (payments.length) {
    await trx.insertInto('sign_on_payments').values(payments.map((p) => ({ person_id: input.personId, change_id: id, pay_on: p.on, amount_cents: p.amountCents, note: p.note }))).execute();
  }
  await appendAuditEvent(trx, {
    actorAccountId: input.actorAccountId,
    action: `compensation.${change.kind}`,
    subjectType: 'person',
    subjectId: input.personId,
    requestId: input.requestId,
    details: { changeId: id, effectiveOn: change.effectiveOn, level: change.level, baseCents: change.baseCents, grantShares: change.grant?.grant.shares ?? 0, signOnCents: payments.reduce((s, p) => s + p.amountCents, 0), approvedBy: change.approvedBy ?? null },
    at: input.now,
  });
  return { id, kind: change.kind, summary: change.summary, baseCents: change.baseCents, grantShares: change.grant?.grant.shares ?? 0, signOnCents: payments.reduce((s, p) => s + p.amountCents, 0) };
}
