import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { seedDemo } from '../people/demo.service.ts';
import { orgAiAdoption } from './ai-adoption.service.ts';
import { teamSlos } from './slo.service.ts';
import { listMetricsTeams, teamDora, teamDrilldown } from './team-dora.service.ts';
import { unmappedIdentities } from './identities.service.ts';
import { teamOperations } from './team-operations.service.ts';

const NOW = new Date('2026-06-15T12:00:00Z');
let database: Database;
let seconds = 0;
beforeAll(async () => {
  database = await openTestDatabase();
  const started = performance.now();
  await seedDemo(database.db, { now: NOW });
  seconds = (performance.now() - started) / 1000;
});
afterAll(async () => {
  await database.close();
});

describe('demo metrics', () => {
  it("gives the demo engineer's team four keys with levels, and records behind them", async () => {
    const { teams } = await listMetricsTeams(database.db);
    expect(teams.map((t) => t.services.map((s) => s.name))).toEqual(expect.arrayContaining([['checkout-api', 'checkout-web'], ['search-api']]));
    const checkout = teams.find((t) => t.services.some((s) => s.name === 'checkout-api'))!;
    const dora = await teamDora(database.db, { teamId: checkout.id, query: { report: '2023', median: 'lower' }, now: NOW });
    expect(dora.keys.deploymentFrequency.deployments).toBeGreaterThan(50);
    expect(dora.keys.leadTime.changes).toBeGreaterThan(50);
    for (const level of [dora.keys.deploymentFrequency.level, dora.keys.leadTime.level, dora.keys.changeFailureRate?.level, dora.keys.recovery?.level]) expect(level).not.toBeNull();
    expect(dora.trend.length).toBeGreaterThanOrEqual(3);
    const drill = await teamDrilldown(database.db, { teamId: checkout.id, query: {}, now: NOW });
    expect([drill.deployments.length, drill.changes.length, drill.incidents.length].every((n) => n > 0)).toBe(true);
    const slos = await teamSlos(database.db, { teamId: checkout.id, now: NOW });
    expect(slos.services[0]!.slos.map((s) => s.compliance !== null)).toEqual([true, true]);
    const ai = await orgAiAdoption(database.db, { query: {}, now: NOW });
    expect(ai.sources.map((s) => s.source).sort()).toEqual(['amazon-q', 'copilot']);
    expect(ai.sources.every((s) => s.weeks.some((w) => !w.suppressed))).toBe(true);
  });

  it('fills the operations section (vulnerabilities, tickets, pages) and leaves a contractor to map', async () => {
    const { teams } = await listMetricsTeams(database.db);
    const checkout = teams.find((t) => t.services.some((s) => s.name === 'checkout-api'))!;
    const operations = await teamOperations(database.db, { teamId: checkout.id, query: { from: '2026-01-01', to: '2026-06-15' }, now: NOW });
    expect(operations.services.map((s) => s.service.name)).toEqual(['checkout-api', 'checkout-web']);
    for (const service of operations.services) {
      expect(service.vulnerabilities.openedInPeriod + service.vulnerabilities.open).toBeGreaterThan(0);
      expect(service.tickets.resolvedInPeriod).toBeGreaterThan(0);
      expect(service.tickets.medianDaysToResolve).not.toBeNull();
    }
    expect(operations.pages.total).toBeGreaterThan(0);
    const admin = { accountId: 1, name: 'Admin', email: 'admin@example.test', personId: null, personPath: null, roles: ['admin' as const], hrScope: null };
    const unmapped = await unmappedIdentities(database.db, { actor: admin, query: {} });
    expect(unmapped.identities.map((i) => [i.kind, i.seenIn])).toEqual([
      ['pagerduty', ['on-call shifts']],
      ['pagerduty', ['on-call shifts']],
    ]);
  });

  it('is the same for the same moment, and quick enough for serve --demo', async () => {
    const again = await openTestDatabase();
    try {
      await seedDemo(again.db, { now: NOW });
      const snapshot = async (db: Database['db']) => ({
        deployments: await db.selectFrom('deployments').select(['external_id', 'finished_at', 'result']).orderBy('external_id').execute(),
        leads: await db.selectFrom('pr_deployments').select(['cycle_minutes', 'deployed_at']).orderBy('deployed_at').orderBy('cycle_minutes').execute(),
        incidents: await db.selectFrom('incidents').select(['external_id', 'created_at', 'resolved_at', 'deployment_finished_at']).orderBy('external_id').execute(),
      });
      expect(await snapshot(again.db)).toEqual(await snapshot(database.db));
    } finally {
      await again.close();
    }
    expect(seconds).toBeLessThan(60);
  });
});
