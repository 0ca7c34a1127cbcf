import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsvProblem, parsePeopleCsv, REQUIRED_COLUMNS, type CsvProblem, type ParsedPeopleCsv } from './people-csv.rules.ts';

const LEVELS: ReadonlySet<string> = new Set(['L4', 'L5', 'L6']);
const REQUIRED = [...REQUIRED_COLUMNS] as string[];

type Fields = { [column: string]: string };

/** One person's CSV fields, with defaults that pass every rule. */
const buildRecord = (employeeId: string, overrides: Fields = {}): Fields => ({
  employee_id: employeeId,
  name: `Person ${employeeId}`,
  email: `p${employeeId}@example.com`,
  manager_id: '',
  level: 'L5',
  hire_date: '2022-03-01',
  ...overrides,
});

const quote = (field: string) => (/[",\r\n]/u.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/** A CSV file with the given header and records (missing fields left empty). */
function toCsv(records: Fields[], columns: string[] = REQUIRED): string {
  return [columns, ...records.map((r) => columns.map((c) => r[c] ?? ''))].map((fields) => fields.map(quote).join(',')).join('\n') + '\n';
}

const parse = (text: string) => parsePeopleCsv(new TextEncoder().encode(text), { knownLevels: LEVELS });

function parseOk(text: string): ParsedPeopleCsv {
  const result = parse(text);
  if (!result.ok) throw new Error(`expected no problems, got ${JSON.stringify(result.problems)}`);
  return result.value;
}

function problemsOf(text: string): CsvProblem[] {
  const result = parse(text);
  if (result.ok) throw new Error('expected problems, the file parsed');
  return result.problems;
}

describe('parsePeopleCsv', () => {
  describe('a valid file', () => {
    it('returns every row with its fields, line and defaults', () => {
      const value = parseOk(toCsv([buildRecord('E1'), buildRecord('E2', { manager_id: 'E1', level: 'L4', name: 'Zoë Łukasz 李' })]));
      expect(value.rows).toEqual([
        {
          line: 2,
          employeeId: 'E1',
          name: 'Person E1',
          email: 'pE1@example.com',
          managerEmployeeId: null,
          level: 'L5',
          hireDate: '2022-03-01',
          title: null,
          team: null,
          location: null,
          jobFunction: null,
          status: 'active',
          timeZone: null,
          attributes: {},
        },
        expect.objectContaining({ line: 3, employeeId: 'E2', name: 'Zoë Łukasz 李', managerEmployeeId: 'E1', level: 'L4' }),
      ]);
      expect([...value.columns]).toEqual(REQUIRED);
      expect(value.attributeNames).toEqual([]);
    });

    it('reads optional columns, trimming fields and treating empty ones as absent', () => {
      const columns = [...REQUIRED, 'title', 'team', 'location', 'job_function', 'status', 'time_zone'];
      const value = parseOk(
        toCsv(
          [
            buildRecord('E1', { title: ' Staff Engineer ', team: 'Payments', location: 'Berlin', job_function: 'Engineering', status: 'Leave', time_zone: 'Europe/Berlin' }),
            buildRecord('E2', { manager_id: 'E1', status: '', time_zone: '' }),
          ],
          columns,
        ),
      );
      expect(value.rows[0]).toMatchObject({
        title: 'Staff Engineer',
        team: 'Payments',
        location: 'Berlin',
        jobFunction: 'Engineering',
        status: 'leave',
        timeZone: 'Europe/Berlin',
      });
      expect(value.rows[1]).toMatchObject({ title: null, team: null, status: 'active', timeZone: null });
      expect(value.columns).toEqual(new Set(columns));
    });

    it('accepts header names in any case, padded with spaces, in any order', () => {
      const text = ' Hire_Date ,LEVEL,Manager_ID,Email,Name,Employee_Id\n2022-03-01,L5,,ann@example.com,Ann,E1\n';
      expect(parseOk(text).rows[0]).toMatchObject({ employeeId: 'E1', name: 'Ann', email: 'ann@example.com', hireDate: '2022-03-01' });
    });

    it('handles a byte order mark and CRLF line endings', () => {
      const text = '\uFEFF' + toCsv([buildRecord('E1'), buildRecord('E2')]).replaceAll('\n', '\r\n');
      expect(parseOk(text).rows.map((r) => [r.line, r.employeeId])).toEqual([
        [2, 'E1'],
        [3, 'E2'],
      ]);
    });

    it('accepts a header with no rows', () => {
      expect(parseOk(toCsv([])).rows).toEqual([]);
    });

    it('collects attr_ columns under their name without the prefix, leaving out empty values', () => {
      const columns = [...REQUIRED, 'attr_gender', 'ATTR_Pronouns', 'attr_'];
      const value = parseOk(
        toCsv(
          [
            buildRecord('E1', { attr_gender: 'female', ATTR_Pronouns: 'she/her', attr_: 'ignored' }),
            buildRecord('E2', { attr_gender: '  ', ATTR_Pronouns: 'they/them' }),
          ],
          columns,
        ),
      );
      expect(value.attributeNames).toEqual(['gender', 'pronouns']);
      expect(value.rows.map((r) => r.attributes)).toEqual([{ gender: 'female', pronouns: 'she/her' }, { pronouns: 'they/them' }]);
    });
  });

  describe('the file and its header', () => {
    it.each([
      ['an empty file', ''],
      ['a byte order mark alone', '\uFEFF'],
      ['blank lines', '\n\n\n'],
      ['blank CRLF lines', '\r\n\r\n'],
    ])('refuses %s on line 1', (_name, text) => {
      expect(problemsOf(text)).toEqual([{ line: 1, column: '-', reason: 'the file is empty: a header row is required' }]);
    });

    it('reports a missing required column on line 1 by name', () => {
      const columns = REQUIRED.filter((c) => c !== 'hire_date');
      expect(problemsOf(toCsv([buildRecord('E1')], columns))).toEqual([
        { line: 1, column: 'hire_date', reason: 'required column is missing from the header' },
      ]);
    });

    it('reports every missing required column, not just the first', () => {
      expect(problemsOf('employee_id,name\nE1,Ann\n')).toEqual(
        ['email', 'manager_id', 'level', 'hire_date'].map((column) => ({ line: 1, column, reason: 'required column is missing from the header' })),
      );
    });

    it('reports a column that appears twice, however it is capitalised', () => {
      expect(problemsOf(toCsv([buildRecord('E1')], [...REQUIRED, ' Email ']))).toEqual([
        { line: 1, column: 'email', reason: 'column appears twice in the header' },
      ]);
    });

    it('reports both missing and duplicated columns together', () => {
      const problems = problemsOf('employee_id,name,email,email,manager_id,level\n');
      expect(problems).toEqual([
        { line: 1, column: 'hire_date', reason: 'required column is missing from the header' },
        { line: 1, column: 'email', reason: 'column appears twice in the header' },
      ]);
    });
  });

  describe('field rules', () => {
    it('reports a row with too few or too many fields', () => {
      const text = toCsv([buildRecord('E1')]) + 'E2,Bob,bob@example.com,,L5\nE3,Cy,cy@example.com,,L5,2022-03-01,extra\n';
      expect(problemsOf(text)).toEqual([
        { line: 3, column: '-', reason: 'has 5 fields but the header has 6' },
        { line: 4, column: '-', reason: 'has 7 fields but the header has 6' },
      ]);
    });

    it('reports empty required fields', () => {
      const problems = problemsOf(toCsv([buildRecord('E1', { name: ' ', level: '' }), buildRecord('', { email: '' })]));
      expect(problems).toEqual([
        { line: 2, column: 'name', reason: 'is empty' },
        { line: 2, column: 'level', reason: 'is empty' },
        { line: 3, column: 'employee_id', reason: 'is empty' },
        { line: 3, column: 'email', reason: 'is empty' },
      ]);
    });

    it('reports an email address without an @ or a domain', () => {
      const problems = problemsOf(toCsv([buildRecord('E1', { email: 'ann.example.com' }), buildRecord('E2', { email: 'bob@localhost' })]));
      expect(problems).toEqual([
        { line: 2, column: 'email', reason: '"ann.example.com" is not an email address' },
        { line: 3, column: 'email', reason: '"bob@localhost" is not an email address' },
      ]);
    });

    it('reports a level that is on no career ladder, listing the known ones', () => {
      expect(problemsOf(toCsv([buildRecord('E1', { level: 'L9' })]))).toEqual([
        { line: 2, column: 'level', reason: '"L9" is not a level on any career ladder (known: L4, L5, L6)' },
      ]);
    });

    it('reports a field longer than 500 characters', () => {
      expect(parseOk(toCsv([buildRecord('E1', { name: 'n'.repeat(500) })])).rows).toHaveLength(1);
      expect(problemsOf(toCsv([buildRecord('E1', { name: 'n'.repeat(501) })]))).toEqual([
        { line: 2, column: 'name', reason: 'is longer than 500 characters' },
      ]);
    });

    describe('hire_date', () => {
      it.each(['2024-02-29', '2000-02-29', '2023-12-31', '1999-01-01', ' 2022-03-01 '])('accepts %j', (hireDate) => {
        expect(parseOk(toCsv([buildRecord('E1', { hire_date: hireDate })])).rows[0]?.hireDate).toBe(hireDate.trim());
      });

      it.each(['2023-02-29', '1900-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-4-1', '01/02/2023', '2023-01-01T00:00:00Z', ''])(
        'refuses %j',
        (hireDate) => {
          expect(problemsOf(toCsv([buildRecord('E1', { hire_date: hireDate })]))).toEqual([
            { line: 2, column: 'hire_date', reason: `${JSON.stringify(hireDate)} is not a date in the form YYYY-MM-DD` },
          ]);
        },
      );
    });

    it('accepts the three statuses in any case and refuses others', () => {
      const columns = [...REQUIRED, 'status'];
      const ok = parseOk(toCsv(['Active', 'LEAVE', 'terminated'].map((status, i) => buildRecord(`E${i}`, { status })), columns));
      expect(ok.rows.map((r) => r.status)).toEqual(['active', 'leave', 'terminated']);
      expect(problemsOf(toCsv([buildRecord('E1', { status: 'Retired' })], columns))).toEqual([
        { line: 2, column: 'status', reason: '"retired" is not one of active, leave, terminated' },
      ]);
    });

    it('accepts IANA time zones and refuses made-up ones', () => {
      const columns = [...REQUIRED, 'time_zone'];
      const zones = ['Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'UTC'];
      expect(parseOk(toCsv(zones.map((time_zone, i) => buildRecord(`E${i}`, { time_zone })), columns)).rows.map((r) => r.timeZone)).toEqual(zones);
      expect(problemsOf(toCsv([buildRecord('E1', { time_zone: 'Mars/Olympus' }), buildRecord('E2', { time_zone: 'Berlin time' })], columns))).toEqual([
        { line: 2, column: 'time_zone', reason: '"Mars/Olympus" is not an IANA time zone' },
        { line: 3, column: 'time_zone', reason: '"Berlin time" is not an IANA time zone' },
      ]);
    });
  });

  describe('duplicates', () => {
    it('reports a repeated employee id on each repeat, naming the first line', () => {
      const text = toCsv([buildRecord('E1'), buildRecord('E2'), buildRecord('E1', { email: 'other@example.com' }), buildRecord('E1', { email: 'third@example.com' })]);
      expect(problemsOf(text)).toEqual([
        { line: 4, column: 'employee_id', reason: 'E1 appears again (first on line 2)' },
        { line: 5, column: 'employee_id', reason: 'E1 appears again (first on line 2)' },
      ]);
    });

    it('reports a repeated email regardless of case, naming the first line', () => {
      const text = toCsv([buildRecord('E1'), buildRecord('E2', { email: 'Ann@Example.com' }), buildRecord('E3', { email: 'ann@example.COM' })]);
      expect(problemsOf(text)).toEqual([{ line: 4, column: 'email', reason: 'ann@example.COM is a duplicate (first on line 3)' }]);
    });
  });

  describe('managers', () => {
    it('reports a manager who is not in the file', () => {
      expect(problemsOf(toCsv([buildRecord('E1'), buildRecord('E2', { manager_id: 'E9' })]))).toEqual([
        { line: 3, column: 'manager_id', reason: 'manager E9 is not in the file' },
      ]);
    });

    it('accepts a manager listed after their reports', () => {
      expect(parseOk(toCsv([buildRecord('E2', { manager_id: 'E1' }), buildRecord('E1')])).rows).toHaveLength(2);
    });

    it('reports a person who is their own manager once, not also as a cycle', () => {
      expect(problemsOf(toCsv([buildRecord('E1', { manager_id: 'E1' }), buildRecord('E2', { manager_id: 'E1' })]))).toEqual([
        { line: 2, column: 'manager_id', reason: 'a person cannot be their own manager' },
      ]);
    });

    it('reports a cycle of two on each member’s line', () => {
      const text = toCsv([buildRecord('E0'), buildRecord('A', { manager_id: 'B' }), buildRecord('B', { manager_id: 'A' })]);
      expect(problemsOf(text)).toEqual([
        { line: 3, column: 'manager_id', reason: 'manager cycle: A -> B -> A' },
        { line: 4, column: 'manager_id', reason: 'manager cycle: A -> B -> A' },
      ]);
    });

    it('reports a cycle of three on each member’s line, and not on people who merely report into it', () => {
      const text = toCsv([
        buildRecord('R', { manager_id: 'A' }),
        buildRecord('A', { manager_id: 'C' }),
        buildRecord('B', { manager_id: 'A' }),
        buildRecord('C', { manager_id: 'B' }),
      ]);
      const problems = problemsOf(text);
      expect(problems.map((p) => p.line)).toEqual([3, 4, 5]);
      for (const p of problems) {
        expect(p.column).toBe('manager_id');
        expect(p.reason).toMatch(/^manager cycle: [ABC] -> [ABC] -> [ABC] -> [ABC]$/u);
      }
    });

    it('reports every cycle in the file', () => {
      const text = toCsv([
        buildRecord('A', { manager_id: 'B' }),
        buildRecord('B', { manager_id: 'A' }),
        buildRecord('C', { manager_id: 'D' }),
        buildRecord('D', { manager_id: 'C' }),
      ]);
      expect(problemsOf(text).map((p) => [p.line, p.reason])).toEqual([
        [2, 'manager cycle: A -> B -> A'],
        [3, 'manager cycle: A -> B -> A'],
        [4, 'manager cycle: C -> D -> C'],
        [5, 'manager cycle: C -> D -> C'],
      ]);
    });
  });

  describe('line numbers and quoting', () => {
    it('reads quoted fields holding commas, quotes and newlines, and keeps later rows on their physical lines', () => {
      const records = [
        buildRecord('E1', { name: 'Smith, Ann' }),
        buildRecord('E2', { name: 'Bob "the builder"\nJones', manager_id: 'E1' }),
        buildRecord('E3', { name: 'Cy', email: 'PE1@example.com' }),
        buildRecord('E4', { hire_date: '2023-02-29' }),
      ];
      const text = toCsv(records);
      // Line 1 header, line 2 E1, lines 3-4 E2, line 5 E3, line 6 E4.
      expect(text.split('\n')[4]).toMatch(/^E3,/u);
      expect(problemsOf(text)).toEqual([
        { line: 5, column: 'email', reason: 'PE1@example.com is a duplicate (first on line 2)' },
        { line: 6, column: 'hire_date', reason: '"2023-02-29" is not a date in the form YYYY-MM-DD' },
      ]);
      const names = parseOk(toCsv(records.slice(0, 2))).rows.map((r) => r.name);
      expect(names).toEqual(['Smith, Ann', 'Bob "the builder"\nJones']);
    });

    it('counts skipped blank lines', () => {
      const text = toCsv([buildRecord('E1')]) + '\n\n' + toCsv([buildRecord('E2', { hire_date: 'soon' })]).split('\n').slice(1).join('\n');
      expect(problemsOf(text)).toEqual([{ line: 5, column: 'hire_date', reason: '"soon" is not a date in the form YYYY-MM-DD' }]);
    });

    it('reports a quote that is never closed as invalid CSV', () => {
      const problems = problemsOf(toCsv([buildRecord('E1')]) + 'E2,"Bob,bob@example.com,,L5,2022-03-01\n');
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ column: '-', reason: expect.stringMatching(/^not valid CSV: /u) });
    });
  });

  it('reports bytes that are not UTF-8 with line, field and offset', () => {
    const head = new TextEncoder().encode(toCsv([buildRecord('E1')]) + 'E2,Zo');
    const tail = new TextEncoder().encode(',zoe@example.com,,L5,2022-03-01\n');
    const result = parsePeopleCsv(new Uint8Array([...head, 0xe9, ...tail]), { knownLevels: LEVELS });
    expect(result).toEqual({
      ok: false,
      problems: [{ line: 3, column: '#2', reason: 'invalid UTF-8 byte 0xE9 at byte 6 of the line (save the file as UTF-8)' }],
    });
  });

  it('lists every problem in the file in line order, not just the first', () => {
    const text = toCsv([
      buildRecord('A', { manager_id: 'B' }),
      buildRecord('E1', { hire_date: '2023-02-29', level: 'L0' }),
      buildRecord('E1', { email: 'pa@example.com' }),
      buildRecord('B', { manager_id: 'A' }),
      buildRecord('E5', { manager_id: 'nobody' }),
    ]);
    expect(problemsOf(text)).toEqual([
      { line: 2, column: 'manager_id', reason: 'manager cycle: A -> B -> A' },
      { line: 3, column: 'level', reason: '"L0" is not a level on any career ladder (known: L4, L5, L6)' },
      { line: 3, column: 'hire_date', reason: '"2023-02-29" is not a date in the form YYYY-MM-DD' },
      { line: 4, column: 'employee_id', reason: 'E1 appears again (first on line 3)' },
      { line: 4, column: 'email', reason: 'pa@example.com is a duplicate (first on line 2)' },
      { line: 5, column: 'manager_id', reason: 'manager cycle: A -> B -> A' },
      { line: 6, column: 'manager_id', reason: 'manager nobody is not in the file' },
    ]);
  });

  describe('properties', () => {
    // A forest: each person's manager is an earlier person or nobody. Rows are then shuffled,
    // so managers may come after their reports. Names carry commas, quotes and newlines.
    const nameArb = fc
      .array(fc.constantFrom('Ann', 'Zoë', 'Łukasz', '李', '🚀', ',', '"', '\n', ' ', "O'Neil"), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join(''))
      .filter((name) => name.trim().length > 0);
    const forestArb = fc
      .uniqueArray(fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/u), { minLength: 1, maxLength: 40, selector: (id) => id })
      .chain((ids) =>
        fc.record({
          ids: fc.constant(ids),
          // One in five people is a top; the rest report to a random earlier person.
          parents: fc
            .array(fc.nat(), { minLength: ids.length, maxLength: ids.length })
            .map((seeds) => seeds.map((seed, i) => (i === 0 || seed % 5 === 0 ? null : Math.floor(seed / 5) % i))),
          names: fc.array(nameArb, { minLength: ids.length, maxLength: ids.length }),
          order: fc.shuffledSubarray(ids.map((_, i) => i), { minLength: ids.length, maxLength: ids.length }),
        }),
      );

    function forestCsv(forest: { ids: string[]; parents: (number | null)[]; names: string[]; order: number[] }): string {
      return toCsv(
        forest.order.map((i) => {
          const parent = forest.parents[i];
          return buildRecord(forest.ids[i]!, {
            name: forest.names[i]!,
            email: `person${i}@Example.com`,
            manager_id: parent == null ? '' : forest.ids[parent]!,
          });
        }),
      );
    }

    it('parses any valid forest with no problems', () => {
      fc.assert(
        fc.property(forestArb, (forest) => {
          const rows = parseOk(forestCsv(forest)).rows;
          expect(rows.map((r) => r.employeeId)).toEqual(forest.order.map((i) => forest.ids[i]));
          for (const [k, i] of forest.order.entries()) {
            const parent = forest.parents[i];
            expect(rows[k]?.managerEmployeeId).toBe(parent == null ? null : forest.ids[parent]);
            expect(rows[k]?.name).toBe(forest.names[i]!.trim());
          }
        }),
        { numRuns: 150 },
      );
    });

    it('reports a manager cycle on every member when one back-edge is added', () => {
      fc.assert(
        fc.property(forestArb, fc.nat(), fc.nat(), (forest, pick, up) => {
          const ancestorsOf = (i: number) => {
            const chain: number[] = [];
            for (let p = forest.parents[i]; p != null; p = forest.parents[p]) chain.push(p);
            return chain;
          };
          const candidates = forest.ids.map((_, i) => i).filter((i) => forest.parents[i] != null);
          fc.pre(candidates.length > 0);
          // Point a proper ancestor's manager at a descendant: ancestor -> ... -> descendant -> ancestor.
          const descendant = candidates[pick % candidates.length]!;
          const ancestors = ancestorsOf(descendant);
          const ancestor = ancestors[up % ancestors.length]!;
          const members = [descendant, ...ancestors.slice(0, ancestors.indexOf(ancestor) + 1)].map((i) => forest.ids[i]!);

          const lineOf = new Map(parseOk(forestCsv(forest)).rows.map((r) => [r.employeeId, r.line]));
          const parents = forest.parents.map((p, i) => (i === ancestor ? descendant : p));
          const problems = problemsOf(forestCsv({ ...forest, parents }));

          expect(problems.every((p) => p.column === 'manager_id' && p.reason.startsWith('manager cycle: '))).toBe(true);
          expect(problems.map((p) => p.line).sort((a, b) => a - b)).toEqual(members.map((id) => lineOf.get(id)).sort((a, b) => a! - b!));
        }),
        { numRuns: 150 },
      );
    });
  });
});

describe('formatCsvProblem', () => {
  it('prints FILE:LINE: column C: reason', () => {
    expect(formatCsvProblem('people.csv', { line: 4, column: 'email', reason: 'is empty' })).toBe('people.csv:4: column email: is empty');
  });

  it('prints a problem found by the parser', () => {
    const [problem] = problemsOf(toCsv([buildRecord('E1'), buildRecord('E2', { manager_id: 'E9' })]));
    expect(formatCsvProblem('exports/hris.csv', problem!)).toBe('exports/hris.csv:3: column manager_id: manager E9 is not in the file');
  });
});
