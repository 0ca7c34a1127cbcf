const DAY_MS = 86_400_000;

/**
 * The scheduled coaching check-ins of a plan: every `everyDays` from its start, up to its end
 * (YYYY-MM-DD). A check-in counts as done when one was recorded on or after its date and before
 * the next one's.
 */
export function checkInSchedule(plan: { startsAt: string; endsAt: string; everyDays: number | null }, recorded: readonly string[]): { on: string; done: boolean }[] {
  if (!plan.everyDays) return [];
  const start = Date.parse(plan.startsAt);
  const end = Date.parse(plan.endsAt);
  const slots: number[] = [];
  for (let t = start + plan.everyDays * DAY_MS; t <= end; t += plan.everyDays * DAY_MS) slots.push(t);
  const times = recorded.map((r) => Date.parse(r));
  return slots.map((slot, i) => {
    const next = slots[i + 1] ?? Number.POSITIVE_INFINITY;
    // The first slot also counts check-ins made since the start: early is better than late.
    const from = i === 0 ? start : slot;
    return { on: new Date(slot).toISOString().slice(0, 10), done: times.some((t) => t >= from && t < next) };
  });
}
