import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/database.ts';
import { openTestDatabase } from './db.ts';
import { startTestServer, WRITE_HEADERS } from './server.ts';
import { buildForteOrg } from './forte-helpers.ts';
import { arbitraryFor, bodyArbitrary, type JsonSchema } from './json-schema-arbitrary.ts';

/**
 * Schema-driven fuzzing of every JSON route in /api/openapi.json: bodies, path and query values
 * drawn from each operation's own schema (with boundaries and hostile strings mixed in, and now
 * and then anything at all), sent as HR, a manager and an employee. Whatever comes in, the answer
 * is never a 5xx, never carries a stack trace or a file path, and every error is problem+json.
 * Runs are bounded (RUNS per operation and caller) and loopback-free: everything is in-process.
 */
const RUNS = 6;
// Signing out or changing one's own password would end the caller's session mid-run.
// Readiness answers 503 with its own document by design (tested in src/app/observability.db.test.ts).
const SKIPPED = new Set(['DELETE /api/session', 'POST /api/me/password', 'POST /api/session', 'POST /api/imports/people', 'GET /api/ready']);

interface Operation {
  key: string;
  method: string;
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | undefined;
}

let database: Database;
let app: FastifyInstance;
let operations: Operation[];
let cookies: Record<'hr' | 'manager' | 'employee', string>;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  const org = await buildForteOrg(database.db, app);
  cookies = { hr: org.cookies.hr, manager: org.cookies.manager, employee: org.cookies.engineer };
  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema; required?: boolean }[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
      queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: p.required ?? false })),
      body: operation.requestBody?.content?.['application/json']?.schema,
    })),
  );
});
afterAll(async () => {
  await app.close();
  await database.close();
});

// Small ids find real rows (people, cycles, requests made by the org above); the schema's own
// values cover the rest, up to the largest safe integer.
const idArbitrary = (schema: JsonSchema) => fc.oneof(fc.integer({ min: 1, max: 12 }), arbitraryFor(schema).map(String), fc.constantFrom('abc', '-1', '1e3', '%00'));

function requestArbitrary(operation: Operation) {
  return fc.record({
    who: fc.constantFrom('hr' as const, 'manager' as const, 'employee' as const),
    path: fc.tuple(...operation.pathParams.map((p) => idArbitrary(p.schema).map((v) => [p.name, String(v)] as const))),
    query: fc.tuple(...operation.queryParams.map((p) => fc.option(arbitraryFor(p.schema), { nil: undefined }).map((v) => [p.name, v] as const))),
    body: bodyArbitrary(operation.body),
  });
}

describe('every JSON route under schema-driven fuzzing', () => {
  it('never answers 5xx, never leaks a stack trace, and always explains errors as problem+json', async () => {
    expect(operations.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const operation of operations.filter((o) => !SKIPPED.has(o.key))) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(operation), async ({ who, path, query, body }) => {
          let url = operation.path;
          for (const [name, value] of path) url = url.replace(`{${name}}`, encodeURIComponent(value));
          const search = new URLSearchParams();
          for (const [name, value] of query) if (value !== undefined && value !== null) search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
          if ([...search.keys()].length) url += `?${search}`;
          const started = performance.now();
          if (process.env.FUZZ_LOG_SLOW) process.stderr.write(`-> ${operation.key} ${who} ${JSON.stringify(body)?.slice(0, 200)}\n`);
          const response = await app.inject({
            method: operation.method as 'GET',
            url,
            headers: { ...(operation.method === 'GET' ? {} : WRITE_HEADERS), cookie: cookies[who], ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
            ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
          });
          if (process.env.FUZZ_LOG_SLOW) process.stderr.write(`<- ${Math.round(performance.now() - started)} ms ${operation.key}\n`);
          const problem = `${operation.key} as ${who} ${url} ${JSON.stringify(body)?.slice(0, 300)} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
          if (response.statusCode >= 500) failures.push(problem);
          if (/\n\s+at |\.ts:\d+|node_modules/u.test(response.body)) failures.push(`stack trace: ${problem}`);
          if (response.statusCode >= 400 && !String(response.headers['content-type']).includes('application/problem+json')) failures.push(`not problem+json: ${problem}`);
          return true;
        }),
        { numRuns: RUNS, seed: 20261129 },
      );
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
