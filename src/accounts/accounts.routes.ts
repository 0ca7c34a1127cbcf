import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import { changePasswordBodySchema, endedSessionsSchema, endMySessionBodySchema, meSchema, mySessionsSchema, reauthenticateBodySchema, reauthenticationSchema, signInBodySchema } from '../shared/schemas/session.ts';
import { endMySessions, listMySessions } from './my-sessions.service.ts';
import { accountListSchema, accountSchema, createAccountBodySchema, updateAccountBodySchema } from '../shared/schemas/accounts.ts';
import { requireActor } from '../app/auth.ts';
import { clearSessionCookie, readSessionToken, setSessionCookie } from '../app/session-cookie.ts';
import { signIn, signOut, hashSessionToken, reauthenticate } from './sessions.service.ts';
import { changeOwnPassword, createAccount, getAccount, listAccounts, updateAccount } from './accounts.service.ts';
import { authorizeManageAccounts } from './accounts.access.ts';
import type { Actor } from './actor.ts';

function presentMe(actor: Actor) {
  return {
    id: actor.accountId,
    name: actor.name,
    email: actor.email,
    roles: actor.roles,
    personId: actor.personId,
    hrScope: actor.hrScope
      ? { wholeOrganisation: actor.hrScope.wholeOrganisation, roots: actor.hrScope.roots.map((r) => ({ id: r.id, name: r.name })) }
      : null,
  };
}

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/** Sign-in, the signed-in account, and account administration. */
export const accountsRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signIn',
        tags: ['session'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: signInBodySchema,
        response: { 200: meSchema, ...errors, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const { token, actor, expiresAt } = await signIn(db, {
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        now: now(),
        previousToken: readSessionToken(request),
        requestId: request.id,
      });
      setSessionCookie(request, reply, token, expiresAt);
      return presentMe(actor);
    },
  );

  app.delete(
    '/api/session',
    { schema: { operationId: 'signOut', tags: ['session'], summary: 'Sign out: ends the session', response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await signOut(db, { token: request.sessionToken!, actor, now: now(), requestId: request.id });
      clearSessionCookie(request, reply);
      // Nothing of the session stays in a shared browser: cached pages, storage, cookies.
      reply.header('clear-site-data', '"cache", "cookies", "storage"');
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/reauthenticate',
    {
      schema: {
        operationId: 'reauthenticate',
        tags: ['session'],
        summary: 'Prove my password again before pipeline, calibration or demographic records; rotates the session cookie',
        body: reauthenticateBodySchema,
        response: { 200: reauthenticationSchema, ...errors, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { token, expiresAt, passwordVerifiedAt } = await reauthenticate(db, {
        token: request.sessionToken!,
        actor,
        password: request.body.password,
        ip: request.ip,
        now: now(),
        requestId: request.id,
      });
      setSessionCookie(request, reply, token, expiresAt);
      return { passwordVerifiedAt: passwordVerifiedAt.toISOString() };
    },
  );

  app.get(
    '/api/me',
    { schema: { operationId: 'getMe', tags: ['session'], summary: 'The signed-in account and its roles', response: { 200: meSchema, ...errors } } },
    async (request) => presentMe(requireActor(request)),
  );

  app.get(
    '/api/me/sessions',
    { schema: { operationId: 'listMySessions', tags: ['session'], summary: 'Where I am signed in: my live sessions, this one marked', response: { 200: mySessionsSchema, ...errors } } },
    async (request) => listMySessions(db, { actor: requireActor(request), currentToken: request.sessionToken!, now: now() }),
  );
  app.post(
    '/api/me/sessions/end',
    { schema: { operationId: 'endMySession', tags: ['session'], summary: 'Sign out one of my sessions, on whatever device it is (audited)', body: endMySessionBodySchema, response: { 200: endedSessionsSchema, ...errors } } },
    async (request) => endMySessions(db, { actor: requireActor(request), currentToken: request.sessionToken!, which: { handle: request.body.handle }, now: now(), requestId: request.id }),
  );
  app.post(
    '/api/me/sessions/end-others',
    { schema: { operationId: 'endMyOtherSessions', tags: ['session'], summary: 'Sign out everywhere but here (audited)', response: { 200: endedSessionsSchema, ...errors } } },
    async (request) => endMySessions(db, { actor: requireActor(request), currentToken: request.sessionToken!, which: 'others', now: now(), requestId: request.id }),
  );

  app.post(
    '/api/me/password',
    {
      schema: {
        operationId: 'changeMyPassword',
        tags: ['session'],
        summary: 'Change my password; my other sessions end',
        body: changePasswordBodySchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(db, {
        actor: requireActor(request),
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        keepTokenHash: hashSessionToken(request.sessionToken!),
        now: now(),
        requestId: request.id,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/accounts',
    { schema: { operationId: 'listAccounts', tags: ['accounts'], summary: 'All accounts (admin)', response: { 200: accountListSchema, ...errors } } },
    async (request) => {
      authorizeManageAccounts(requireActor(request));
      return { accounts: await listAccounts(db) };
    },
  );

  app.get(
    '/api/accounts/:id',
    {
      schema: { operationId: 'getAccount', tags: ['accounts'], summary: 'One account (admin)', params: idParamsSchema, response: { 200: accountSchema, ...errors } },
    },
    async (request) => {
      authorizeManageAccounts(requireActor(request));
      return getAccount(db, request.params.id);
    },
  );

  app.post(
    '/api/accounts',
    {
      schema: {
        operationId: 'createAccount',
        tags: ['accounts'],
        summary: 'Create an account (admin)',
        body: createAccountBodySchema,
        response: { 201: accountSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorizeManageAccounts(actor);
      const account = await createAccount(db, { actorAccountId: actor.accountId, ...request.body, now: now(), requestId: request.id });
      return reply.status(201).send(account);
    },
  );

  app.patch(
    '/api/accounts/:id',
    {
      schema: {
        operationId: 'updateAccount',
        tags: ['accounts'],
        summary: 'Change roles, HR scope, name, password, or disable an account (admin)',
        params: idParamsSchema,
        body: updateAccountBodySchema,
        response: { 200: accountSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorizeManageAccounts(actor);
      return updateAccount(db, { actor, accountId: request.params.id, changes: request.body, now: now(), requestId: request.id });
    },
  );
};
