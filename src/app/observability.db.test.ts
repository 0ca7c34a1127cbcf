import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildServer } from './server.ts';
import { knownMigrations } from '../db/migrate.ts';

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildServer({ db: database.db, logLevel: 'warn', poolStats: database.poolStats ?? undefined });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('readiness', () => {
  it('is ready when every migration of this release is applied, and no other', async () => {
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: true, migrations: { applied: knownMigrations().length, expected: knownMigrations().length, pending: [], unknown: [] } });
  });

  it('is not ready next to a database migrated by a newer release', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('29991231T0000_from_the_future', now()::text)`.execute(database.db);
    try {
      const response = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'not-ready', database: true, migrations: { unknown: ['29991231T0000_from_the_future'], pending: [] } });
    } finally {
      await sql`delete from kysely_migration where name = '29991231T0000_from_the_future'`.execute(database.db);
    }
  });
});

describe('/metrics', () => {
  it('counts requests by route template, never by the URL a person’s id is in', async () => {
    await app.inject({ method: 'GET', url: '/api/health' });
    await app.inject({ method: 'GET', url: '/api/people/987654' });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(/highbar_http_requests_total\{method="GET",route="\/api\/health",status="200"\} 1/u);
    expect(metrics.body).toMatch(/highbar_http_requests_total\{method="GET",route="\/api\/people\/:id",status="401"\} 1/u);
    expect(metrics.body).not.toContain('987654');
    expect(metrics.body).toContain('highbar_http_request_duration_seconds_bucket');
    if (database.target.kind === 'server') expect(metrics.body).toMatch(/highbar_db_pool_connections\{state="total"\} \d+/u);
    else expect(metrics.body).not.toContain('highbar_db_pool_connections');
  });
});
