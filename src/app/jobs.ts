import PgBoss from 'pg-boss';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Database } from '../db/database.ts';
import { escalateMissedDeadlines } from '../pipeline/deadlines.service.ts';
import { remindGrowth } from '../growth/reminders.service.ts';
import { applyRetention } from '../privacy/retention.service.ts';

/** A background job: what it is called, when it runs (cron, UTC), and what it does at a given time. */
export interface ScheduledJob {
  name: string;
  cron: string;
  run(now: Date): Promise<unknown>;
}

/** The jobs the server runs. Each is idempotent: running it twice, or on two replicas, changes nothing more. */
export function backgroundJobs(db: Kysely<DB>): ScheduledJob[] {
  return [
    { name: 'pipeline-deadlines', cron: '*/15 * * * *', run: (now) => escalateMissedDeadlines(db, { now }) },
    // Overdue check-ins and missing development plans; reminders are deduplicated per day.
    { name: 'growth-reminders', cron: '0 7 * * *', run: (now) => remindGrowth(db, { now }) },
    // Deletes what is past the policy's retention periods (privacy.retention); audited when it deletes.
    { name: 'privacy-retention', cron: '30 3 * * *', run: (now) => applyRetention(db, { now }) },
  ];
}

export interface JobRunner {
  stop(): Promise<void>;
}

/**
 * Runs scheduled jobs through pg-boss, a queue kept in PostgreSQL (schema `pgboss`), so that with
 * several server replicas each tick runs once, on whichever replica takes it. On the embedded
 * database pg-boss talks to the same in-process PGlite through a small adapter: PGlite queues
 * each statement behind any open transaction, so the queue's writes never interleave with ours.
 * Every job also runs once at start, so a deadline passed while the server was down is escalated
 * at once rather than at the next tick.
 */
export async function startJobRunner(database: Database, jobs: ScheduledJob[], log: { error(message: string, error: unknown): void }): Promise<JobRunner> {
  const pglite = database.pglite;
  const connection: PgBoss.ConstructorOptions =
    database.target.kind === 'server'
      ? { connectionString: database.target.url, max: 2 }
      : {
          db: {
            async executeSql(text: string, values: unknown[]) {
              if (values?.length) return pglite!.query(text, values);
              // Parameterless texts may hold several statements (pg-boss's own migrations).
              const results = await pglite!.exec(text);
              return results.at(-1) ?? { rows: [] };
            },
          },
        };
  const boss = new PgBoss({ ...connection, schema: 'pgboss', application_name: 'highbar-jobs' });
  boss.on('error', (error) => log.error('background job queue error', error));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron);
    // Queued before the worker starts, so its first poll takes it.
    await boss.send(job.name, {}, { singletonKey: `${job.name}-start`, singletonSeconds: 60 });
    await boss.work(job.name, { pollingIntervalSeconds: 30 }, async () => {
      await job.run(new Date());
    });
  }
  return { stop: () => boss.stop({ graceful: true, wait: true, close: true }) };
}
