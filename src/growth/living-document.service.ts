import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { LIVING_SECTIONS, type GrowthPolicy, type LivingSection } from '../policy/growth.schema.ts';
import type { ProposalEvidence } from '../shared/schemas/calibration.ts';
import { findSubject, requireSubject, type GrowthSubject, type Relation } from './growth.access.ts';
import { growthPolicy } from './growth-policy.ts';
import { evidencePacketFrom, peerThemesText, type LivingItem } from './living-document.rules.ts';
import { recencyCoverage } from './recency.rules.ts';
import { addDays, addMonths, today } from './dates.rules.ts';
import { evidenceSources } from './evidence-sources.ts';

/** Who reads: the view decides which sources appear (check-in notes are the pair's; log notes follow the log's rules). */
interface Reader {
  relation: Relation;
  /** The packet view: what calibrators may read, never the pair's private notes. */
  packet: boolean;
}

const LOG_SECTION: Record<string, LivingSection> = { win: 'shipped', decision: 'shipped', miss: 'growth', support: 'growth', feedback: 'growth' };
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Everything the system knows about a person's year, as living-document items, before exclusions. */
async function assembleItems(db: Kysely<DB>, subject: GrowthSubject, reader: Reader, policy: Policy, growth: GrowthPolicy, window: { from: string; to: string }): Promise<{ items: LivingItem[]; unavailable: string[] }> {
  const items: LivingItem[] = [];
  const base = { link: null, highlight: false, private: false, excluded: false, logNoteId: null };
  const [goals, notes, plans, manual, checkIns, peer] = await Promise.all([
    db.selectFrom('goals').selectAll().where('person_id', '=', subject.id).where('created_at', '<=', new Date(`${window.to}T23:59:59Z`)).where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', new Date(`${window.from}T00:00:00Z`))])).execute(),
    db
      .selectFrom('feedback_log')
      .select(['id', 'kind', 'occurred_on', 'body', 'author_id'])
      .where('person_id', '=', subject.id)
      .where('occurred_on', '>=', window.from)
      .where('occurred_on', '<=', window.to)
      .$if(reader.relation.self && !reader.relation.chain && !reader.relation.hr && !policy.forte.employeeReadsManagerLog, (q) => q.where('author_id', '=', subject.id))
      .execute(),
    db.selectFrom('development_plans').select(['id', 'skill', 'system_behaviour', 'measurable_outcome', 'quarter', 'created_at']).where('person_id', '=', subject.id).execute(),
    db.selectFrom('living_document_items').selectAll().where('person_id', '=', subject.id).where('occurred_on', '>=', window.from).where('occurred_on', '<=', window.to).execute(),
    !reader.packet && (reader.relation.self || reader.relation.manager || (growth.checkIns.hrReadsNotes && reader.relation.hr))
      ? db
          .selectFrom('check_ins')
          .select(['id', 'held_on', 'notes', 'manager_id'])
          .where('person_id', '=', subject.id)
          .where('held_on', '>=', window.from)
          .where('held_on', '<=', window.to)
          .$if(!reader.relation.self && !reader.relation.hr, (q) => q.where('manager_id', '=', subject.managerId ?? -1))
          .execute()
      : Promise.resolve([]),
    peerTags(db, subject.id, window, reader.relation.chain || reader.relation.hr || reader.packet),
  ]);
  for (const g of goals) {
    const result = g.outcome ? ` Outcome (${g.status}): ${g.outcome}` : ` (${g.status.replaceAll('_', ' ')})`;
    items.push({ ...base, key: `goal:${g.id}`, section: 'goals', source: 'goal', occurredOn: day(g.closed_at ?? g.created_at), text: `${g.quarter}: ${g.objective}${g.measurable_result ? `; measured by ${g.measurable_result}` : ''}.${result}` });
  }
  for (const n of notes) items.push({ ...base, key: `log:${n.id}`, section: LOG_SECTION[n.kind] ?? 'growth', source: 'log', occurredOn: n.occurred_on, text: n.body, logNoteId: n.id });
  for (const p of plans) {
    items.push({ ...base, key: `plan:${p.id}`, section: 'growth', source: 'plan', occurredOn: day(p.created_at), text: `Development plan for ${p.quarter}: build ${p.skill}; improve ${p.system_behaviour}; watch ${p.measurable_outcome}.` });
  }
  for (const m of manual) items.push({ ...base, key: `item:${m.id}`, section: m.section, source: 'manual', occurredOn: m.occurred_on, text: m.text, link: m.link, highlight: m.highlight });
  for (const c of checkIns) items.push({ ...base, key: `check-in:${c.id}`, section: 'growth', source: 'check-in', occurredOn: c.held_on, text: c.notes.length > 300 ? `${c.notes.slice(0, 299)}…` : c.notes, private: true });
  const themes = peerThemesText(peer.tags, peer.responses);
  if (themes && peer.latest) items.push({ ...base, key: 'peer:themes', section: 'peerThemes', source: 'peer-feedback', occurredOn: peer.latest, text: themes });

  const unavailable: string[] = [];
  const sources = evidenceSources();
  const person = { id: subject.id, email: (await db.selectFrom('people').select('email').where('id', '=', subject.id).executeTakeFirstOrThrow()).email };
  for (const [section, reader] of [['incidents', sources.incidentsHandled], ['slo', sources.sloContributions]] as const) {
    if (!reader) {
      unavailable.push(section);
      continue;
    }
    for (const e of await reader(db, person, window)) items.push({ ...base, key: `metrics:${e.key}`, section, source: 'metrics', occurredOn: e.occurredOn, text: e.text, link: e.link });
  }
  return { items, unavailable };
}

/**
 * Leadership Principle tags of submitted peer feedback in the window, counted (never quoted: a
 * phrase can betray its author). The person reads only themes of reviews already delivered to
 * them, so nothing here gets ahead of the cycle's release rules.
 */
async function peerTags(db: Kysely<DB>, personId: number, window: { from: string; to: string }, beforeDelivery: boolean) {
  const rows = await db
    .selectFrom('peer_feedback as f')
    .select(['f.lps_championed', 'f.lps_to_improve', 'f.submitted_at'])
    .where('f.subject_id', '=', personId)
    .where('f.status', '=', 'submitted')
    .where('f.submitted_at', '>=', new Date(`${window.from}T00:00:00Z`))
    .where('f.submitted_at', '<=', new Date(`${window.to}T23:59:59Z`))
    .$if(!beforeDelivery, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('calibrated_ratings as cr')
            .innerJoin('calibration_sessions as s', 's.id', 'cr.session_id')
            .select('cr.id')
            .whereRef('cr.cycle_id', '=', 'f.cycle_id')
            .where('cr.person_id', '=', personId)
            .where('s.status', '=', 'delivered'),
        ),
      ),
    )
    .execute();
  const tags = { championed: {} as Record<string, number>, toImprove: {} as Record<string, number> };
  let latest: string | null = null;
  for (const r of rows) {
    for (const lp of r.lps_championed) tags.championed[lp] = (tags.championed[lp] ?? 0) + 1;
    for (const lp of r.lps_to_improve) tags.toImprove[lp] = (tags.toImprove[lp] ?? 0) + 1;
    const on = day(r.submitted_at!);
    if (latest === null || on > latest) latest = on;
  }
  return { tags, responses: rows.length, latest };
}

async function applyExclusions(db: Kysely<DB>, personId: number, items: LivingItem[]): Promise<LivingItem[]> {
  const excluded = new Set((await db.selectFrom('living_document_exclusions').select('item_key').where('person_id', '=', personId).execute()).map((r) => r.item_key));
  return items.map((i) => ({ ...i, excluded: excluded.has(i.key) }));
}

function windowOf(growth: GrowthPolicy, now: Date, from?: string, to?: string) {
  const end = to ?? today(now);
  const start = from ?? addDays(addMonths(end, -growth.livingDocument.windowMonths), 1);
  if (start > end) throw new AppError('VALIDATION_FAILED', { detail: 'The window starts after it ends.', errors: [{ path: 'querystring.from', message: 'is after to' }] });
  return { from: start, to: end };
}

const readsDocument = (r: Relation) => r.self || r.chain || r.hr;
const writesDocument = (r: Relation) => r.self || r.chain;

/** The living document: sections assembled from the system plus what was added by hand, and how evenly the year is covered. */
export async function livingDocument(db: Kysely<DB>, options: { actor: Actor; personId: number; from?: string; to?: string; now: Date }) {
  const { growth, policy } = await growthPolicy(db);
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, readsDocument, 'living document');
  const window = windowOf(growth, options.now, options.from, options.to);
  const assembled = await assembleItems(db, subject, { relation, packet: false }, policy, growth, window);
  const items = (await applyExclusions(db, subject.id, assembled.items)).sort((a, b) => (a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : a.key < b.key ? -1 : 1));
  const counted = items.filter((i) => !i.excluded);
  return {
    person: { id: subject.id, name: subject.name },
    ...window,
    sections: LIVING_SECTIONS.map((key) => ({ key, items: items.filter((i) => i.section === key).map(({ logNoteId: _omit, ...rest }) => rest) })),
    recency: recencyCoverage(counted.map((i) => i.occurredOn), { ...window, thinMonthPercent: growth.livingDocument.thinMonthPercent, recencyHeavyPercent: growth.livingDocument.recencyHeavyPercent }),
    canEdit: writesDocument(relation),
    unavailable: assembled.unavailable,
  };
}

/**
 * The calibration evidence packet of a person, assembled from their living document over a
 * window: the default source of a rating proposal's evidence. For services (calibration),
 * which authorize their own reader; private check-in notes and excluded items never enter it.
 */
export async function assembleEvidencePacket(db: Kysely<DB>, options: { personId: number; from: string; to: string; policy?: Policy }): Promise<ProposalEvidence> {
  const { growth, policy } = options.policy?.growth ? { growth: options.policy.growth, policy: options.policy } : await growthPolicy(db);
  const subject = await findSubject(db, options.personId);
  if (!subject) throw new AppError('NOT_FOUND', { detail: `No person ${options.personId}.` });
  const window = { from: options.from, to: options.to };
  const assembled = await assembleItems(db, subject, { relation: { self: false, manager: false, chain: true, hr: false }, packet: true }, policy, growth, window);
  const items = await applyExclusions(db, subject.id, assembled.items);
  return evidencePacketFrom(items, { sectionDimensions: growth.livingDocument.sectionDimensions, dimensions: policy.olr?.evidence.dimensions.map((d) => d.key) ?? [] });
}

/** The packet as the person's chain and HR preview it before proposing a rating. */
export async function evidencePacket(db: Kysely<DB>, options: { actor: Actor; personId: number; from?: string; to?: string; now: Date }) {
  const { growth, policy } = await growthPolicy(db);
  const { subject } = await requireSubject(db, options.actor, options.personId, (r) => r.chain || r.hr, 'evidence packet');
  const window = windowOf(growth, options.now, options.from, options.to);
  return { person: { id: subject.id, name: subject.name }, ...window, evidence: await assembleEvidencePacket(db, { personId: subject.id, ...window, policy }) };
}

/** Adds a line by hand: shipped work, an incident, a multiplier story; the person or their chain. */
export async function addLivingItem(db: Kysely<DB>, options: { actor: Actor; personId: number; input: { section: LivingSection; occurredOn: string; text: string; link?: string; highlight?: boolean }; now: Date }) {
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, readsDocument, 'living document');
  if (!writesDocument(relation)) throw new AppError('FORBIDDEN', { detail: 'The living document is edited by the person and the people they report to.', extra: { rule: 'NOT_YOUR_REPORT' } });
  if (options.input.occurredOn > today(options.now)) {
    throw new AppError('GROWTH_RULE_VIOLATED', { detail: 'Evidence records something that happened: the date cannot be in the future.', errors: [{ path: 'body.occurredOn', message: 'is in the future' }], extra: { rule: 'EVIDENCE_IN_FUTURE' } });
  }
  const { id } = await db
    .insertInto('living_document_items')
    .values({ person_id: subject.id, section: options.input.section, occurred_on: options.input.occurredOn, text: options.input.text.trim(), link: options.input.link ?? null, highlight: options.input.highlight ?? false, created_by: options.actor.accountId, created_at: options.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, key: `item:${id}` };
}

/** Removes a line added by hand. */
export async function removeLivingItem(db: Kysely<DB>, options: { actor: Actor; itemId: number }) {
  const unsafeItem = await db.selectFrom('living_document_items').select(['id', 'person_id']).where('id', '=', options.itemId).executeTakeFirst();
  if (!unsafeItem) throw new AppError('NOT_FOUND', { detail: `No living-document item ${options.itemId}.` });
  const { relation } = await requireSubject(db, options.actor, unsafeItem.person_id, readsDocument, 'living document');
  if (!writesDocument(relation)) throw new AppError('FORBIDDEN', { detail: 'The living document is edited by the person and the people they report to.', extra: { rule: 'NOT_YOUR_REPORT' } });
  await db.deleteFrom('living_document_items').where('id', '=', unsafeItem.id).execute();
}

/** Leaves an assembled item out of the document (and so out of the packet), or brings it back. */
export async function setExclusion(db: Kysely<DB>, options: { actor: Actor; personId: number; key: string; excluded: boolean; now: Date }) {
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, readsDocument, 'living document');
  if (!writesDocument(relation)) throw new AppError('FORBIDDEN', { detail: 'The living document is edited by the person and the people they report to.', extra: { rule: 'NOT_YOUR_REPORT' } });
  if (!/^(goal|log|plan|item|check-in|metrics|peer):[\w.-]+$/u.test(options.key)) {
    throw new AppError('GROWTH_RULE_VIOLATED', { detail: `${options.key} is not an item key of a living document.`, errors: [{ path: 'body.key', message: 'is not an item key' }], extra: { rule: 'UNKNOWN_ITEM' } });
  }
  if (options.excluded) {
    await db.insertInto('living_document_exclusions').values({ person_id: subject.id, item_key: options.key, created_by: options.actor.accountId, created_at: options.now }).onConflict((oc) => oc.columns(['person_id', 'item_key']).doNothing()).execute();
  } else {
    await db.deleteFrom('living_document_exclusions').where('person_id', '=', subject.id).where('item_key', '=', options.key).execute();
  }
}
