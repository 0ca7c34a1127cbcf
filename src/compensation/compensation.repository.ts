import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Grant } from './vesting.rules.ts';

export interface PayChange {
  id: number;
  kind: DB['compensation_changes']['kind'];
  effectiveOn: string;
  level: string;
  baseCents: number;
  details: Record<string, unknown>;
  approvedBy: string | null;
}

export interface PayRecord {
  changes: PayChange[];
  grants: (Grant & { id: number; changeId: number; priceCents: number })[];
  signOn: { changeId: number; payOn: string; amountCents: number; note: string }[];
}

/** A person's whole pay history: changes oldest first, with the grants and sign-on payments they made. */
export async function loadPayRecords(db: Kysely<DB>, personIds: readonly number[]): Promise<Map<number, PayRecord>> {
  const ids = personIds.length ? [...personIds] : [0];
  const [changes, grants, signOn] = await Promise.all([
    db
      .selectFrom('compensation_changes as c')
      .leftJoin('people as a', 'a.id', 'c.approved_by')
      .select(['c.id', 'c.person_id', 'c.kind', 'c.effective_on', 'c.level', 'c.base_cents', 'c.details', 'a.name as approver'])
      .where('c.person_id', 'in', ids)
      .orderBy('c.effective_on')
      .orderBy('c.id')
      .execute(),
    db.selectFrom('equity_grants').selectAll().where('person_id', 'in', ids).orderBy('grant_date').orderBy('id').execute(),
    db.selectFrom('sign_on_payments').selectAll().where('person_id', 'in', ids).orderBy('pay_on').orderBy('id').execute(),
  ]);
  const records = new Map<number, PayRecord>(personIds.map((id) => [id, { changes: [], grants: [], signOn: [] }]));
  for (const c of changes) {
    records.get(c.person_id)?.changes.push({ id: c.id, kind: c.kind, effectiveOn: c.effective_on, level: c.level, baseCents: Number(c.base_cents), details: c.details, approvedBy: c.approver });
  }
  for (const g of grants) {
    records.get(g.person_id)?.grants.push({ id: g.id, changeId: g.change_id, kind: g.kind, grantDate: g.grant_date, shares: Number(g.shares), priceCents: Number(g.price_cents), tranches: g.tranches });
  }
  for (const s of signOn) records.get(s.person_id)?.signOn.push({ changeId: s.change_id, payOn: s.pay_on, amountCents: Number(s.amount_cents), note: s.note });
  return records;
}

export async function loadPayRecord(db: Kysely<DB>, personId: number): Promise<PayRecord> {
  return (await loadPayRecords(db, [personId])).get(personId)!;
}

/**
 * The package in force: the latest change, and the grants and sign-on since the latest hire or
 * boomerang (earlier ones were forfeited on leaving, or restored by the boomerang's own grant).
 * Null when there is no pay on record or the person has left.
 */
export function activePackage(record: PayRecord) {
  const latest = record.changes.at(-1);
  if (!latest || latest.kind === 'departure') return null;
  const start = [...record.changes].reverse().find((c) => c.kind === 'hire' || c.kind === 'boomerang')!;
  const since = (changeId: number) => changeId >= start.id;
  return { latest, start, grants: record.grants.filter((g) => since(g.changeId)), signOn: record.signOn.filter((s) => since(s.changeId)) };
}

/** The most recent recorded share price on or before `asOf`. */
export async function latestSharePrice(db: Kysely<DB>, asOf: string) {
  const row = await db.selectFrom('share_prices').select(['as_of', 'price_cents']).where('as_of', '<=', asOf).orderBy('as_of', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { cents: Number(row.price_cents), asOf: row.as_of } : null;
}
