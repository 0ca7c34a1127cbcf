import { describe, expect, it } from 'vitest';
import { analyticsPolicySchema, AMAZON_ANALYTICS, HUMANE_ANALYTICS } from './analytics.schema.ts';
import { AMAZON_POLICY, HUMANE_POLICY } from './presets.ts';
import { policySchema } from './policy.schema.ts';

describe('analyticsPolicySchema', () => {
  it('holds both presets, which keep the same guard rails', () => {
    expect(policySchema.parse(AMAZON_POLICY).analytics).toEqual({ minGroupSize: 5, workingHours: { startHour: 9, endHour: 18 }, reworkDays: 7 });
    expect(HUMANE_POLICY.analytics).toEqual(AMAZON_POLICY.analytics);
    expect(HUMANE_ANALYTICS).toEqual(AMAZON_ANALYTICS);
  });

  it('refuses a minimum under 3, a working day that ends before it starts, and unknown fields', () => {
    expect(analyticsPolicySchema.safeParse({ ...AMAZON_ANALYTICS, minGroupSize: 2 }).success).toBe(false);
    const backwards = analyticsPolicySchema.safeParse({ ...AMAZON_ANALYTICS, workingHours: { startHour: 18, endHour: 9 } });
    expect(backwards.success ? '' : backwards.error.issues[0]!.message).toBe('startHour must be before endHour');
    expect(analyticsPolicySchema.safeParse({ ...AMAZON_ANALYTICS, extra: 1 }).success).toBe(false);
  });

  it('is optional in a policy, so versions stored before it still load', () => {
    const { analytics: _analytics, ...older } = AMAZON_POLICY;
    expect(policySchema.safeParse(older).success).toBe(true);
  });
});
