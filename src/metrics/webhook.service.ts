import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { WebhookEvent, WebhookSources } from '../shared/schemas/metrics.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { parseTimestamp } from './timestamps.rules.ts';
import { ORG_ID } from './partitions.repository.ts';
import type { DeploymentEvent, IncidentEvent } from './sources/events.ts';
import { normalizeRepositoryKey } from './sources/repository-key.rules.ts';
import { SourceError } from './sources/source-problems.ts';
import { verifyWebhookSignature } from './sources/webhook-signature.ts';
import { storeEventBatch } from './store-events.service.ts';

/** How long a rotated-out secret still authenticates deliveries unless the rotation says otherwise. */
export const DEFAULT_GRACE_HOURS = 24;
export const MAX_GRACE_HOURS = 168;
const SOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/u;
const HOUR_MS = 3_600_000;

export interface WebhookSecret {
  name: string;
  secret: string;
  /** Until when the previous secret is still accepted (null: it stopped working at once, or there was none). */
  previousValidUntil: string | null;
}

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * Creates a webhook source, or gives an existing one a new secret (`mode: 'upsert'`, the CLI),
 * audited in the same transaction (the secret itself never is). The new secret is returned once
 * and never shown again. On rotation the old secret keeps working for `graceHours` (default 24,
 * 0 = stops at once), so senders can be switched without dropping deliveries.
 */
export async function createWebhookSource(
  db: Kysely<DB>,
  options: { name: string; mode?: 'create' | 'upsert'; graceHours?: number; now?: Date; actorAccountId?: number | null; requestId?: string },
): Promise<WebhookSecret> {
  if (!SOURCE_NAME.test(options.name)) throw new SourceError([`${options.name}: a source name is 1-64 lower-case letters, digits, - or _`]);
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('webhook_sources').select('name').where('org_id', '=', ORG_ID).where('name', '=', options.name).forUpdate().executeTakeFirst();
    if (existing) {
      if (options.mode === 'create') throw new AppError('CONFLICT', { detail: `Webhook source ${options.name} exists; rotate its secret instead.` });
      return rotateInTransaction(trx, { ...options, now });
    }
    const secret = newSecret();
    await trx.insertInto('webhook_sources').values({ org_id: ORG_ID, name: options.name, secret, created_at: now, previous_secret: null, previous_valid_until: null, rotated_at: null }).execute();
    await appendAuditEvent(trx, { actorAccountId: options.actorAccountId ?? null, action: 'metrics.webhook_source_created', subjectType: 'webhook_source', subjectId: options.name, requestId: options.requestId, at: now });
    return { name: options.name, secret, previousValidUntil: null };
  });
}

/** Gives an existing webhook source a new secret (404 when there is no such source). */
export async function rotateWebhookSecret(db: Kysely<DB>, options: { name: string; graceHours?: number; now: Date; actorAccountId: number | null; requestId?: string }): Promise<WebhookSecret> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('webhook_sources').select('name').where('org_id', '=', ORG_ID).where('name', '=', options.name).forUpdate().executeTakeFirst();
    if (!existing) throw new AppError('NOT_FOUND', { detail: `No webhook source ${options.name}.` });
    return rotateInTransaction(trx, options);
  });
}

async function rotateInTransaction(trx: Transaction<DB>, options: { name: string; graceHours?: number; now: Date; actorAccountId?: number | null; requestId?: string }): Promise<WebhookSecret> {
  const graceHours = options.graceHours ?? DEFAULT_GRACE_HOURS;
  if (!Number.isInteger(graceHours) || graceHours < 0 || graceHours > MAX_GRACE_HOURS) throw new AppError('VALIDATION_FAILED', { detail: `The grace period is 0 to ${MAX_GRACE_HOURS} whole hours.` });
  const secret = newSecret();
  const validUntil = graceHours > 0 ? new Date(options.now.getTime() + graceHours * HOUR_MS) : null;
  // The secret being replaced becomes the previous one; a still-older one is dropped.
  await trx
    .updateTable('webhook_sources')
    .set((eb) => ({ previous_secret: validUntil ? eb.ref('secret') : null, previous_valid_until: validUntil, secret, rotated_at: options.now }))
    .where('org_id', '=', ORG_ID)
    .where('name', '=', options.name)
    .execute();
  await appendAuditEvent(trx, {
    actorAccountId: options.actorAccountId ?? null, action: 'metrics.webhook_secret_rotated', subjectType: 'webhook_source', subjectId: options.name, requestId: options.requestId,
    details: { graceHours, previousValidUntil: validUntil?.toISOString() ?? null }, at: options.now,
  });
  return { name: options.name, secret, previousValidUntil: validUntil?.toISOString() ?? null };
}

/** The webhook sources, without their secrets. */
export async function listWebhookSources(db: Kysely<DB>, options: { now: Date }): Promise<WebhookSources> {
  const rows = await db.selectFrom('webhook_sources').select(['name', 'created_at', 'rotated_at', 'previous_valid_until']).where('org_id', '=', ORG_ID).orderBy('name').execute();
  return {
    sources: rows.map((r) => ({
      name: r.name,
      createdAt: r.created_at.toISOString(),
      rotatedAt: r.rotated_at?.toISOString() ?? null,
      previousValidUntil: r.previous_valid_until && r.previous_valid_until > options.now ? r.previous_valid_until.toISOString() : null,
    })),
    defaultGraceHours: DEFAULT_GRACE_HOURS,
  };
}

/**
 * Checks a delivery's signature against its source's secret, then against the previous secret
 * while its grace period lasts. An unknown source answers exactly like a bad signature (401), so
 * the endpoint does not reveal which sources exist.
 */
export async function authenticateDelivery(db: Kysely<DB>, options: { source: string; body: Uint8Array; timestamp: string | undefined; signature: string | undefined; now: Date }): Promise<void> {
  const row = await db.selectFrom('webhook_sources').select(['secret', 'previous_secret', 'previous_valid_until']).where('org_id', '=', ORG_ID).where('name', '=', options.source).executeTakeFirst();
  const verify = (secret: string) => verifyWebhookSignature({ secret, body: options.body, timestamp: options.timestamp, signature: options.signature, nowMs: options.now.getTime() });
  // An unknown source still pays for an HMAC, so timing does not tell it apart either.
  let check = verify(row?.secret ?? 'no such source');
  if (row && !check.ok && row.previous_secret && row.previous_valid_until && row.previous_valid_until > options.now && check.reason === 'The signature does not match.') {
    check = verify(row.previous_secret);
  }
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
