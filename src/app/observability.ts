import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { knownMigrations } from '../db/migrate.ts';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * Readiness and metrics for operators. `/api/ready` answers 200 only when the database answers
 * and its migrations are exactly this release's (a replica started before `highbar migrate` ran,
 * or one left behind after an upgrade, is taken out of the load balancer). `/metrics` is the
 * Prometheus text format: requests and latency by route template (never by URL, so no ids or
 * names leak into labels), the database pool, and the process's own figures.
 */
export function registerObservability(app: FastifyInstance, options: { db: Kysely<DB>; poolStats?: () => PoolStats }) {
  // One registry per server, so several servers in one process (tests) keep their own counts.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'highbar_' });
  const requests = new Counter({ name: 'highbar_http_requests_total', help: 'HTTP requests answered, by route template and status.', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'highbar_http_request_duration_seconds',
    help: 'Time to answer, by route template.',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  if (options.poolStats) {
    const stats = options.poolStats;
    new Gauge({
      name: 'highbar_db_pool_connections',
      help: 'Database pool connections by state.',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const s = stats();
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });

  const readySchema = z.object({ status: z.enum(['ready', 'not-ready']), database: z.boolean(), migrations: z.object({ applied: z.number().int(), expected: z.number().int(), pending: z.array(z.string()), unknown: z.array(z.string()) }) });
  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      schema: { operationId: 'getReadiness', tags: ['operations'], summary: 'Readiness: database reachable and migrations current', security: [], response: { 200: readySchema, 503: readySchema } },
    },
    async (_request, reply) => {
      const expected = knownMigrations();
      try {
        const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(options.db);
        const applied = rows.map((r) => r.name);
        const pending = expected.filter((name) => !applied.includes(name));
        const unknown = applied.filter((name) => !expected.includes(name));
        const ready = pending.length === 0 && unknown.length === 0;
        return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', database: true, migrations: { applied: applied.length, expected: expected.length, pending, unknown } });
      } catch {
        return reply.status(503).send({ status: 'not-ready', database: false, migrations: { applied: 0, expected: expected.length, pending: expected, unknown: [] } });
      }
    },
  );
}
