import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunk } from '../db/bulk.ts';
import { ensureServices } from './catalog.repository.ts';
import { ensureMonthPartitions, ORG_ID } from './partitions.repository.ts';
import type { OncallPageEvent, OncallShiftEvent, OperationalItemEvent } from './sources/events.ts';

type Db = Kysely<DB> | Transaction<DB>;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The partition key (`occurred_at`) each event already has, by source and id: an upsert must
 * reuse it, or an item whose opening time was corrected would land in another month as a second row.
 */
async function existingOccurred(trx: Db, table: 'operational_items' | 'oncall_pages', keys: readonly { source: string; externalId: string }[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const batch of chunk([...keys], 2000)) {
    const { rows } = await sql<{ source: string; external_id: string; occurred_at: Date }>`
      select source, external_id, occurred_at from ${sql.table(table)}
      where org_id = ${ORG_ID} and (source, external_id) in (${sql.join(batch.map((k) => sql`(${k.source}, ${k.externalId})`))})`.execute(trx);
    for (const r of rows) found.set(`${r.source}\u0000${r.external_id}`, r.occurred_at.getTime());
  }
  return found;
}

async function serviceIds(trx: Db, names: (string | null)[]): Promise<Map<string, number>> {
  return ensureServices(trx, names.filter((n): n is string => n !== null));
}

/** Inserts or updates vulnerabilities and tickets (the same source and id is the same item). */
export async function upsertOperationalItems(trx: Db, items: readonly OperationalItemEvent[]): Promise<{ services: string[] }> {
  const services = await serviceIds(trx, items.map((i) => i.service));
  const existing = await existingOccurred(trx, 'operational_items', items);
  const occurred = items.map((i) => existing.get(`${i.source}\u0000${i.externalId}`) ?? i.openedAt);
  await ensureMonthPartitions(trx, 'operational_items', occurred);
  for (const batch of chunk(items.map((item, n) => ({ item, at: occurred[n]! })), 2000)) {
    await trx
      .insertInto('operational_items')
      .values(
        batch.map(({ item, at }) => ({
          org_id: ORG_ID, service_id: services.get(item.service)!, source: item.source, external_id: item.externalId, kind: item.kind, severity: item.severity, title: item.title,
          opened_at: iso(item.openedAt), resolved_at: item.resolvedAt === null ? null : iso(item.resolvedAt), occurred_at: iso(at),
        })),
      )
      .onConflict((oc) =>
        oc.columns(['org_id', 'source', 'external_id', 'occurred_at']).doUpdateSet((eb) => ({
          service_id: eb.ref('excluded.service_id'), kind: eb.ref('excluded.kind'), severity: eb.ref('excluded.severity'), title: eb.ref('excluded.title'),
          opened_at: eb.ref('excluded.opened_at'), resolved_at: eb.ref('excluded.resolved_at'),
        })),
      )
      .execute();
  }
  return { services: [...services.keys()].sort() };
}

/** Inserts or updates on-call shifts (a schedule, person and start is one shift; its end may change). */
export async function upsertOncallShifts(trx: Db, shifts: readonly OncallShiftEvent[]): Promise<void> {
  const services = await serviceIds(trx, shifts.map((s) => s.service));
  await ensureMonthPartitions(trx, 'oncall_shifts', shifts.map((s) => s.startsAt));
  for (const batch of chunk([...shifts], 3000)) {
    await trx
      .insertInto('oncall_shifts')
      .values(
        batch.map((s) => ({
          org_id: ORG_ID, service_id: s.service === null ? null : services.get(s.service)!, schedule: s.schedule, person_ref: s.person,
          starts_at: iso(s.startsAt), ends_at: iso(s.endsAt), occurred_at: iso(s.startsAt),
        })),
      )
      .onConflict((oc) => oc.columns(['org_id', 'schedule', 'person_ref', 'occurred_at']).doUpdateSet((eb) => ({ service_id: eb.ref('excluded.service_id'), ends_at: eb.ref('excluded.ends_at') })))
      .execute();
  }
}

/** Inserts or updates pages (the same source and id is the same page). */
export async function upsertOncallPages(trx: Db, pages: readonly OncallPageEvent[]): Promise<void> {
  const services = await serviceIds(trx, pages.map((p) => p.service));
  const existing = await existingOccurred(trx, 'oncall_pages', pages);
  const occurred = pages.map((p) => existing.get(`${p.source}\u0000${p.externalId}`) ?? p.at);
  await ensureMonthPartitions(trx, 'oncall_pages', occurred);
  for (const batch of chunk(pages.map((page, n) => ({ page, at: occurred[n]! })), 3000)) {
    await trx
      .insertInto('oncall_pages')
      .values(
        batch.map(({ page, at }) => ({
          org_id: ORG_ID, service_id: page.service === null ? null : services.get(page.service)!, source: page.source, external_id: page.externalId, person_ref: page.person,
          incident_external_id: page.incidentExternalId, at: iso(page.at), occurred_at: iso(at),
        })),
      )
      .onConflict((oc) =>
        oc.columns(['org_id', 'source', 'external_id', 'occurred_at']).doUpdateSet((eb) => ({
          service_id: eb.ref('excluded.service_id'), person_ref: eb.ref('excluded.person_ref'), incident_external_id: eb.ref('excluded.incident_external_id'), at: eb.ref('excluded.at'),
        })),
      )
      .execute();
  }
}
