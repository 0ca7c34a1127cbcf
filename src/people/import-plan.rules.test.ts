import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonStatus } from '../db/schema.ts';
import { DEFAULT_IMPORT_GUARD, planPeopleImport, type ExistingPerson } from './import-plan.rules.ts';
import type { PersonRow } from './people-csv.rules.ts';

let nextLine = 2;

/** A validated CSV row, with defaults; only the employee id and email matter to the plan. */
const buildRow = (employeeId: string, overrides: Partial<PersonRow> = {}): PersonRow => ({
  line: nextLine++,
  employeeId,
  name: `Person ${employeeId}`,
  email: `${employeeId.toLowerCase()}@example.com`,
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
  ...overrides,
});

/** A person already in the directory; ids are derived from the employee id so tests read well. */
const buildExisting = (id: number, overrides: { employeeId?: string; email?: string; status?: PersonStatus } = {}): ExistingPerson => {
  const employeeId = overrides.employeeId ?? `E${id}`;
  return { id, employeeId, email: overrides.email ?? `${employeeId.toLowerCase()}@example.com`, status: overrides.status ?? 'active' };
};

const range = (count: number, from = 1) => Array.from({ length: count }, (_, i) => i + from);

describe('planPeopleImport', () => {
  it('uses a 40% deactivation guard and a 5% employee-id change guard by default', () => {
    expect(DEFAULT_IMPORT_GUARD).toEqual({ maxDeactivatedShare: 0.4, maxEmployeeIdChangeShare: 0.05 });
  });

  describe('matching', () => {
    it('matches rows to people by employee id, even when their email changed', () => {
      const rows = [buildRow('E1'), buildRow('E2', { email: 'new.address@example.com' })];
      const plan = planPeopleImport(rows, [buildExisting(1), buildExisting(2)]);
      expect(plan.matched).toEqual([
        { row: rows[0], personId: 1, employeeIdChangedFrom: null },
        { row: rows[1], personId: 2, employeeIdChangedFrom: null },
      ]);
      expect(plan.created).toEqual([]);
      expect(plan.deactivated).toEqual([]);
      expect(plan.employeeIdChanges).toBe(0);
    });

    it('creates rows whose employee id and email are both new', () => {
      const rows = [buildRow('E1'), buildRow('N1')];
      const plan = planPeopleImport(rows, [buildExisting(1)]);
      expect(plan.created).toEqual([rows[1]]);
      expect(plan.matched.map((m) => m.personId)).toEqual([1]);
    });

    it('treats a known email under a vanished employee id as a renumbering, ignoring case', () => {
      const row = buildRow('HR-0001', { email: 'Ann.Lee@Example.com' });
      const plan = planPeopleImport([row], [buildExisting(7, { employeeId: 'E7', email: 'ann.lee@example.com' })]);
      expect(plan.matched).toEqual([{ row, personId: 7, employeeIdChangedFrom: 'E7' }]);
      expect(plan.employeeIdChanges).toBe(1);
      expect(plan.created).toEqual([]);
      expect(plan.deactivated).toEqual([]);
    });

    it('does not renumber when the old employee id is still in the file', () => {
      // E1 keeps its record under its id; the row with E1's old email is a different person.
      const rows = [buildRow('E1', { email: 'ann.new@example.com' }), buildRow('N1', { email: 'e1@example.com' })];
      const plan = planPeopleImport(rows, [buildExisting(1)]);
      expect(plan.matched).toEqual([{ row: rows[0], personId: 1, employeeIdChangedFrom: null }]);
      expect(plan.created).toEqual([rows[1]]);
      expect(plan.employeeIdChanges).toBe(0);
    });

    it('does not renumber onto a person whose employee id is taken by another existing person', () => {
      // N1's email belongs to person 1, but N1 is already person 2's id.
      const rows = [buildRow('N1', { email: 'e1@example.com' })];
      const plan = planPeopleImport(rows, [buildExisting(1), buildExisting(2, { employeeId: 'N1' })]);
      expect(plan.matched).toEqual([{ row: rows[0], personId: 2, employeeIdChangedFrom: null }]);
      expect(plan.deactivated.map((p) => p.id)).toEqual([1]);
      expect(plan.employeeIdChanges).toBe(0);
    });

    it('matches a terminated person who reappears, by id or by email', () => {
      const existing = [buildExisting(1, { status: 'terminated' }), buildExisting(2, { status: 'terminated' })];
      const plan = planPeopleImport([buildRow('E1'), buildRow('X2', { email: 'e2@example.com' })], existing);
      expect(plan.matched.map((m) => [m.personId, m.employeeIdChangedFrom])).toEqual([
        [1, null],
        [2, 'E2'],
      ]);
      expect(plan.created).toEqual([]);
    });
  });

  describe('deactivation', () => {
    it('deactivates active and on-leave people missing from the file, but not the already terminated', () => {
      const existing = [
        buildExisting(1),
        buildExisting(2),
        buildExisting(3, { status: 'leave' }),
        buildExisting(4, { status: 'terminated' }),
        ...range(6, 5).map((id) => buildExisting(id)),
      ];
      const rows = [buildRow('E1'), ...range(6, 5).map((id) => buildRow(`E${id}`))];
      const plan = planPeopleImport(rows, existing);
      expect(plan.deactivated).toEqual([existing[1], existing[2]]);
      expect(plan.activeBefore).toBe(9);
    });

    it('does not deactivate a person matched by email under a new id', () => {
      const plan = planPeopleImport([buildRow('NEW', { email: 'e1@example.com' })], [buildExisting(1)]);
      expect(plan.deactivated).toEqual([]);
    });
  });

  describe('confirmation', () => {
    it('never asks when the directory is empty', () => {
      const plan = planPeopleImport(range(50).map((n) => buildRow(`E${n}`)), []);
      expect(plan.created).toHaveLength(50);
      expect(plan.needsConfirmation).toEqual([]);
      expect(plan.activeBefore).toBe(0);
    });

    it('never asks when the directory holds only terminated people', () => {
      const existing = range(10).map((id) => buildExisting(id, { status: 'terminated' }));
      expect(planPeopleImport([buildRow('N1')], existing).needsConfirmation).toEqual([]);
    });

    it('does not ask when exactly 40% of active people would be deactivated', () => {
      const existing = range(10).map((id) => buildExisting(id));
      const plan = planPeopleImport(range(6).map((id) => buildRow(`E${id}`)), existing);
      expect(plan.deactivated).toHaveLength(4);
      expect(plan.needsConfirmation).toEqual([]);
    });

    it('asks when just over 40% of active people would be deactivated', () => {
      const existing = range(100).map((id) => buildExisting(id));
      const plan = planPeopleImport(range(59).map((id) => buildRow(`E${id}`)), existing);
      expect(plan.deactivated).toHaveLength(41);
      expect(plan.needsConfirmation).toEqual(['it would deactivate 41 of 100 active people (41%, more than 40%)']);
    });

    it('measures the deactivated share against active people only', () => {
      // 2 of 4 active leave (50%), though only 2 of 10 people overall (20%).
      const existing = [...range(4).map((id) => buildExisting(id)), ...range(6, 5).map((id) => buildExisting(id, { status: 'terminated' }))];
      const plan = planPeopleImport([buildRow('E1'), buildRow('E2')], existing);
      expect(plan.needsConfirmation).toEqual(['it would deactivate 2 of 4 active people (50%, more than 40%)']);
    });

    it('asks when the whole directory would be deactivated by an empty file', () => {
      const plan = planPeopleImport([], range(3).map((id) => buildExisting(id)));
      expect(plan.needsConfirmation).toEqual(['it would deactivate 3 of 3 active people (100%, more than 40%)']);
    });

    /** 100 people, of whom `renamed` appear in the file under a new employee id. */
    const renumbering = (renamed: number) => {
      const existing = range(100).map((id) => buildExisting(id));
      const rows = range(100).map((id) => (id <= renamed ? buildRow(`NEW-${id}`, { email: `e${id}@example.com` }) : buildRow(`E${id}`)));
      return planPeopleImport(rows, existing);
    };

    it('does not ask when exactly 5% of people change employee id', () => {
      const plan = renumbering(5);
      expect(plan.employeeIdChanges).toBe(5);
      expect(plan.needsConfirmation).toEqual([]);
    });

    it('asks when just over 5% of people change employee id', () => {
      const plan = renumbering(6);
      expect(plan.employeeIdChanges).toBe(6);
      expect(plan.deactivated).toEqual([]);
      expect(plan.needsConfirmation).toEqual(['it would change the employee id of 6 of 100 active people (6%, more than 5%)']);
    });

    it('gives both reasons when both guards trip', () => {
      const existing = range(10).map((id) => buildExisting(id));
      const plan = planPeopleImport([buildRow('NEW-1', { email: 'e1@example.com' })], existing);
      expect(plan.needsConfirmation).toEqual([
        'it would deactivate 9 of 10 active people (90%, more than 40%)',
        'it would change the employee id of 1 of 10 active people (10%, more than 5%)',
      ]);
    });

    it('follows a custom guard', () => {
      const existing = range(10).map((id) => buildExisting(id));
      const rows = range(9).map((id) => buildRow(`E${id}`));
      expect(planPeopleImport(rows, existing).needsConfirmation).toEqual([]);
      expect(planPeopleImport(rows, existing, { maxDeactivatedShare: 0.05, maxEmployeeIdChangeShare: 0 }).needsConfirmation).toEqual([
        'it would deactivate 1 of 10 active people (10%, more than 5%)',
      ]);
    });
  });

  it('accounts for every row and every person exactly once', () => {
    // Small id and email pools so rows and people collide by id, by email, or both.
    const statusArb = fc.constantFrom<PersonStatus>('active', 'leave', 'terminated');
    const existingArb = fc
      .uniqueArray(fc.record({ employeeId: fc.integer({ min: 1, max: 12 }), email: fc.integer({ min: 1, max: 12 }), status: statusArb }), {
        maxLength: 10,
        selector: (p) => p.employeeId,
      })
      .map((people) => people.filter((p, i) => people.findIndex((q) => q.email === p.email) === i))
      .map((people) => people.map((p, i) => ({ id: i + 100, employeeId: `E${p.employeeId}`, email: `m${p.email}@example.com`, status: p.status })));
    const rowsArb = fc
      .uniqueArray(fc.record({ employeeId: fc.integer({ min: 1, max: 12 }), email: fc.integer({ min: 1, max: 12 }) }), {
        maxLength: 10,
        selector: (r) => r.employeeId,
      })
      .map((rows) => rows.filter((r, i) => rows.findIndex((q) => q.email === r.email) === i))
      .map((rows) => rows.map((r) => buildRow(`E${r.employeeId}`, { email: `M${r.email}@example.com` })));

    fc.assert(
      fc.property(rowsArb, existingArb, (rows, existing) => {
        const plan = planPeopleImport(rows, existing);
        // Each row is either matched or created, once.
        expect([...plan.matched.map((m) => m.row), ...plan.created].sort((a, b) => a.line - b.line)).toEqual([...rows].sort((a, b) => a.line - b.line));
        // No person is claimed twice, and nobody is both kept and deactivated.
        const claimed = plan.matched.map((m) => m.personId);
        expect(new Set(claimed).size).toBe(claimed.length);
        for (const person of plan.deactivated) expect(claimed).not.toContain(person.id);
        // Every active person is either claimed or deactivated; terminated people are never deactivated.
        for (const person of existing) {
          const fate = claimed.includes(person.id) || plan.deactivated.includes(person);
          expect(fate).toBe(person.status !== 'terminated' || claimed.includes(person.id));
        }
        // A renumbering only takes the id of a person whose old id is absent from the file.
        const fileIds = new Set(rows.map((r) => r.employeeId));
        for (const m of plan.matched) if (m.employeeIdChangedFrom !== null) expect(fileIds.has(m.employeeIdChangedFrom)).toBe(false);
        expect(plan.employeeIdChanges).toBe(plan.matched.filter((m) => m.employeeIdChangedFrom !== null).length);
      }),
    );
  });

  it('measures employee-id changes against active people, so years of leavers do not dilute the guard', () => {
    const active = range(100).map((id) => buildExisting(id));
    const leavers = range(1000, 1000).map((id) => buildExisting(id, { status: 'terminated' }));
    const rows = range(100).map((id) => buildRow(id <= 50 ? `N${id}` : `E${id}`, { email: `e${id}@example.com` }));
    const plan = planPeopleImport(rows, [...active, ...leavers]);
    expect(plan.employeeIdChanges).toBe(50);
    expect(plan.needsConfirmation).toEqual([expect.stringContaining('50 of 100 active people (50%')]);
  });
});

