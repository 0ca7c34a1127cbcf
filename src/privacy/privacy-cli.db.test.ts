import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTargets, runCli, type CliTarget } from '../../test/cli-targets.ts';
import { buildAccount, buildPerson } from '../../test/factories.ts';

/** `highbar privacy retention | erase | export` as an operator runs them. */
const targets = cliTargets();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-privacy-cli-'));
let target: CliTarget;
let leaverId: number;

beforeAll(async () => {
  target = await targets.empty();
  expect((await runCli(target, ['migrate'])).code).toBe(0);
  leaverId = await target.withDb(async ({ db }) => {
    const leaver = await buildPerson(db, { name: 'Lena Leaver', email: 'lena.leaver@cli.test', status: 'terminated', attributes: { gender: 'G-Cli-1' } });
    await buildAccount(db, { person: leaver });
    return leaver.id;
  });
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await targets.cleanup();
});

describe('highbar privacy', () => {
  it('retention --dry-run lists what would go and changes nothing', async () => {
    const json = await runCli(target, ['privacy', 'retention', '--dry-run', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, counts: { sessions: 0 } });
    const human = await runCli(target, ['privacy', 'retention', '--dry-run']);
    expect(human.stdout).toMatch(/^Dry run: \d+ rows are past retention and would be deleted; nothing was changed\.\n {2}sessions: /u);
  });

  it('export writes the person’s data to an owner-only file', async () => {
    const out = path.join(dir, 'lena.json');
    const result = await runCli(target, ['privacy', 'export', '--person', String(leaverId), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ format: 'highbar-person-export', personId: leaverId, attributes: [{ name: 'gender', value: 'G-Cli-1' }] });
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
  });

  it('erase needs --confirm and a person id, then erases once and the audit chain verifies', async () => {
    for (const args of [['--person', String(leaverId)], ['--confirm'], ['--person', 'abc', '--confirm'], ['--person', '0', '--confirm']]) {
      const refused = await runCli(target, ['privacy', 'erase', ...args]);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stdout).toBe('');
    }
    expect((await runCli(target, ['privacy', 'erase', '--person', String(leaverId)])).stderr).toContain('add --confirm');

    const erased = await runCli(target, ['privacy', 'erase', '--person', String(leaverId), '--confirm', '--format', 'json']);
    expect(erased.code, erased.stderr).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ personId: leaverId, counts: { people: 1, accounts: 1, person_attributes: 1 } });
    const name = await target.withDb(({ db }) => db.selectFrom('people').select('name').where('id', '=', leaverId).executeTakeFirstOrThrow());
    expect(name).toEqual({ name: `Erased person ${leaverId}` });
    expect((await runCli(target, ['audit', 'verify'])).code).toBe(0);

    const again = await runCli(target, ['privacy', 'erase', '--person', String(leaverId), '--confirm']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already erased');
  });
});
