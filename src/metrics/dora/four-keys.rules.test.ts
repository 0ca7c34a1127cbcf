import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { at } from '../../../test/dora-builders.ts';
import { loadDevLakeFolder, type LoadedFolder } from '../sources/devlake-folder.ts';
import { DoraPipeline } from './derive.ts';
import { assembleFourKeys, devLakeFacts, type FourKeysOptions } from './four-keys.rules.ts';

/**
 * Golden numbers over the hand-made project in test/fixtures/metrics/devlake-alpha (worked out
 * in docs/metrics.md): three production deployments in January 2024, three PRs, two incidents.
 */
const FOLDER = fileURLToPath(new URL('../../../test/fixtures/metrics/devlake-alpha/', import.meta.url));

function folder(): LoadedFolder {
  const loaded = loadDevLakeFolder(FOLDER);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.value;
}

const JANUARY = { from: at('2024-01-01 00:00'), to: at('2024-01-31 00:00') };
const keys = (options: Partial<FourKeysOptions> = {}, input: LoadedFolder = folder()) => {
  const all: FourKeysOptions = { range: JANUARY, report: 2023, median: 'lower', ...options };
  return assembleFourKeys(devLakeFacts(new DoraPipeline(input, 'alpha').metricTables(), 'alpha', all), all);
};

describe('the four keys over DevLake tables (golden)', () => {
  it('2023 report', () => {
    expect(keys()).toEqual({
      report: 2023,
      deploymentFrequency: {
        deployments: 3,
        deployDays: 3,
        medianDeployDaysPerWeek: 0,
        medianDeployDaysPerMonth: 3,
        medianDeployDaysPerSixMonths: null,
        level: 'medium',
      },
      leadTime: { changes: 3, medianMinutes: 1410, level: 'elite' },
      changeFailureRate: { deployments: 3, failedDeployments: 2, rate: 2 / 3, level: 'low' },
      recovery: { incidents: 2, medianMinutes: 210, level: 'high' },
    });
  });

  it('2021 report: other bands, and time to restore runs from incident creation to resolution', () => {
    const result = keys({ report: 2021 });
    expect(result.deploymentFrequency.level).toBe('high');
    expect(result.leadTime).toEqual({ changes: 3, medianMinutes: 1410, level: 'high' });
    expect(result.recovery).toEqual({ incidents: 2, medianMinutes: 150, level: 'high' });
  });

  it('the upper median convention takes the higher middle value of an even count', () => {
    expect(keys({ median: 'upper' }).recovery?.medianMinutes).toBe(2820);
    expect(keys({ median: 'interpolated', report: 2021 }).recovery?.medianMinutes).toBe((150 + 1440) / 2);
  });

  it('a range holds what finished (deployments) and what was resolved (incidents) in it', () => {
    const firstWeek = keys({ range: { from: at('2024-01-01 00:00'), to: at('2024-01-07 00:00') } });
    expect(firstWeek.deploymentFrequency).toMatchObject({ deployments: 2, deployDays: 2, medianDeployDaysPerWeek: 2 });
    expect(firstWeek.leadTime).toMatchObject({ changes: 2, medianMinutes: 420 });
    expect(firstWeek.changeFailureRate).toMatchObject({ deployments: 2, failedDeployments: 1, rate: 0.5 });
    expect(firstWeek.recovery).toMatchObject({ incidents: 1, medianMinutes: 210 });
  });

  it('without incident data, change failure rate and recovery are unknown, not zero', () => {
    const input = folder();
    const withoutIncidents = { ...input, tables: { ...input.tables, incidents: [] } };
    expect(keys({}, withoutIncidents)).toMatchObject({ changeFailureRate: null, recovery: null });
  });
});
