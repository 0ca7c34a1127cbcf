import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PHASES, policySchema, type Policy } from './policy.schema.ts';
import { AMAZON_POLICY, HUMANE_POLICY, PRESETS } from './presets.ts';

/** A copy of `policy` with the value at a dotted path set, or removed when `value` is undefined. */
function changed(policy: Policy, path: string, value: unknown): unknown {
  const copy: Record<string, unknown> = structuredClone(policy);
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Every leaf of a JSON value as `a.b.0.c` paths mapped to its value. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) for (const [path, leaf] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(path, leaf);
  } else {
    out.set(prefix, value);
  }
  return out;
}

function differingPaths(a: unknown, b: unknown): string[] {
  const left = leaves(a);
  const right = leaves(b);
  return [...new Set([...left.keys(), ...right.keys()])].filter((p) => !Object.is(left.get(p), right.get(p))).sort();
}

const issuePaths = (input: unknown) => {
  const result = policySchema.safeParse(input);
  return result.success ? null : result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
};

describe('policySchema', () => {
  it.each(Object.entries(PRESETS))('parses the %s preset unchanged', (_key, preset) => {
    expect(policySchema.parse(preset)).toEqual(preset);
  });

  it('registers each preset under its own key', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['amazon', 'humane']);
    for (const [key, preset] of Object.entries(PRESETS)) expect(preset.key).toBe(key);
  });

  it.each([
    ['extra', ''],
    ['forte.extra', 'forte'],
    ['forte.schedule.review', 'forte.schedule'],
    ['forte.peers.minimum', 'forte.peers'],
    ['forte.release.delay', 'forte.release'],
    ['forte.wordingCheck.block', 'forte.wordingCheck'],
    ['forte.wordingCheck.terms.0.severity', 'forte.wordingCheck.terms.0'],
  ])('rejects the unknown key %s', (unknown, parent) => {
    expect(issuePaths(changed(AMAZON_POLICY, unknown, 'x'))).toEqual([{ path: parent, code: 'unrecognized_keys' }]);
  });

  it('rejects a missing field', () => {
    expect(issuePaths(changed(HUMANE_POLICY, 'forte.employeeReadsManagerLog', undefined))).toEqual([{ path: 'forte.employeeReadsManagerLog', code: 'invalid_type' }]);
  });

  it('rejects a recommended minimum above the cap, and accepts one equal to it', () => {
    const above = policySchema.safeParse(changed(AMAZON_POLICY, 'forte.peers.recommendedMinimum', 31));
    expect(above.success).toBe(false);
    expect(above.error?.issues.map((i) => i.message)).toEqual(['peers.recommendedMinimum must not exceed peers.cap']);
    expect(policySchema.safeParse(changed(AMAZON_POLICY, 'forte.peers.recommendedMinimum', 30)).success).toBe(true);
    expect(policySchema.safeParse(changed(AMAZON_POLICY, 'forte.peers.cap', 4)).success).toBe(false);
  });

  it.each([
    ['key', 'Amazon'],
    ['key', 'a'],
    ['leadershipPrinciples', []],
    ['forte.peers.wordLimit', 9],
    ['forte.release.minimumResponses', -1],
  ])('rejects %s = %j', (path, value) => {
    expect(policySchema.safeParse(changed(AMAZON_POLICY, path, value)).success).toBe(false);
  });

  it.each(['1121', '11-1', 'Nov-21', '11/21'])('rejects a schedule date not written MM-DD: %j', (value) => {
    expect(issuePaths(changed(AMAZON_POLICY, 'forte.schedule.self_review', value))).toEqual([{ path: 'forte.schedule.self_review', code: 'invalid_format' }]);
  });

  it('rejects a schedule date that is no day of the year', () => {
    // The regex checks the shape only: 13-45 or 00-00 parse, and Date.UTC then rolls them into other months.
    for (const value of ['13-45', '00-00', '02-30', '04-31']) {
      expect(policySchema.safeParse(changed(AMAZON_POLICY, 'forte.schedule.self_review', value)).success, value).toBe(false);
    }
  });

  it('requires a deadline for every phase', () => {
    expect(Object.keys(AMAZON_POLICY.forte.schedule).sort()).toEqual([...PHASES].sort());
    expect(issuePaths(changed(AMAZON_POLICY, 'forte.schedule.calibration', undefined))).toEqual([{ path: 'forte.schedule.calibration', code: 'invalid_type' }]);
  });

  it('rejects an unknown release moment', () => {
    expect(issuePaths(changed(HUMANE_POLICY, 'forte.release.when', 'on-request'))).toEqual([{ path: 'forte.release.when', code: 'invalid_value' }]);
  });
});

describe('the amazon and humane presets', () => {
  // docs/policies.md documents exactly these differences; everything else is shared.
  const DOCUMENTED_DIFFERENCES = [
    'description',
    'forte.employeeReadsManagerLog',
    'forte.hrReadsPeerAuthors',
    'forte.release.aggregateLpTags',
    'forte.release.minimumResponses',
    'forte.release.when',
    'key',
    'name',
  ];

  it('differ only in the fields documented in docs/policies.md', () => {
    // The OLR, promotions, compensation, pipeline, growth and privacy sections' differences are checked in their own tests.
    expect(differingPaths(AMAZON_POLICY, HUMANE_POLICY).filter((p) => !/^(olr|promotions|compensation|pipeline|growth|privacy)\./u.test(p))).toEqual(DOCUMENTED_DIFFERENCES);
  });

  it('differ as docs/policies.md says', () => {
    expect(AMAZON_POLICY.forte.release).toEqual({ when: 'at-delivery', minimumResponses: 0, aggregateLpTags: false });
    expect(HUMANE_POLICY.forte.release).toEqual({ when: 'on-submit', minimumResponses: 3, aggregateLpTags: true });
    expect([AMAZON_POLICY.forte.hrReadsPeerAuthors, HUMANE_POLICY.forte.hrReadsPeerAuthors]).toEqual([true, false]);
    expect([AMAZON_POLICY.forte.employeeReadsManagerLog, HUMANE_POLICY.forte.employeeReadsManagerLog]).toEqual([false, true]);
  });

  it('name each differing field in docs/policies.md', () => {
    const docs = readFileSync(new URL('../../docs/policies.md', import.meta.url), 'utf8');
    for (const path of DOCUMENTED_DIFFERENCES) expect(docs, path).toMatch(new RegExp(`\`(?:forte\\.)?${path.split('.').at(-1)}\``, 'u'));
  });

  it('share the documented schedule: self review 11-21 to delivery 03-20', () => {
    for (const preset of [AMAZON_POLICY, HUMANE_POLICY]) {
      expect(preset.forte.schedule).toEqual({ self_review: '11-21', peer_feedback: '12-19', manager_review: '01-23', calibration: '02-20', delivery: '03-20' });
    }
  });
});
