import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface RaisedConcern {
  source: 'check-in' | 'log';
  id: number;
  on: string;
}

const asDay = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/**
 * Dated records that a concern was raised with the person between two days, inclusive: check-ins
 * the manager marked as raising a concern, and continuous-log notes of the kinds calibration's
 * "no surprises" rule already accepts (a miss, feedback given, support given). Calibration can
 * call this instead of reading the log alone, so a concern discussed in a check-in counts too.
 * Returns no note text: the caller needs the fact and the date, not the pair's private words.
 */
export async function concernsRaisedBetween(db: Kysely<DB> | Transaction<DB>, personId: number, from: Date | string, to: Date | string): Promise<RaisedConcern[]> {
  const [start, end] = [asDay(from), asDay(to)];
  const [checkIns, notes] = await Promise.all([
    db.selectFrom('check_ins').select(['id', 'held_on']).where('person_id', '=', personId).where('concern', '=', true).where('held_on', '>=', start).where('held_on', '<=', end).execute(),
    db.selectFrom('feedback_log').select(['id', 'occurred_on']).where('person_id', '=', personId).where('kind', 'in', ['miss', 'feedback', 'support']).where('occurred_on', '>=', start).where('occurred_on', '<=', end).execute(),
  ]);
  return [...checkIns.map((c) => ({ source: 'check-in' as const, id: c.id, on: c.held_on })), ...notes.map((n) => ({ source: 'log' as const, id: n.id, on: n.occurred_on }))].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id));
}
