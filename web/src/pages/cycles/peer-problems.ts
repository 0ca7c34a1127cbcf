import type { Problem } from '../../api/client.ts';

/**
 * A refused peer request names reviewers by position and id ("reviewerIds.0 person 41 is not
 * taking part in this cycle"); people read names. `asked` is the list in the order it was sent.
 */
export function nameReviewers(problem: Problem, asked: { id: number; name: string }[]): Problem {
  const byId = new Map(asked.map((p) => [p.id, p.name]));
  const rename = (text: string) =>
    text
      .replace(/(?:body\.)?reviewerIds\.(\d+)\s+person (\d+)/gu, (_, _i: string, id: string) => byId.get(Number(id)) ?? `person ${id}`)
      .replace(/person (\d+)/gu, (whole, id: string) => byId.get(Number(id)) ?? whole);
  const errors = problem.errors?.map((e) => {
    const index = /reviewerIds\.(\d+)$/u.exec(e.path)?.[1];
    const who = index === undefined ? undefined : asked[Number(index)]?.name;
    return who ? { path: who, message: rename(e.message).replace(who, '').trim() } : { ...e, message: rename(e.message) };
  });
  return { ...problem, detail: rename(problem.detail), ...(errors ? { errors } : {}) };
}
