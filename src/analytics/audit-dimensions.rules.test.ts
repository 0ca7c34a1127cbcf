import { describe, expect, it } from 'vitest';
import { buildAuditTable, dimensionLabel, dimensionValue, NOT_RECORDED, tenureBand, type AuditPerson } from './audit-dimensions.rules.ts';

const AS_OF = new Date('2026-11-29T12:00:00Z');

function person(overrides: Partial<AuditPerson> = {}): AuditPerson {
  return { personId: 1, outcome: 'HV2', level: 'L5', location: 'Dublin', jobFunction: 'Engineering', hireDate: '2022-03-01', manager: { id: 9, name: 'Ada' }, attributes: { gender: 'Woman' }, ...overrides };
}

describe('tenureBand', () => {
  it('counts whole years up to the day', () => {
    expect(tenureBand('2025-11-30', AS_OF)).toBe('under 1 year');
    expect(tenureBand('2025-11-29', AS_OF)).toBe('1-2 years');
    expect(tenureBand('2024-11-30', AS_OF)).toBe('1-2 years');
    expect(tenureBand('2024-11-29', AS_OF)).toBe('2-5 years');
    expect(tenureBand('2021-12-01', AS_OF)).toBe('2-5 years');
    expect(tenureBand('2016-11-29', AS_OF)).toBe('10 years or more');
    expect(tenureBand('2017-01-01', AS_OF)).toBe('5-10 years');
  });

  it('puts a hire date in the future in the first band', () => {
    expect(tenureBand('2027-01-01', AS_OF)).toBe('under 1 year');
  });
});

describe('dimensionValue', () => {
  it('reads record fields, attributes and the manager with their id', () => {
    const p = person();
    expect(dimensionValue(p, 'level', AS_OF)).toBe('L5');
    expect(dimensionValue(p, 'attribute:gender', AS_OF)).toBe('Woman');
    expect(dimensionValue(p, 'manager', AS_OF)).toBe('Ada (#9)');
    expect(dimensionValue(p, 'tenure', AS_OF)).toBe('2-5 years');
  });

  it('makes missing values a group of their own', () => {
    const p = person({ location: null, jobFunction: null, manager: null, attributes: {} });
    expect(dimensionValue(p, 'location', AS_OF)).toBe(NOT_RECORDED);
    expect(dimensionValue(p, 'jobFunction', AS_OF)).toBe(NOT_RECORDED);
    expect(dimensionValue(p, 'attribute:gender', AS_OF)).toBe(NOT_RECORDED);
    expect(dimensionValue(p, 'manager', AS_OF)).toBe('(no manager)');
  });
});

describe('dimensionLabel', () => {
  it('names attributes plainly unless they clash with a record field', () => {
    expect(dimensionLabel('attribute:gender')).toBe('gender');
    expect(dimensionLabel('attribute:level')).toBe('level (attribute)');
    expect(dimensionLabel('jobFunction')).toBe('job function');
  });
});

describe('buildAuditTable', () => {
  it('lays people out as outcome, group and controls, and lists each group\'s members', () => {
    const people = [person({ personId: 1 }), person({ personId: 2, attributes: { gender: 'Man' }, level: 'L6', outcome: 'TT' }), person({ personId: 3 })];
    const { table, members } = buildAuditTable(people, { outcomeLabel: 'OV rating', group: 'attribute:gender', controls: ['level'], asOf: AS_OF });
    expect(table.header).toEqual(['OV rating', 'gender', 'level']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['HV2', 'Woman', 'L5'],
      ['TT', 'Man', 'L6'],
      ['HV2', 'Woman', 'L5'],
    ]);
    expect(Object.fromEntries(members)).toEqual({ Woman: [1, 3], Man: [2] });
  });
});
