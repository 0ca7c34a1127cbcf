import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import type { OvRating } from '../policy/olr.schema.ts';
import { OV_RATINGS } from '../policy/olr.schema.ts';
import { groupBy, groupDistribution, levelOutliers, managedGroups, managerShareFlags, type BoardPerson } from './board.rules.ts';
import { authorizeReadSession, isCalibrator, loadSession, runsSession } from './calibration.access.ts';
import { forteSummaryOf } from './ov-matrix.rules.ts';
import { eligibleCalibratorsFor, presentSession } from './sessions.service.ts';

export interface BoardFilters {
  level?: string;
  team?: string;
  managerId?: number;
}

/**
 * The calibration board: the roster with proposed and current ratings, evidence coverage, the
 * pre-meeting tally, outlier flags and the last three cycles, plus the distribution against
 * targets (whole session and per manager), the performance-by-potential grid and manager flags.
 * A calibrator never sees their own row. In a blind first pass names and managers are withheld
 * from every calibrator (the people running the session still see them). Filters narrow the
 * roster; the distribution and flags always describe the whole session, as the targets do.
 */
export async function calibrationBoard(db: Kysely<DB>, options: { actor: Actor; sessionId: number; filters?: BoardFilters }) {
  const session = await loadSession(db, options.sessionId);
  authorizeReadSession(options.actor, session);
  const blind = session.blind;
  const all = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('people as p', 'p.id', 'cr.person_id')
    .leftJoin('people as m', 'm.id', 'cr.manager_id')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .select([
      'cr.person_id',
      'cr.manager_id',
      'cr.proposed_performance',
      'cr.proposed_potential',
      'cr.proposed_ov',
      'cr.performance',
      'cr.potential',
      'cr.ov',
      'cr.forte_summary',
      'cr.evidence_dimensions',
      'cr.version',
      'p.name',
      'p.title',
      'p.level',
      't.name as team',
      'm.name as manager_name',
    ])
    .where('cr.session_id', '=', session.id)
    // In a blind pass an alphabetical roster would hint at who is who; the order is then a
    // hash of the session and the person, stable for the session but unrelated to names.
    .orderBy(blind ? sql`md5(${session.id}::text || ':' || cr.person_id::text)` : sql`p.name`)
    .execute();
  const people: BoardPerson[] = all.map((r) => ({ personId: r.person_id, managerId: r.manager_id, level: r.level, performance: r.performance, potential: r.potential, ov: r.ov }));
  const outliers = levelOutliers(people);
  const visible = all.filter(
    (r) =>
      r.person_id !== options.actor.personId &&
      (options.filters?.level === undefined || r.level === options.filters.level) &&
      (options.filters?.team === undefined || r.team === options.filters.team) &&
      (options.filters?.managerId === undefined || r.manager_id === options.filters.managerId),
  );

  const votes = groupBy(await db.selectFrom('calibration_votes').select(['person_id', 'account_id', 'vote']).where('session_id', '=', session.id).execute(), (v) => v.person_id);
  const history = await previousRatings(db, { sessionId: session.id, cycleId: session.cycle.id });
  const hideNames = blind;
  const tallyTotals = { agree: 0, questions: 0, abstain: 0, notVoted: 0 };
  const rows = visible.map((r) => {
    // The advocate's own vote (the person's manager) and a vote about oneself do not count.
    const eligible = new Set(eligibleCalibratorsFor(session, { personId: r.person_id, managerId: r.manager_id }));
    const mine = votes.get(r.person_id) ?? [];
    const tally = { agree: 0, questions: 0, abstain: 0 };
    for (const v of mine) if (eligible.has(v.account_id)) tally[v.vote]++;
    tallyTotals.agree += tally.agree;
    tallyTotals.questions += tally.questions;
    tallyTotals.abstain += tally.abstain;
    tallyTotals.notVoted += Math.max(0, eligible.size - (tally.agree + tally.questions + tally.abstain));
    const flags: string[] = [];
    const outlier = outliers.get(r.person_id);
    if (outlier) flags.push(outlier);
    if (r.ov !== r.proposed_ov) flags.push(OV_RATINGS.indexOf(r.ov) < OV_RATINGS.indexOf(r.proposed_ov) ? 'moved-up' : 'moved-down');
    if (tally.questions > 0) flags.push('has-questions');
    if (r.evidence_dimensions.length < session.olr.evidence.minimumDimensions && session.olr.evidence.enforcement !== 'off') flags.push('thin-evidence');
    return {
      person: { id: r.person_id, name: hideNames ? null : r.name, title: r.title, level: r.level, team: hideNames ? null : r.team },
      manager: hideNames || r.manager_id === null ? null : { id: r.manager_id, name: r.manager_name ?? '' },
      proposed: { performance: r.proposed_performance, potential: r.proposed_potential, ov: r.proposed_ov },
      current: { performance: r.performance, potential: r.potential, ov: r.ov, forteSummary: r.forte_summary },
      evidence: { covered: r.evidence_dimensions, met: r.evidence_dimensions.length >= session.olr.evidence.minimumDimensions },
      tally,
      myVote: mine.find((v) => v.account_id === options.actor.accountId)?.vote ?? null,
      flags,
      history: history.get(r.person_id) ?? [],
      version: r.version,
    };
  });

  const missing = await db
    .selectFrom('cycle_participants as cp')
    .innerJoin('people as p', 'p.id', 'cp.person_id')
    .select(['p.id', 'p.name'])
    .where('cp.cycle_id', '=', session.cycle.id)
    .where('p.path', 'like', `${session.root.path}%`)
    .where('p.status', '!=', 'terminated')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('calibrated_ratings as cr').select('cr.id').whereRef('cr.cycle_id', '=', 'cp.cycle_id').whereRef('cr.person_id', '=', 'cp.person_id'))))
    .orderBy('p.name')
    .execute();

  const managerNames = new Map(all.filter((r) => r.manager_id !== null).map((r) => [r.manager_id!, r.manager_name ?? '']));
  const byManager = [...managedGroups(people)].map(([managerId, reports]) => ({
    manager: { id: managerId, name: hideNames ? '' : (managerNames.get(managerId) ?? '') },
    distribution: groupDistribution(session.olr, reports.map((p) => p.ov)),
  }));
  const cells = groupBy(people, (p) => `${p.performance}:${p.potential}`);
  const grid = Object.entries(session.olr.ovMatrix).flatMap(([performance, row]) =>
    Object.entries(row).map(([potential, ov]) => ({ performance: Number(performance), potential: Number(potential), ov: ov as OvRating, count: cells.get(`${performance}:${potential}`)?.length ?? 0 })),
  );
  const level = (l: { value: number; label: string; description: string }) => ({ value: l.value, label: l.label, description: l.description });
  return {
    session: presentSession(session),
    viewer: { calibrates: isCalibrator(options.actor, session), runs: runsSession(options.actor, session) },
    scales: {
      performance: session.olr.scales.performance.levels.map((l) => ({ ...level(l), forteSummary: forteSummaryOf(session.olr, l.value) })),
      potential: session.olr.scales.potential.levels.map(level),
    },
    evidenceDimensions: { dimensions: session.olr.evidence.dimensions, minimum: session.olr.evidence.minimumDimensions },
    rows,
    missingProposals: hideNames ? missing.map((m) => ({ id: m.id, name: '' })) : missing,
    distribution: groupDistribution(session.olr, people.map((p) => p.ov)),
    byManager: hideNames ? [] : byManager,
    grid,
    tally: tallyTotals,
    managerFlags: hideNames ? [] : managerShareFlags(people).map((f) => ({ manager: { id: f.managerId, name: managerNames.get(f.managerId) ?? '' }, rating: f.rating, share: f.share, orgShare: f.orgShare, n: f.n })),
  };
}

/**
 * Each person of the session's ratings in their last three finalised cycles before this one,
 * newest first. Joined through the session rather than a list of ids: a board of 50,000 people
 * would otherwise bind 50,000 parameters, near PostgreSQL's limit of 65,535.
 */
export async function previousRatings(db: Kysely<DB>, options: { sessionId: number; cycleId: number }) {
  const result = new Map<number, { cycle: string; ov: OvRating; forteSummary: string }[]>();
  const rows = await db
    .selectFrom('calibrated_ratings as here')
    .innerJoin('calibrated_ratings as cr', 'cr.person_id', 'here.person_id')
    .innerJoin('calibration_sessions as s', 's.id', 'cr.session_id')
    .innerJoin('review_cycles as c', 'c.id', 'cr.cycle_id')
    .select(['cr.person_id', 'c.name', 'cr.ov', 'cr.forte_summary', 's.finalised_at'])
    .where('here.session_id', '=', options.sessionId)
    .where('cr.cycle_id', '!=', options.cycleId)
    .where('s.status', 'in', ['finalised', 'delivered'])
    .orderBy('s.finalised_at', 'desc')
    .execute();
  for (const r of rows) {
    const list = result.get(r.person_id) ?? [];
    if (list.length < 3) list.push({ cycle: r.name, ov: r.ov, forteSummary: r.forte_summary });
    result.set(r.person_id, list);
  }
  return result;
}
