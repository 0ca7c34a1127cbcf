import type { FieldProblem } from '../shared/errors.ts';
import type { PulseQuestion } from '../policy/growth.schema.ts';
import { suppressGroups } from '../analytics/suppression.ts';

/** Why an answer sheet cannot be taken: a question left out, a key not asked, a value off its scale. */
export function pulseAnswerProblems(questions: readonly PulseQuestion[], answers: Readonly<Record<string, number>>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const q of questions) {
    const value = answers[q.key];
    if (value === undefined) problems.push({ path: `body.answers.${q.key}`, message: 'is not answered' });
    else if (!Number.isInteger(value) || value < q.scale.min || value > q.scale.max) {
      problems.push({ path: `body.answers.${q.key}`, message: `${value} is outside the scale (${q.scale.min} to ${q.scale.max})` });
    }
  }
  for (const key of Object.keys(answers)) {
    if (!questions.some((q) => q.key === key)) problems.push({ path: `body.answers.${key}`, message: 'is not a question of this pulse' });
  }
  return problems;
}

export interface TeamTally {
  teamId: number;
  respondents: number;
  tallies: readonly { questionKey: string; value: number; n: number }[];
}

export interface QuestionResult {
  key: string;
  answered: number;
  mean: number | null;
  /** How many chose each value of the scale, lowest first. */
  distribution: { value: number; n: number }[];
}

export interface PulseReport {
  teams: { teamId: number; respondents: number; questions: QuestionResult[] }[];
  /** Teams whose results are withheld, with no count: a count alone can say who answered. */
  suppressedTeamIds: number[];
  /** Every team together, shown once it reaches the minimum (what stays hidden is then itself at least a group). */
  total: { respondents: number; questions: QuestionResult[] } | null;
}

function summarise(questions: readonly PulseQuestion[], tallies: readonly TeamTally['tallies'][number][]): QuestionResult[] {
  return questions.map((q) => {
    const distribution = [];
    for (let value = q.scale.min; value <= q.scale.max; value++) {
      distribution.push({ value, n: tallies.filter((t) => t.questionKey === q.key && t.value === value).reduce((sum, t) => sum + t.n, 0) });
    }
    const answered = distribution.reduce((sum, d) => sum + d.n, 0);
    const mean = answered === 0 ? null : distribution.reduce((sum, d) => sum + d.value * d.n, 0) / answered;
    return { key: q.key, answered, mean, distribution };
  });
}

/**
 * A pulse's results for its whole set of teams. The suppression is decided once over every team
 * the pulse asked (never per reader or per filter): a team below the minimum is hidden, and
 * complementary suppression (src/analytics/suppression.ts) hides more until the hidden teams
 * number at least two and hold at least the minimum of respondents together. Every number the
 * API can show is then a visible team, or the total; subtracting any of them from any other
 * yields at most the hidden teams together, never one person.
 */
export function pulseReport(questions: readonly PulseQuestion[], teams: readonly TeamTally[], minGroup: number): PulseReport {
  // Teams nobody answered in say nothing about anyone; left out so they never count as the second hidden group.
  const answered = teams.filter((t) => t.respondents > 0);
  const { visible } = suppressGroups(answered.map((t) => ({ value: String(t.teamId), n: t.respondents })), minGroup);
  const shown = answered.filter((t) => visible.includes(String(t.teamId))).sort((a, b) => a.teamId - b.teamId);
  const respondents = answered.reduce((sum, t) => sum + t.respondents, 0);
  return {
    teams: shown.map((t) => ({ teamId: t.teamId, respondents: t.respondents, questions: summarise(questions, t.tallies) })),
    suppressedTeamIds: teams.filter((t) => !visible.includes(String(t.teamId))).map((t) => t.teamId).sort((a, b) => a - b),
    total: respondents >= minGroup ? { respondents, questions: summarise(questions, answered.flatMap((t) => t.tallies)) } : null,
  };
}
