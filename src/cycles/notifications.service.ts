import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunk } from '../db/bulk.ts';

/**
 * Adds in-app notifications; each is also an outbox row that an email adapter drains. A dedupe
 * key makes a reminder idempotent: sending the same reminder twice notifies once.
 */
export async function notify(
  db: Kysely<DB> | Transaction<DB>,
  personIds: number[],
  message: { kind: string; title: string; link?: string; dedupeKey?: string; now: Date },
): Promise<number> {
  let created = 0;
  for (const batch of chunk([...new Set(personIds)], 1000)) {
    const rows = await db
      .insertInto('notifications')
      .values(batch.map((person_id) => ({ person_id, kind: message.kind, title: message.title, link: message.link ?? null, dedupe_key: message.dedupeKey ?? null, created_at: message.now })))
      .onConflict((oc) => oc.columns(['person_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
      .returning('id')
      .execute();
    created += rows.length;
  }
  return created;
}

export async function listNotifications(db: Kysely<DB>, personId: number) {
  const rows = await db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'link', 'created_at', 'read_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, link: r.link, createdAt: r.created_at.toISOString(), read: r.read_at !== null }));
}

export async function markNotificationsRead(db: Kysely<DB>, options: { personId: number; ids: number[]; now: Date }) {
  if (!options.ids.length) return;
  await db.updateTable('notifications').set({ read_at: options.now }).where('person_id', '=', options.personId).where('id', 'in', options.ids).where('read_at', 'is', null).execute();
}

/**
 * Hands unsent notifications to an email sender, oldest first. Each message is claimed, sent and
 * marked in its own transaction: a failed send leaves only that message unsent (retried next
 * time) and never re-sends the ones before it. Locked rows are skipped, so several replicas can
 * drain at once.
 */
export async function drainOutbox(
  db: Kysely<DB>,
  options: { send: (message: { to: string; subject: string; link: string | null }) => Promise<void>; limit: number; now: Date },
): Promise<number> {
  let sent = 0;
  while (sent < options.limit) {
    const done = await db.transaction().execute(async (trx) => {
      const next = await trx
        .selectFrom('notifications as n')
        .innerJoin('people as p', 'p.id', 'n.person_id')
        .select(['n.id', 'n.title', 'n.link', 'p.email'])
        .where('n.emailed_at', 'is', null)
        .orderBy('n.id')
        .limit(1)
        .forUpdate('n')
        .skipLocked()
        .executeTakeFirst();
      if (!next) return false;
      await options.send({ to: next.email, subject: next.title, link: next.link });
      await trx.updateTable('notifications').set({ emailed_at: options.now }).where('id', '=', next.id).execute();
      return true;
    });
    if (!done) break;
    sent++;
  }
  return sent;
}
