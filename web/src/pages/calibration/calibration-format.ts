import type { CyclePhase } from '../../api/cycles.ts';
import type { Distribution, Ov, TargetCheck } from '../../api/calibration.ts';

/** The internal ratings, highest first. */
export const OV_ORDER: readonly Ov[] = ['TT', 'HV3', 'HV2', 'HV1', 'LE'];

export const OV_NAMES: Record<Ov, string> = { TT: 'Top Tier', HV3: 'High Value 3', HV2: 'High Value 2', HV1: 'High Value 1', LE: 'Least Effective' };

/** Phases in which managers propose ratings; mirrors the server's window (the server decides). */
export const PROPOSE_PHASES: readonly CyclePhase[] = ['peer_feedback', 'manager_review', 'calibration'];

const people = (k: number) => `${k} ${k === 1 ? 'person' : 'people'}`;

/** "LE: 0 people, at least 1 required (1 under)", worded as the server words its refusals. */
export function describeViolation(v: Pick<TargetCheck, 'rating' | 'count' | 'allowedMin' | 'allowedMax'>): string {
  return v.count > v.allowedMax
    ? `${v.rating}: ${people(v.count)}, at most ${v.allowedMax} allowed (${v.count - v.allowedMax} over)`
    : `${v.rating}: ${people(v.count)}, at least ${v.allowedMin} required (${v.allowedMin - v.count} under)`;
}

/** A target's allowed range as people: "4-5", "exactly 1", "up to 2". */
export function allowedRange(t: Pick<TargetCheck, 'allowedMin' | 'allowedMax' | 'applies'>, size: number): string {
  if (!t.applies) return 'not yet (group too small)';
  if (t.allowedMin === t.allowedMax) return `exactly ${t.allowedMin}`;
  if (t.allowedMin === 0) return t.allowedMax >= size ? 'any' : `up to ${t.allowedMax}`;
  return `${t.allowedMin}–${t.allowedMax}`;
}

/** How one target stands, in words: "OK", "2 over", "1 under". */
export function targetStatus(t: Pick<TargetCheck, 'count' | 'allowedMin' | 'allowedMax' | 'ok'>): string {
  if (t.ok) return 'Within target';
  return t.count > t.allowedMax ? `${t.count - t.allowedMax} over` : `${t.allowedMin - t.count} under`;
}

/** A share as a whole percent ("27%"); an empty group has none. */
export function percent(count: number, size: number): string {
  return size === 0 ? '—' : `${Math.round((count / size) * 100)}%`;
}

/**
 * A distribution with one person moved from one rating to another. Allowed ranges depend only on
 * the group's size, which a move keeps, so the recount is exact without asking the server.
 */
export function moveInDistribution(d: Distribution, from: Ov, to: Ov): Distribution {
  if (from === to) return d;
  const counts = { ...d.counts, [from]: (d.counts[from] ?? 0) - 1, [to]: (d.counts[to] ?? 0) + 1 } as Distribution['counts'];
  const targets = d.targets.map((t) => {
    const count = counts[t.rating] ?? 0;
    return { ...t, count, ok: t.allowedMin <= count && count <= t.allowedMax };
  });
  return { ...d, counts, targets, violations: targets.filter((t) => !t.ok) };
}

const FLAG_LABELS: Record<string, string> = {
  'far-above-level-peers': 'Far above level peers',
  'far-below-level-peers': 'Far below level peers',
  'moved-up': 'Moved up',
  'moved-down': 'Moved down',
  'has-questions': 'Has questions',
  'thin-evidence': 'Thin evidence',
};

export function flagLabel(flag: string): string {
  return FLAG_LABELS[flag] ?? flag.replaceAll('-', ' ');
}

/** Text with one item per line as a list of items (evidence, impact examples, metrics). */
export function linesToItems(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function itemsToLines(items: readonly string[]): string {
  return items.join('\n');
}

const WHEN = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** An instant as "4 Mar 2026, 09:30 UTC": changes on one day need their time. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${WHEN.format(date)} UTC`;
}
