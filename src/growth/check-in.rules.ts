import type { CheckInCadence } from '../policy/growth.schema.ts';
import { addDays, addMonths, daysBetween } from './dates.rules.ts';

export const CADENCE_MONTHS: Record<CheckInCadence, number> = { monthly: 1, quarterly: 3 };

export interface CheckInDue {
  dueOn: string;
  /** Past the due date and the grace days: shown on the manager's page and reminded. */
  overdue: boolean;
  daysOverdue: number;
}

/**
 * When a pair's next check-in falls due: a cadence after the last one, or a cadence after the
 * pair began (the report's start) when there has been none. Overdue only after the policy's
 * grace days, so a check-in moved by a week for a holiday does not nag anyone.
 */
export function checkInDue(options: { lastHeldOn: string | null; lastCadence: CheckInCadence | null; since: string; defaultCadence: CheckInCadence; graceDays: number; today: string }): CheckInDue {
  const cadence = options.lastCadence ?? options.defaultCadence;
  const dueOn = addMonths(options.lastHeldOn ?? options.since, CADENCE_MONTHS[cadence]);
  const late = daysBetween(addDays(dueOn, options.graceDays), options.today);
  return { dueOn, overdue: late > 0, daysOverdue: late > 0 ? daysBetween(dueOn, options.today) : 0 };
}

export type AgendaKind = 'goal' | 'note' | 'plan' | 'theme';

export interface AgendaItem {
  kind: AgendaKind;
  /** What the item points at ('goal:12', 'log:40', 'plan:3'), so notes can say what was covered. */
  ref: string;
  text: string;
}

/**
 * The generated agenda of a check-in: the report's open goals first (what they are working on),
 * then the development plan being followed up, then log notes since the last check-in (what
 * happened), then growth themes from the living document. Each list is capped so an agenda
 * stays something two people get through in half an hour.
 */
export function buildAgenda(input: {
  goals: { id: number; objective: string; status: string; quarter: string }[];
  plans: { id: number; skill: string; systemBehaviour: string; measurableOutcome: string }[];
  notes: { id: number; kind: string; occurredOn: string; body: string }[];
  themes: { key: string; text: string }[];
  limits?: { goals: number; notes: number; themes: number };
}): AgendaItem[] {
  const limits = input.limits ?? { goals: 8, notes: 8, themes: 5 };
  const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);
  return [
    ...input.goals.slice(0, limits.goals).map((g) => ({ kind: 'goal' as const, ref: `goal:${g.id}`, text: clip(`${g.objective} (${g.quarter}, ${g.status.replaceAll('_', ' ')})`) })),
    ...input.plans.flatMap((p) => [
      { kind: 'plan' as const, ref: `plan:${p.id}:skill`, text: clip(`Skill to build: ${p.skill}`) },
      { kind: 'plan' as const, ref: `plan:${p.id}:behaviour`, text: clip(`System behaviour to improve: ${p.systemBehaviour}`) },
      { kind: 'plan' as const, ref: `plan:${p.id}:outcome`, text: clip(`Outcome to watch: ${p.measurableOutcome}`) },
    ]),
    ...[...input.notes]
      .sort((a, b) => (a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : b.id - a.id))
      .slice(0, limits.notes)
      .map((n) => ({ kind: 'note' as const, ref: `log:${n.id}`, text: clip(`${n.occurredOn} ${n.kind}: ${n.body}`) })),
    ...input.themes.slice(0, limits.themes).map((t) => ({ kind: 'theme' as const, ref: t.key, text: clip(t.text) })),
  ];
}
