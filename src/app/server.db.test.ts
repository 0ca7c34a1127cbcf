import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { signInCookie, startTestServer } from '../../test/server.ts';
import { buildAccount } from '../../test/factories.ts';

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('HTTP conventions', () => {
  it('answers health with 200 {"status":"ok"}', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('sends the security headers on every response', async () => {
    for (const url of ['/api/health', '/api/me', '/some/page']) {
      const response = await app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers unknown API routes with 401 to strangers and a problem naming the route to users', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/nope' })).statusCode).toBe(401);
    const account = await buildAccount(database.db);
    const cookie = await signInCookie(app, account.email, account.password);
    const response = await app.inject({ method: 'GET', url: '/api/nope?x=1', headers: { cookie } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not found' });
    expect(problem.detail).toBe('No route GET /api/nope.');
    expect(problem.requestId).toBe(response.headers['x-request-id']);
  });

  it('reports malformed JSON as a 400 problem, not a 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json', 'x-highbar-csrf': '1' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });

  it('publishes an OpenAPI 3.1 document with a unique operationId on every operation', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    const ids = Object.values(document.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['signIn', 'signOut', 'getMe', 'listPeople', 'importPeople', 'getHealth']));
    const documented = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/api.md'), 'utf8');
    expect(ids.filter((id) => !documented.includes(`\`${id}\``)), 'operations missing from docs/api.md').toEqual([]);
  });
});
