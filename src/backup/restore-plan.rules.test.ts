import { describe, expect, it } from 'vitest';
import { checkBackupSchema, planRestoreSchema, tablesHoldingData } from './restore-plan.rules.ts';

const KNOWN = ['20261123T1800_foundation', '20261123T1900_forte', '20261201T0900_calibration'];

describe('checkBackupSchema', () => {
  it('accepts a backup at this schema or an older one, and lists the migrations still to run', () => {
    expect(checkBackupSchema(KNOWN, KNOWN)).toEqual({ ok: true, before: KNOWN, after: [] });
    expect(checkBackupSchema(KNOWN.slice(0, 2), KNOWN)).toEqual({ ok: true, before: KNOWN.slice(0, 2), after: [KNOWN[2]] });
  });

  it('refuses a backup from a newer schema version, naming the unknown migration', () => {
    const plan = checkBackupSchema([...KNOWN, '20270101T0000_future'], KNOWN);
    expect(plan).toMatchObject({ ok: false, reason: 'newer-backup' });
    expect(!plan.ok && plan.message).toContain('20270101T0000_future');
  });

  it('refuses a history this code never had (a gap, or another order)', () => {
    expect(checkBackupSchema([KNOWN[0]!, KNOWN[2]!], KNOWN)).toMatchObject({ ok: false, reason: 'foreign-backup' });
    expect(checkBackupSchema([KNOWN[1]!, KNOWN[0]!], KNOWN)).toMatchObject({ ok: false, reason: 'foreign-backup' });
  });
});

describe('planRestoreSchema', () => {
  it('migrates an empty database to the backup first, and to this code after loading', () => {
    expect(planRestoreSchema(KNOWN.slice(0, 2), KNOWN, [])).toEqual({ ok: true, before: KNOWN.slice(0, 2), after: [KNOWN[2]] });
  });

  it('loads straight into a database at the same schema, and tops up an older one', () => {
    expect(planRestoreSchema(KNOWN, KNOWN, KNOWN)).toEqual({ ok: true, before: [], after: [] });
    expect(planRestoreSchema(KNOWN, KNOWN, KNOWN.slice(0, 1))).toEqual({ ok: true, before: KNOWN.slice(1), after: [] });
  });

  it('refuses a database already past the backup: its rows would skip migrations', () => {
    expect(planRestoreSchema(KNOWN.slice(0, 2), KNOWN, KNOWN)).toMatchObject({ ok: false, reason: 'target-newer' });
  });

  it('refuses a database with a history of its own', () => {
    expect(planRestoreSchema(KNOWN, KNOWN, ['19990101T0000_other'])).toMatchObject({ ok: false, reason: 'target-diverged' });
  });

  it('checks the backup against this code before the target', () => {
    expect(planRestoreSchema([...KNOWN, 'x'], KNOWN, [])).toMatchObject({ ok: false, reason: 'newer-backup' });
  });
});

describe('tablesHoldingData', () => {
  it('ignores the reference data a fresh migration installs, and nothing else', () => {
    expect(tablesHoldingData(['ladders', 'ladder_levels', 'policies'])).toEqual([]);
    expect(tablesHoldingData(['ladders', 'people', 'audit_events'])).toEqual(['people', 'audit_events']);
    expect(tablesHoldingData(['sessions'])).toEqual(['sessions']);
  });
});
