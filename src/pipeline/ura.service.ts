import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { loadCycle } from '../cycles/cycle-loader.ts';
import { activePolicy } from '../policy/policy.service.ts';
import { choosePolicyForCase } from './case-policy.ts';
import { hrSubtrees, logPipelineRead } from './pipeline.access.ts';
import { uraYear } from './ura.rules.ts';
import { hireToFire } from './hire-to-fire.rules.ts';

/** Sets an organisation's URA target for a year, overriding the policy's (HR in scope). */
export async function setUraTarget(db: Kysely<DB>, options: { actor: Actor; input: { rootPersonId: number; year: number; targetPercent: number }; now: Date; requestId?: string }) {
  const { input } = options;
  const [root] = await hrSubtrees(db, options.actor, input.rootPersonId);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ura_targets')
      .values({ root_person_id: root!.id, year: input.year, target_percent: input.targetPercent, set_by: options.actor.accountId, set_at: options.now })
      .onConflict((oc) => oc.columns(['root_person_id', 'year']).doUpdateSet({ target_percent: input.targetPercent, set_by: options.actor.accountId, set_at: options.now }))
      .execute();
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'ura.target_set', subjectType: 'person', subjectId: root!.id, requestId: options.requestId, details: { ...input }, at: options.now });
  });
  return { rootPersonId: root!.id, year: input.year, targetPercent: input.targetPercent };
}

/**
 * URA against target, by organisation and quarter. Organisations are the subtree asked for (or
 * the reader's HR roots) and each of its managers' organisations one level down. The target is
 * the organisation's own for the year, else the active policy's.
 */
export async function uraDashboard(db: Kysely<DB>, options: { actor: Actor; rootPersonId?: number; year: number; now: Date; requestId?: string }) {
  const roots = await hrSubtrees(db, options.actor, options.rootPersonId);
  const policy = (await activePolicy(db)).policy.pipeline;
  if (!policy) throw new AppError('CONFLICT', { detail: 'The active policy has no pipeline rules, so no URA target.', extra: { rule: 'POLICY_HAS_NO_PIPELINE' } });
  const children = roots.length
    ? await db
        .selectFrom('people as p')
        .select(['p.id', 'p.name', 'p.path'])
        .where('p.manager_id', 'in', roots.map((r) => r.id))
        .where((eb) => eb.exists(eb.selectFrom('people as r').select('r.id').whereRef('r.manager_id', '=', 'p.id')))
        .orderBy('p.name')
        .execute()
    : [];
  const organisations = [...roots, ...children];
  const targets = organisations.length ? await db.selectFrom('ura_targets').select(['root_person_id', 'target_percent']).where('year', '=', options.year).where('root_person_id', 'in', organisations.map((o) => o.id)).execute() : [];
  await logPipelineRead(db, { actor: options.actor, resource: 'ura-dashboard', subjects: [{ personId: null, caseId: null }], requestId: options.requestId, now: options.now });
  const result = [];
  for (const org of organisations) {
    const people = await db.selectFrom('people').select(['id', 'hire_date']).where('path', 'like', `${org.path}%`).execute();
    const exits = await db
      .selectFrom('exits as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .select(['e.person_id', 'e.exit_date', 'e.kind', 'e.regretted'])
      .where('p.path', 'like', `${org.path}%`)
      .where('e.exit_date', '<', `${options.year + 1}-01-01`)
      .execute();
    const own = targets.find((t) => t.root_person_id === org.id);
    const targetPercent = own ? Number(own.target_percent) : policy.ura.targetPercent;
    const year = uraYear({
      year: options.year,
      people: people.map((p) => ({ personId: p.id, hireDate: p.hire_date })),
      exits: exits.map((e) => ({ personId: e.person_id, exitDate: e.exit_date, kind: e.kind, regretted: e.regretted })),
      targetPercent,
    });
    result.push({ organisation: { id: org.id, name: org.name }, targetPercent, targetSource: own ? ('organisation' as const) : ('policy' as const), ...year });
  }
  return { year: options.year, organisations: result };
}

/** The hire-to-fire signal for a cycle's finalised ratings in an organisation (HR in scope). */
export async function hireToFireSignal(db: Kysely<DB>, options: { actor: Actor; cycleId: number; rootPersonId?: number; now: Date; requestId?: string }) {
  const cycle = await loadCycle(db, options.cycleId);
  const [root] = await hrSubtrees(db, options.actor, options.rootPersonId ?? cycle.rootPersonId);
  const policy = await choosePolicyForCase(db, { policyId: cycle.policyId, key: cycle.policyKey });
  const rows = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('calibration_sessions as s', 's.id', 'cr.session_id')
    .innerJoin('people as p', 'p.id', 'cr.person_id')
    .select(['p.hire_date', 'cr.ov'])
    .where('cr.cycle_id', '=', cycle.id)
    .where('s.status', '!=', 'open')
    .where('p.path', 'like', `${root!.path}%`)
    .execute();
  await logPipelineRead(db, { actor: options.actor, resource: 'hire-to-fire', subjects: [{ personId: null, caseId: null }], requestId: options.requestId, now: options.now });
  const asOf = (cycle.launchedAt ?? options.now).toISOString().slice(0, 10);
  const identifying = new Set<string>(policy.pipeline.identification.ratings);
  const signal = hireToFire({ rated: rows.map((r) => ({ hireDate: r.hire_date, le: identifying.has(r.ov) })), asOf, windowMonths: policy.pipeline.hireToFire.windowMonths, alpha: policy.pipeline.hireToFire.alpha });
  return { cycleId: cycle.id, windowMonths: policy.pipeline.hireToFire.windowMonths, ...signal };
}
