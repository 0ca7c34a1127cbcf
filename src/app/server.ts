import { registerSensitiveReadLog } from './sensitive-reads.ts';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerErrorHandling } from './errors.ts';
import { registerAuth } from './auth.ts';
import { registerObservability, type PoolStats } from './observability.ts';
import { accountsRoutes } from '../accounts/accounts.routes.ts';
import { peopleRoutes } from '../people/people.routes.ts';
import { cyclesRoutes } from '../cycles/cycles.routes.ts';
import { feedbackRoutes } from '../cycles/feedback.routes.ts';
import { logRoutes } from '../cycles/log.routes.ts';
import { calibrationRoutes } from '../calibration/calibration.routes.ts';
import { metricsRoutes } from '../metrics/metrics.routes.ts';
import { analyticsRoutes } from '../analytics/analytics.routes.ts';
import { growthRoutes } from '../growth/growth.routes.ts';
import { promotionsRoutes } from '../promotions/promotions.routes.ts';
import { careerRoutes } from '../promotions/career.routes.ts';
import { compensationRoutes } from '../compensation/compensation.routes.ts';
import { pipelineRoutes } from '../pipeline/pipeline.routes.ts';
import { privacyRoutes } from '../privacy/privacy.routes.ts';

export interface ServerOptions {
  db: Kysely<DB>;
  /** The clock: tests move it to check timeouts. */
  now?: () => Date;
  logLevel?: string;
  publicOrigin?: string;
  trustProxy?: boolean;
  /** The built web app; when absent, the server answers API requests only. */
  webDist?: string;
  /** The database pool's state, for /metrics; absent for the embedded database. */
  poolStats?: () => PoolStats;
  /** How recent a password proof step-up routes need (HIGHBAR_STEP_UP_WINDOW_SECONDS); 15 minutes by default. */
  stepUpWindowMs?: number;
}

/** Builds the HTTP server: plugins, then every feature's routes. It does not listen. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] },
    genReqId: () => randomUUID(),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerErrorHandling(app);
  registerSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Highbar API', version: '0.1.0', description: 'Engineering performance management.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'highbar_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  registerAuth(app, { db: options.db, now, publicOrigin: options.publicOrigin, stepUpWindowMs: options.stepUpWindowMs });
  registerSensitiveReadLog(app, { db: options.db, now });

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { operationId: 'getHealth', tags: ['operations'], summary: 'Liveness', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  registerObservability(app, { db: options.db, poolStats: options.poolStats });

  await app.register(accountsRoutes, { db: options.db, now });
  await app.register(peopleRoutes, { db: options.db, now });
  await app.register(cyclesRoutes, { db: options.db, now });
  await app.register(feedbackRoutes, { db: options.db, now });
  await app.register(logRoutes, { db: options.db, now });
  await app.register(calibrationRoutes, { db: options.db, now });
  await app.register(metricsRoutes, { db: options.db, now });
  await app.register(analyticsRoutes, { db: options.db, now });
  await app.register(growthRoutes, { db: options.db, now });
  await app.register(promotionsRoutes, { db: options.db, now });
  await app.register(careerRoutes, { db: options.db, now });
  await app.register(compensationRoutes, { db: options.db, now });
  await app.register(pipelineRoutes, { db: options.db, now });
  await app.register(privacyRoutes, { db: options.db, now });

  await registerWebApp(app, options.webDist);
  return app;
}

async function registerWebApp(app: FastifyInstance, webDist: string | undefined) {
  const indexPath = webDist ? path.join(webDist, 'index.html') : null;
  const hasWeb = indexPath !== null && fs.existsSync(indexPath);
  if (hasWeb) await app.register(fastifyStatic, { root: webDist!, wildcard: false, index: false });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      throw new AppError('NOT_FOUND', { detail: `No route ${request.method} ${request.url.split('?')[0]}.` });
    }
    if (!hasWeb) {
      return reply
        .type('text/plain')
        .send('The web app is not built. Run `npm run build:web` (npm start does it for you).');
    }
    // Client-side routes all serve the app shell.
    return reply.type('text/html').header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
