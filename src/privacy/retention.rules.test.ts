import { describe, expect, it } from 'vitest';
import { describeRetention, retentionCutoffs, RETENTION_TARGETS } from './retention.rules.ts';
import { AMAZON_PRIVACY, DEFAULT_PRIVACY_POLICY, HUMANE_PRIVACY, privacyPolicySchema } from '../policy/privacy.schema.ts';

const now = new Date('2026-11-29T12:00:00.000Z');

describe('retentionCutoffs', () => {
  it('counts whole days back from now, per target', () => {
    const cutoffs = retentionCutoffs({ ...DEFAULT_PRIVACY_POLICY.retention, sessionsDays: 7, leaverFeedbackDays: 365 }, now);
    expect(cutoffs.map((c) => c.target)).toEqual([...RETENTION_TARGETS]);
    expect(cutoffs.find((c) => c.target === 'sessions')).toMatchObject({ days: 7, before: new Date('2026-11-22T12:00:00.000Z'), beforeDay: '2026-11-22' });
    expect(cutoffs.find((c) => c.target === 'leaverFeedback')).toMatchObject({ days: 365, beforeDay: '2025-11-29' });
  });

  it('keeps what the policy keeps (null): no cutoff at all', () => {
    for (const c of retentionCutoffs(DEFAULT_PRIVACY_POLICY.retention, now)) expect(c).toMatchObject({ days: null, before: null, beforeDay: null });
  });

  it('names the setting each target comes from', () => {
    expect(retentionCutoffs(HUMANE_PRIVACY.retention, now).map((c) => c.setting)).toEqual([
      'sessionsDays', 'signInAttemptsDays', 'notificationsDays', 'leaverFeedbackDays', 'analyticsDatasetsDays', 'metricsEventsDays', 'sensitiveReadsDays',
    ]);
  });
});

describe('describeRetention', () => {
  it('says what would go, and what is kept and why', () => {
    const lines = describeRetention(retentionCutoffs({ ...DEFAULT_PRIVACY_POLICY.retention, sessionsDays: 30 }, now), { sessions: 4 });
    expect(lines[0]).toBe('sessions: 4 past 30 days (before 2026-10-30T12:00:00.000Z)');
    expect(lines[1]).toBe('signInAttempts: kept (privacy.retention.signInAttemptsDays is null)');
  });
});

describe('privacyPolicySchema', () => {
  it('accepts both presets and the default', () => {
    for (const policy of [AMAZON_PRIVACY, HUMANE_PRIVACY, DEFAULT_PRIVACY_POLICY]) expect(privacyPolicySchema.parse(policy)).toEqual(policy);
  });

  it('the humane preset keeps nothing longer than Amazon’s', () => {
    for (const [key, days] of Object.entries(HUMANE_PRIVACY.retention)) expect(days!).toBeLessThanOrEqual(AMAZON_PRIVACY.retention[key as keyof typeof AMAZON_PRIVACY.retention]!);
  });

  it.each([
    ['zero days', { sessionsDays: 0 }],
    ['a fraction', { sessionsDays: 1.5 }],
    ['more than a hundred years', { metricsEventsDays: 36_501 }],
    ['an unknown setting', { auditDays: 30 }],
  ])('refuses %s, naming where', (_what, change) => {
    const result = privacyPolicySchema.safeParse({ retention: { ...AMAZON_PRIVACY.retention, ...change } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path[0]).toBe('retention');
  });
});

describe('docs/policies.md', () => {
  it('documents every retention setting with both presets’ values', async () => {
    const { readFileSync } = await import('node:fs');
    const docs = readFileSync(new URL('../../docs/policies.md', import.meta.url), 'utf8');
    for (const key of Object.keys(AMAZON_PRIVACY.retention) as (keyof typeof AMAZON_PRIVACY.retention)[]) {
      expect(docs, key).toContain(`| \`retention.${key}\` |`);
      const row = docs.split('\n').find((line) => line.startsWith(`| \`retention.${key}\` |`))!;
      expect(row.endsWith(`| ${AMAZON_PRIVACY.retention[key]} | ${HUMANE_PRIVACY.retention[key]} |`), row).toBe(true);
    }
  });
});
