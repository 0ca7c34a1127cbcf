import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildAccount } from '../../test/factories.ts';
import { signInCookie, startTestServer, WRITE_HEADERS } from '../../test/server.ts';
import { MAX_IMPORT_BYTES } from '../shared/schemas/people.ts';

let database: Database;
let app: FastifyInstance;
let admin: string;
let employee: string;

const HEADER = 'employee_id,name,email,manager_id,level,hire_date,title,team,location,status,time_zone,attr_gender';
const BASE = [
  'E1,Ana Top,ana@corp.test,,L8,2015-01-10,VP Engineering,,Seattle,active,America/Los_Angeles,female',
  'E2,Ben Lead,ben@corp.test,E1,L6,2018-03-01,Software Development Manager,Payments,Dublin,active,Europe/Dublin,male',
  'E3,"Chidi, Jr.",chidi@corp.test,E2,L5,2020-06-15,SDE II,Payments,Dublin,active,Europe/Dublin,male',
  'E4,Dara Dev,dara@corp.test,E2,L4,2023-09-01,SDE I,Payments,Dublin,leave,Europe/Dublin,',
  'E5,Eun Sol,eun@corp.test,E1,L6,2017-11-20,Software Development Manager,Search,Seattle,active,America/Los_Angeles,female',
];
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

function upload(body: string | Buffer, query = '', cookie = admin, contentType = 'text/csv') {
  return app.inject({
    method: 'POST',
    url: `/api/imports/people${query}`,
    headers: { ...WRITE_HEADERS, cookie, 'content-type': contentType, 'x-file-name': 'people.csv' },
    payload: body,
  });
}

/** Everything an import may touch, as one comparable value. */
async function snapshot() {
  const db = database.db;
  const rows = await sql<{ people: string; attrs: string; teams: number; audit: number }>`
    select
      (select coalesce(md5(string_agg(row_to_json(p)::text, '|' order by p.id)), '') from people p) as people,
      (select coalesce(md5(string_agg(row_to_json(a)::text, '|' order by a.person_id, a.name)), '') from person_attributes a) as attrs,
      (select count(*) from teams) as teams,
      (select count(*) from audit_events where action = 'people.imported') as audit`.execute(db);
  return rows.rows[0];
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  const a = await buildAccount(database.db, { roles: ['admin'] });
  const e = await buildAccount(database.db);
  admin = await signInCookie(app, a.email, a.password);
  employee = await signInCookie(app, e.email, e.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('a good import', () => {
  beforeEach(async () => {
    const first = await upload(csv(...BASE), '?confirm=true');
    expect(first.statusCode, first.body).toBe(200);
  });

  it('creates people with the manager tree, teams and demographic attributes, then is idempotent', async () => {
    const people = await database.db.selectFrom('people').select(['employee_id', 'path', 'manager_id', 'status', 'name']).orderBy('employee_id').execute();
    const byEmployee = Object.fromEntries(people.map((p) => [p.employee_id, p]));
    expect(byEmployee.E3!.name).toBe('Chidi, Jr.');
    expect(byEmployee.E3!.path.startsWith(byEmployee.E2!.path)).toBe(true);
    expect(byEmployee.E2!.path.startsWith(byEmployee.E1!.path)).toBe(true);
    expect(byEmployee.E4!.status).toBe('leave');
    const again = await upload(csv(...BASE));
    expect(again.json()).toMatchObject({ rows: 5, created: 0, updated: 0, unchanged: 5, deactivated: 0, teamsCreated: 0 });
    const attrs = await database.db.selectFrom('person_attributes').select(['name', 'value']).execute();
    expect(attrs.filter((a) => a.name === 'gender')).toHaveLength(4);
  });

  it('updates in place by employee id, moves subtrees, and deactivates people missing from the export', async () => {
    const before = await database.db.selectFrom('people').select(['id', 'employee_id']).execute();
    const moved = BASE.map((r) => (r.startsWith('E2,') ? r.replace(',E1,L6,', ',E5,L7,') : r)).filter((r) => !r.startsWith('E4,'));
    const response = await upload(csv(...moved));
    expect(response.json()).toMatchObject({ created: 0, updated: 1, deactivated: 1 });
    const after = await database.db.selectFrom('people').select(['id', 'employee_id', 'path', 'level', 'status']).execute();
    expect(after.map((p) => p.id).sort()).toEqual(before.map((p) => p.id).sort());
    const find = (id: string) => after.find((p) => p.employee_id === id)!;
    expect(find('E2').level).toBe('L7');
    expect(find('E3').path.startsWith(find('E5').path)).toBe(true);
    expect(find('E4').status).toBe('terminated');
  });

  it('keeps a person’s record when HR renumbers their employee id', async () => {
    const before = await database.db.selectFrom('people').select('id').where('email', '=', 'chidi@corp.test').executeTakeFirstOrThrow();
    const renumbered = BASE.map((r) => r.replace(/^E3,/, 'X3,'));
    const response = await upload(csv(...renumbered), '?confirm=true');
    expect(response.json()).toMatchObject({ employeeIdsChanged: 1, created: 0, deactivated: 0 });
    const after = await database.db.selectFrom('people').select(['id', 'employee_id']).where('email', '=', 'chidi@corp.test').executeTakeFirstOrThrow();
    expect(after).toEqual({ id: before.id, employee_id: 'X3' });
  });

  it('stops and asks for confirmation before deactivating more than 40% of active people', async () => {
    const before = await snapshot();
    const response = await upload(csv(BASE[0]!, BASE[1]!));
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('IMPORT_NEEDS_CONFIRMATION');
    expect(response.json().detail).toMatch(/deactivate 3 of 5 active people \(60%/);
    expect(await snapshot()).toEqual(before);
    expect((await upload(csv(BASE[0]!, BASE[1]!), '?confirm=true')).json().deactivated).toBe(3);
  });

  it('stops before changing more than 5% of employee ids', async () => {
    const before = await snapshot();
    const response = await upload(csv(...BASE.map((r) => r.replace(/^E(\d),/, 'N$1,').replace(/,E(\d),L/, ',N$1,L'))));
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain('change the employee id of 5 of 5 active people');
    expect(await snapshot()).toEqual(before);
  });

  it('writes nothing on a dry run but reports what would happen', async () => {
    const before = await snapshot();
    const response = await upload(csv(...BASE, 'E6,Fay New,fay@corp.test,E5,L5,2024-01-02,SDE II,Brand New Team,Seattle,active,,'), '?dryRun=true');
    expect(response.json()).toMatchObject({ dryRun: true, created: 1, teamsCreated: 1, needsConfirmation: [] });
    expect(await snapshot()).toEqual(before);
    const risky = await upload(csv(BASE[0]!), '?dryRun=true');
    expect(risky.statusCode).toBe(200);
    expect(risky.json().needsConfirmation[0]).toMatch(/deactivate 4 of 5/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a bad import changes nothing and lists every problem', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['a manager cycle', csv(BASE[0]!, 'E2,B,b@corp.test,E3,L6,2018-03-01,,,,,,', 'E3,C,c@corp.test,E2,L5,2020-06-15,,,,,,'), /people\.csv:3: column manager_id: manager cycle: E2 -> E3 -> E2/],
    ['an unknown manager id', csv(BASE[0]!, 'E2,B,b@corp.test,E99,L6,2018-03-01,,,,,,'), /people\.csv:3: column manager_id: manager E99 is not in the file/],
    ['a duplicate email', csv(BASE[0]!, 'E2,B,ANA@corp.test,E1,L6,2018-03-01,,,,,,'), /people\.csv:3: column email: ANA@corp\.test is a duplicate \(first on line 2\)/],
    ['a missing required column', 'employee_id,name,email,level,hire_date\nE1,A,a@corp.test,L5,2020-01-01\n', /people\.csv:1: column manager_id: required column is missing/],
    ['a malformed date', csv(BASE[0]!, 'E2,B,b@corp.test,E1,L6,2018-02-30,,,,,,'), /people\.csv:3: column hire_date: "2018-02-30" is not a date/],
    ['a non-UTF-8 byte', Buffer.concat([Buffer.from(`${HEADER}\n${BASE[0]}\nE2,Ren`), Buffer.from([0xe9]), Buffer.from('e,r@corp.test,E1,L5,2020-01-01,,,,,,\n')]), /people\.csv:3: column #2: invalid UTF-8 byte 0xE9/],
  ];

  for (const [what, body, expected] of cases) {
    it(`refuses ${what}`, async () => {
      const before = await snapshot();
      const response = await upload(body);
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem.code).toBe('IMPORT_INVALID');
      const lines = problem.errors.map((e: { path: string; message: string }) => `${e.path}: ${e.message}`);
      expect(lines.join('\n')).toMatch(expected);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('reports several problems at once', async () => {
    const response = await upload(csv(BASE[0]!, 'E2,,b@corp.test,E1,L99,yesterday,,,,,Mars/Base,', 'E2,C,not-an-email,E1,L5,2020-01-01,,,,fired,,'));
    const paths = response.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'people.csv:3: column name',
        'people.csv:3: column level',
        'people.csv:3: column hire_date',
        'people.csv:3: column time_zone',
        'people.csv:4: column employee_id',
        'people.csv:4: column email',
        'people.csv:4: column status',
      ]),
    );
  });

  it('refuses an oversized upload with 413', async () => {
    const response = await upload(Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x41));
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a JSON body and non-admins', async () => {
    expect((await upload(JSON.stringify({ rows: [] }), '', admin, 'application/json')).statusCode).toBe(415);
    const forbidden = await upload(csv(...BASE), '', employee);
    expect(forbidden.statusCode).toBe(403);
  });
});
