import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildAccount, buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { giveLogNote } from '../../test/promotion-helpers.ts';
import { verifyAuditChain } from '../audit/audit-chain.service.ts';
import { DEFAULT_PRIVACY_POLICY, type RetentionPolicy } from '../policy/privacy.schema.ts';
import { applyRetention, RETENTION_ACTION } from './retention.service.ts';

/** The retention job against a real database: what goes, what stays, dry runs and idempotence. */
let database: Database;
const now = new Date('2026-11-29T03:30:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const POLICY: RetentionPolicy = { sessionsDays: 30, signInAttemptsDays: 90, notificationsDays: 180, leaverFeedbackDays: 365, analyticsDatasetsDays: 90, metricsEventsDays: 400, sensitiveReadsDays: 365 };
let leaver: BuiltPerson;
let recentLeaver: BuiltPerson;
let current: BuiltPerson;

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  const manager = await buildPerson(db, { name: 'Retention Manager', level: 'L6' });
  leaver = await buildPerson(db, { manager, status: 'terminated' });
  recentLeaver = await buildPerson(db, { manager, status: 'terminated' });
  current = await buildPerson(db, { manager });
  await db.insertInto('exits').values([
    { person_id: leaver.id, exit_date: '2025-06-30', kind: 'voluntary', regretted: false, reason: 'Moved on' },
    { person_id: recentLeaver.id, exit_date: '2026-10-01', kind: 'voluntary', regretted: false, reason: 'Moved on' },
  ]).execute();
  for (const person of [leaver, recentLeaver, current]) await giveLogNote(db, { personId: person.id, authorId: manager.id, body: `Note about ${person.name}` });

  const account = await buildAccount(db, { person: current });
  await db.insertInto('sessions').values([
    { token_hash: 'old-session', account_id: account.id, created_at: daysAgo(80), last_seen_at: daysAgo(70), expires_at: daysAgo(60) },
    { token_hash: 'recently-expired', account_id: account.id, created_at: daysAgo(12), last_seen_at: daysAgo(11), expires_at: daysAgo(10) },
    { token_hash: 'live-session', account_id: account.id, created_at: daysAgo(1), last_seen_at: now, expires_at: daysAgo(-1) },
  ]).execute();
  await db.insertInto('sign_in_attempts').values([
    { email: 'a@example.test', ip: '10.0.0.1', at: daysAgo(200), succeeded: false },
    { email: 'a@example.test', ip: '10.0.0.1', at: daysAgo(91), succeeded: true },
    { email: 'a@example.test', ip: '10.0.0.1', at: daysAgo(5), succeeded: true },
  ]).execute();
  await db.insertInto('notifications').values([
    { person_id: current.id, kind: 'test', title: 'Old news', created_at: daysAgo(400) } as never,
    { person_id: current.id, kind: 'test', title: 'Fresh news' },
  ]).execute();
  await db.insertInto('sensitive_reads').values([
    { at: daysAgo(400), reader_account_id: account.id, resource: 'demographics', route: 'GET /api/people/:id/demographics', subject_person_id: current.id, subject: '{}' },
    { at: daysAgo(30), reader_account_id: account.id, resource: 'calibration', route: 'GET /api/calibration-sessions', subject_person_id: null, subject: '{}' },
  ]).execute();
  await db.insertInto('commits').values([
    { org_id: 1, repository_id: await repository(), sha: 'a'.repeat(40), author_name: 'Old Author', author_email: 'old@example.test', authored_at: daysAgo(500), committer_email: 'old@example.test', committed_at: daysAgo(500), additions: 1, deletions: 0, files_changed: 1, subject: 'old', occurred_at: daysAgo(500) },
    { org_id: 1, repository_id: await repository(), sha: 'b'.repeat(40), author_name: 'New Author', author_email: 'new@example.test', authored_at: daysAgo(10), committer_email: 'new@example.test', committed_at: daysAgo(10), additions: 1, deletions: 0, files_changed: 1, subject: 'new', occurred_at: daysAgo(10) },
  ]).execute();
});
afterAll(async () => {
  await database.close();
});

let repositoryId: number | null = null;
async function repository(): Promise<number> {
  repositoryId ??= (await database.db.insertInto('repositories').values({ key: 'retention/repo', name: 'retention-repo' }).returning('id').executeTakeFirstOrThrow()).id;
  return repositoryId;
}

describe('applyRetention', () => {
  it('keeps everything under a policy that keeps everything', async () => {
    const run = await applyRetention(database.db, { now, policy: DEFAULT_PRIVACY_POLICY.retention });
    expect(Object.values(run.counts).every((n) => n === 0)).toBe(true);
  });

  it('counts on a dry run exactly what a real run then deletes, and changes nothing itself', async () => {
    const dry = await applyRetention(database.db, { now, policy: POLICY, dryRun: true });
    expect(dry.counts).toEqual({ sessions: 1, signInAttempts: 2, notifications: 1, leaverFeedback: 1, analyticsDatasets: 0, metricsEvents: 1, sensitiveReads: 1 });
    expect(await database.db.selectFrom('sessions').select('token_hash').execute()).toHaveLength(3);
    const auditBefore = await database.db.selectFrom('audit_events').select('seq').where('action', '=', RETENTION_ACTION).execute();
    expect(auditBefore).toEqual([]);

    const run = await applyRetention(database.db, { now, policy: POLICY });
    expect(run.counts).toEqual(dry.counts);
    expect(run.tables).toMatchObject({ sessions: 1, sign_in_attempts: 2, notifications: 1, feedback_log: 1, commits: 1, sensitive_reads: 1 });
    expect((await database.db.selectFrom('sensitive_reads').select('resource').execute()).map((r) => r.resource)).toEqual(['calibration']);
  });

  it('deletes only what is past retention', async () => {
    const db = database.db;
    expect((await db.selectFrom('sessions').select('token_hash').orderBy('token_hash').execute()).map((r) => r.token_hash)).toEqual(['live-session', 'recently-expired']);
    expect(await db.selectFrom('sign_in_attempts').select('id').execute()).toHaveLength(1);
    expect((await db.selectFrom('notifications').select('title').execute()).map((r) => r.title)).toEqual(['Fresh news']);
    expect((await db.selectFrom('commits').select('subject').execute()).map((r) => r.subject)).toEqual(['new']);
    // The leaver of last year loses the feedback about them; a recent leaver and current staff keep theirs.
    const notes = await db.selectFrom('feedback_log').select('person_id').execute();
    expect(notes.map((n) => n.person_id).sort()).toEqual([recentLeaver.id, current.id].sort());
  });

  it('audits the run with its counts, and the chain verifies', async () => {
    const entries = await database.db.selectFrom('audit_events').select(['details']).where('action', '=', RETENTION_ACTION).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ counts: { sessions: 1, leaverFeedback: 1 }, cutoffs: { sessions: { days: 30 } } });
    expect((await verifyAuditChain(database.db)).problem).toBeNull();
  });

  it('is idempotent: a second run deletes nothing and writes no audit entry', async () => {
    const again = await applyRetention(database.db, { now, policy: POLICY });
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    expect(await database.db.selectFrom('audit_events').select('seq').where('action', '=', RETENTION_ACTION).execute()).toHaveLength(1);
  });
});
