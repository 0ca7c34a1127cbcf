import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { goalsRoutes } from './goals.routes.ts';
import { livingDocumentRoutes } from './living-document.routes.ts';
import { teamHealthRoutes } from './team-health.routes.ts';

/** Between cycles (issue 10): every growth route, mounted with one line in src/app/server.ts. */
export const growthRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, options) => {
  await app.register(goalsRoutes, options);
  await app.register(livingDocumentRoutes, options);
  await app.register(teamHealthRoutes, options);
};
