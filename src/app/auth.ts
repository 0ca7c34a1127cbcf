import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { resolveSession } from '../accounts/sessions.service.ts';
import type { Actor } from '../accounts/actor.ts';
import { DEFAULT_STEP_UP_WINDOW_MS, stepUpState } from '../accounts/session.rules.ts';
import { readSessionToken } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    /** When the session's user last proved their password; null without a session. */
    passwordVerifiedAt: Date | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no session; 'signed' ones (webhooks) neither, they check an HMAC signature instead. */
    access?: 'public' | 'signed';
    /**
     * Step-up: the route also needs a password proof (sign-in or re-authentication) within the
     * step-up window, else 401 REAUTHENTICATION_REQUIRED before the handler reads or writes anything.
     */
    stepUp?: boolean;
  }
}

/** The OpenAPI extension naming step-up routes, for clients and for the tests that check coverage. */
export const STEP_UP_EXTENSION = 'x-highbar-step-up';

export const CSRF_HEADER = 'x-highbar-csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in actor, or a 401: for use in route handlers. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', { detail: 'Sign in to use this.' });
  return request.actor;
}

/**
 * Resolves the session cookie on every API request, refuses cross-site writes, and refuses
 * anonymous access to every route not marked public.
 */
export function registerAuth(
  app: FastifyInstance,
  options: { db: Kysely<DB>; now: () => Date; publicOrigin?: string; /** Default 15 minutes. */ stepUpWindowMs?: number },
) {
  const stepUpWindowMs = options.stepUpWindowMs ?? DEFAULT_STEP_UP_WINDOW_MS;
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('passwordVerifiedAt', null);
  // The marker is published in the OpenAPI document (swagger keeps x- keys of a route's schema).
  app.addHook('onRoute', (route) => {
    if (route.config?.stepUp && route.schema) (route.schema as Record<string, unknown>)[STEP_UP_EXTENSION] = true;
  });
  // A refusal names who was refused (ASVS 5.0 16.3.2): the request log alone has no account.
  app.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith('/api/') || ![401, 403, 404].includes(reply.statusCode)) return;
    request.log.warn({ accountId: request.actor?.accountId ?? null, method: request.method, route: request.routeOptions.url ?? null, statusCode: reply.statusCode }, 'access refused');
  });
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    // A signed webhook comes from a server, not a browser: its HMAC is what a cross-site page cannot forge.
    if (UNSAFE.has(request.method) && request.routeOptions.config.access !== 'signed') assertSameOrigin(request, options.publicOrigin);
    const token = readSessionToken(request);
    const now = options.now();
    if (token) {
      const session = await resolveSession(options.db, { token, now });
      request.actor = session?.actor ?? null;
      request.passwordVerifiedAt = session?.passwordVerifiedAt ?? null;
      request.sessionToken = session ? token : null;
    }
    if (request.routeOptions.config.access === undefined && !request.actor) {
      throw new AppError('UNAUTHENTICATED', { detail: 'Sign in to use this.' });
    }
    if (request.routeOptions.config.stepUp && stepUpState(request.passwordVerifiedAt, now, stepUpWindowMs) === 'stale') {
      throw new AppError('REAUTHENTICATION_REQUIRED', {
        detail: 'This holds pipeline, calibration or demographic records: confirm your password to continue.',
        extra: { reauthenticateAt: '/api/auth/reauthenticate' },
      });
    }
  });
}

// A custom header cannot be sent cross-origin without a CORS preflight we never grant, and the
// Origin check catches what a header alone would not (a same-site page on another port).
function assertSameOrigin(request: FastifyRequest, publicOrigin: string | undefined) {
  if (request.headers[CSRF_HEADER] !== '1') {
    throw new AppError('CSRF_REJECTED', { detail: `Writes must carry the header ${CSRF_HEADER}: 1.` });
  }
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const own = `${request.protocol}://${request.host}`;
    if (origin !== own && origin !== publicOrigin) {
      throw new AppError('CSRF_REJECTED', { detail: `Requests from ${origin} may not write here.` });
    }
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw new AppError('CSRF_REJECTED', { detail: 'Cross-site requests may not write here.' });
  }
}
