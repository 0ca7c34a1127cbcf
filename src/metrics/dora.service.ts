import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DoraReportYear } from './dora/benchmarks.rules.ts';
import { deploymentFrequencyFromDays, type DayRange } from './dora/deployment-frequency.rules.ts';
import { assembleFromFrequency, type FourKeys } from './dora/four-keys.rules.ts';
import type { MedianConvention } from './dora/median.rules.ts';
import { loadStoredFacts } from './four-keys.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface FourKeysQuery {
  serviceIds: readonly number[];
  range: DayRange;
  report: DoraReportYear;
  median: MedianConvention;
}

/**
 * The four keys of a set of services (a team's) for a range: the stored facts through the same
 * pure rules `highbar dora` applies to DevLake's tables, so both give the same numbers.
 */
export async function computeFourKeys(db: Db, query: FourKeysQuery): Promise<FourKeys> {
  const facts = await loadStoredFacts(db, query);
  const options = { range: query.range, report: query.report, median: query.median };
  return assembleFromFrequency(deploymentFrequencyFromDays(facts.perDay, query.range, options), facts, options);
}
