import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { WebhookEvent } from '../shared/schemas/metrics.ts';
import { parseTimestamp } from './timestamps.rules.ts';
import { ORG_ID } from './partitions.repository.ts';
import type { DeploymentEvent, IncidentEvent } from './sources/events.ts';
import { normalizeRepositoryKey } from './sources/repository-key.rules.ts';
import { SourceError } from './sources/source-problems.ts';
import { verifyWebhookSignature } from './sources/webhook-signature.ts';
import { storeEventBatch } from './store-events.service.ts';

/** Creates (or replaces) a webhook source and returns its new secret; shown once, never again. */
export async function createWebhookSource(db: Kysely<DB>, options: { name: string }): Promise<{ name: string; secret: string }> {
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/u.test(options.name)) throw new SourceError([`${options.name}: a source name is 1-64 lower-case letters, digits, - or _`]);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('webhook_sources')
    .values({ org_id: ORG_ID, name: options.name, secret })
    .onConflict((oc) => oc.columns(['org_id', 'name']).doUpdateSet({ secret }))
    .execute();
  return { name: options.name, secret };
}

/**
 * Checks a delivery's signature against its source's secret. An unknown source answers exactly
 * like a bad signature (401), so the endpoint does not reveal which sources exist.
 */
export async function authenticateDelivery(db: Kysely<DB>, options: { source: string; body: Uint8Array; timestamp: string | undefined; signature: string | undefined; now: Date }): Promise<void> {
  const row = await db.selectFrom('webhook_sources').select('secret').where('org_id', '=', ORG_ID).where('name', '=', options.source).executeTakeFirst();
  // An unknown source still pays for an HMAC, so timing does not tell it apart either.
  const check = verifyWebhookSignature({ secret: row?.secret ?? 'no such source', body: options.body, timestamp: options.timestamp, signature: options.signature, nowMs: options.now.getTime() });
  if (!row || !check.ok) throw new AppError('UNAUTHENTICATED', { detail: row ? (check as { reason: string }).reason : 'The signature does not match.' });
}

/**
 * Stores one authenticated deployment or incident event and updates the metrics incrementally,
 * in one transaction. The same event delivered again (same id) changes nothing.
 */
export async function ingestWebhookEvent(db: Kysely<DB>, options: { source: string; event: WebhookEvent }): Promise<{ stored: 'deployment' | 'incident'; id: string }> {
  const { event } = options;
  const source = `webhook:${options.source}`;
  const time = (text: string | null | undefined) => (text ? parseTimestamp(text) : null);
  try {
    await db.transaction().execute(async (trx) => {
      if (event.type === 'deployment') {
        const deployment: DeploymentEvent = {
          source, externalId: event.id, service: event.service, name: event.name ?? null, environment: event.environment, result: event.result,
          createdAt: time(event.startedAt) ?? time(event.finishedAt), startedAt: time(event.startedAt), finishedAt: time(event.finishedAt),
          commits: event.commits.map((c) => ({ repository: normalizeRepositoryKey(c.repository), commitSha: c.sha })),
        };
        await storeEventBatch(trx, { deployments: [deployment] }, { mode: 'incremental', context: `webhook ${options.source}` });
      } else {
        const incident: IncidentEvent = {
          source, externalId: event.id, service: event.service, title: event.title ?? null, severity: event.severity ?? null, status: event.resolvedAt ? 'resolved' : 'open',
          createdAt: time(event.createdAt)!, resolvedAt: time(event.resolvedAt), leadTimeMinutes: null, assignees: event.assignees ?? [], analysisAuthor: null, analysisUrl: null,
        };
        await storeEventBatch(trx, { incidents: [incident] }, { mode: 'incremental', context: `webhook ${options.source}` });
      }
    });
  } catch (error) {
    if (error instanceof SourceError) throw new AppError('IMPORT_INVALID', { detail: 'The event was not stored.', errors: error.problems.map((message) => ({ path: 'body', message })) });
    throw error;
  }
  return { stored: event.type, id: event.id };
}
