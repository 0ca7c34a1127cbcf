import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidencePacketFrom, peerThemesText, spreadPick, type LivingItem } from './living-document.rules.ts';
import { HUMANE_GROWTH } from '../policy/growth-presets.ts';
import { proposalEvidenceSchema } from '../shared/schemas/calibration.ts';
import { addDays } from './dates.rules.ts';

const item = (over: Partial<LivingItem>): LivingItem => ({ key: `k${Math.random()}`, section: 'shipped', occurredOn: '2026-05-01', text: 'Shipped it', link: null, source: 'manual', highlight: false, private: false, excluded: false, logNoteId: null, ...over });
const OPTIONS = { sectionDimensions: HUMANE_GROWTH.livingDocument.sectionDimensions, dimensions: ['delivery', 'collaboration', 'systemImpact'] };

describe('spreadPick', () => {
  it('takes highlights first, then one item per month in turn rather than the newest ones', () => {
    const items = [
      item({ key: 'dec1', occurredOn: '2026-12-20' }),
      item({ key: 'dec2', occurredOn: '2026-12-10' }),
      item({ key: 'dec3', occurredOn: '2026-12-01' }),
      item({ key: 'mar', occurredOn: '2026-03-05' }),
      item({ key: 'jun', occurredOn: '2026-06-05', highlight: true }),
    ];
    expect(spreadPick(items, 3).map((i) => i.key)).toEqual(['jun', 'dec1', 'mar']);
  });
});

describe('evidencePacketFrom', () => {
  it('files items under the dimension of their section and keeps private and excluded items out', () => {
    const packet = evidencePacketFrom(
      [
        item({ key: 'goal:1', section: 'goals', source: 'goal', text: 'Checkout p99 under 200 ms: achieved' }),
        item({ key: 'inc', section: 'incidents', text: 'Led the October payments incident', occurredOn: '2026-10-02' }),
        item({ key: 'log:5', section: 'shipped', source: 'log', logNoteId: 5, text: 'Shipped ledger' }),
        item({ key: 'ci:1', section: 'growth', source: 'check-in', private: true, text: 'Talked about stress' }),
        item({ key: 'x', section: 'shipped', excluded: true, text: 'Abandoned spike' }),
        item({ key: 'slo', section: 'slo', text: 'Availability 99.95% on checkout', highlight: true }),
        item({ key: 'peer', section: 'peerThemes', source: 'peer-feedback', text: '6 peer responses; championed: Ownership (4).' }),
        item({ key: 'm', section: 'multiplier', text: 'Started the runbook reviews.' }),
      ],
      OPTIONS,
    );
    expect(packet.byDimension.delivery).toEqual(['2026-05-01: Checkout p99 under 200 ms: achieved', '2026-05-01: Shipped ledger']);
    expect(packet.byDimension.systemImpact).toEqual(['2026-05-01: Availability 99.95% on checkout', '2026-10-02: Led the October payments incident']);
    expect(packet.byDimension.collaboration).toEqual(['2026-05-01: Started the runbook reviews.', '6 peer responses; championed: Ownership (4).']);
    expect(packet.impactExamples).toEqual(['Availability 99.95% on checkout', 'Checkout p99 under 200 ms: achieved']);
    expect(packet.logNoteIds).toEqual([5]);
    expect(packet.systemMetrics).toEqual(['Availability 99.95% on checkout']);
    expect(JSON.stringify(packet)).not.toContain('stress');
    expect(JSON.stringify(packet)).not.toContain('Abandoned');
  });

  it('always fits the calibration evidence schema', () => {
    const items = fc.array(
      fc.record({
        section: fc.constantFrom(...(['goals', 'shipped', 'incidents', 'slo', 'peerThemes', 'growth', 'multiplier'] as const)),
        day: fc.integer({ min: 0, max: 364 }),
        text: fc.string({ minLength: 1, maxLength: 1200 }).filter((t) => t.trim().length > 0),
        highlight: fc.boolean(),
        logNoteId: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
      }),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(items, (list) => {
        const packet = evidencePacketFrom(list.map((i) => item({ ...i, text: i.text.trim(), occurredOn: addDays('2026-01-01', i.day) })), OPTIONS);
        expect(proposalEvidenceSchema.safeParse(packet).success).toBe(true);
      }),
    );
  });
});

describe('peerThemesText', () => {
  it('counts tags without quoting anyone', () => {
    expect(peerThemesText({ championed: { Ownership: 4, 'Dive Deep': 2 }, toImprove: { 'Think Big': 1 } }, 6)).toBe('6 peer responses; championed: Ownership (4), Dive Deep (2); to improve: Think Big (1).');
    expect(peerThemesText({ championed: {}, toImprove: {} }, 0)).toBeNull();
  });
});
