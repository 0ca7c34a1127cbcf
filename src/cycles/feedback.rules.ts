import { countWords } from '../shared/words.ts';
import type { Policy } from '../policy/policy.schema.ts';

export interface Problem {
  path: string;
  message: string;
  /** The stable rule name, so a client can react without matching messages. */
  rule: string;
}

export interface PeerAnswers {
  superpowers: string;
  improvements: string;
  lpsChampioned: string[];
  lpsToImprove: string[];
}

function principleProblems(field: string, chosen: string[], max: number, principles: string[]): Problem[] {
  const problems: Problem[] = [];
  if (chosen.length > max) {
    problems.push({ path: field, rule: 'TOO_MANY_PRINCIPLES', message: `choose at most ${max} Leadership Principles (${chosen.length} chosen)` });
  }
  const unknown = chosen.filter((lp) => !principles.includes(lp));
  for (const lp of unknown) problems.push({ path: field, rule: 'UNKNOWN_PRINCIPLE', message: `${JSON.stringify(lp)} is not a Leadership Principle of this cycle's policy` });
  if (new Set(chosen).size !== chosen.length) problems.push({ path: field, rule: 'DUPLICATE_PRINCIPLE', message: 'a principle is chosen twice' });
  return problems;
}

function wordLimitProblems(field: string, text: string, limit: number): Problem[] {
  const words = countWords(text);
  return words > limit ? [{ path: field, rule: 'TOO_MANY_WORDS', message: `has ${words} words; the limit is ${limit}` }] : [];
}

/**
 * Checks a peer's answers against the cycle's policy. Drafts may be incomplete but never over
 * the limits; a submission must also answer both questions.
 */
export function peerAnswerProblems(answers: PeerAnswers, policy: Policy, mode: 'draft' | 'submit'): Problem[] {
  const { peers } = policy.forte;
  const problems = [
    ...wordLimitProblems('superpowers', answers.superpowers, peers.wordLimit),
    ...wordLimitProblems('improvements', answers.improvements, peers.wordLimit),
    ...principleProblems('lpsChampioned', answers.lpsChampioned, peers.maxLpChampioned, policy.leadershipPrinciples),
    ...principleProblems('lpsToImprove', answers.lpsToImprove, peers.maxLpToImprove, policy.leadershipPrinciples),
  ];
  if (mode === 'submit') {
    if (!answers.superpowers.trim()) problems.push({ path: 'superpowers', rule: 'ANSWER_REQUIRED', message: 'is required to submit' });
    if (!answers.improvements.trim()) problems.push({ path: 'improvements', rule: 'ANSWER_REQUIRED', message: 'is required to submit' });
  }
  return problems;
}

export interface SelfReviewAnswers {
  body: string;
  principles: { principle: string; example: string }[];
}

/** A self review is free text anchored on the principles championed, each with an example. */
export function selfReviewProblems(answers: SelfReviewAnswers, policy: Policy, mode: 'draft' | 'submit'): Problem[] {
  const problems = principleProblems(
    'principles',
    answers.principles.map((p) => p.principle),
    policy.leadershipPrinciples.length,
    policy.leadershipPrinciples,
  );
  if (mode === 'submit') {
    if (!answers.body.trim()) problems.push({ path: 'body', rule: 'ANSWER_REQUIRED', message: 'is required to submit' });
    if (answers.principles.length === 0) {
      problems.push({ path: 'principles', rule: 'ANSWER_REQUIRED', message: 'name at least one Leadership Principle you championed' });
    }
    answers.principles.forEach((p, i) => {
      if (!p.example.trim()) problems.push({ path: `principles.${i}.example`, rule: 'ANSWER_REQUIRED', message: `give an example for ${p.principle}` });
    });
  }
  return problems;
}

/** Peer requests for one subject: never oneself, never twice, never beyond the policy's cap. */
export function peerRequestProblems(input: {
  subjectId: number;
  reviewerIds: number[];
  activeRequestCount: number;
  alreadyRequested: ReadonlySet<number>;
  participants: ReadonlySet<number>;
  cap: number;
}): Problem[] {
  const problems: Problem[] = [];
  input.reviewerIds.forEach((id, i) => {
    if (id === input.subjectId) problems.push({ path: `reviewerIds.${i}`, rule: 'FEEDBACK_ABOUT_ONESELF', message: 'you cannot give peer feedback about yourself' });
    else if (input.alreadyRequested.has(id)) problems.push({ path: `reviewerIds.${i}`, rule: 'ALREADY_REQUESTED', message: `person ${id} is already asked` });
    else if (!input.participants.has(id)) problems.push({ path: `reviewerIds.${i}`, rule: 'NOT_AVAILABLE', message: `person ${id} is not taking part in this cycle` });
  });
  if (new Set(input.reviewerIds).size !== input.reviewerIds.length) {
    problems.push({ path: 'reviewerIds', rule: 'DUPLICATE_REVIEWER', message: 'a person is listed twice' });
  }
  const total = input.activeRequestCount + new Set(input.reviewerIds).size;
  if (total > input.cap) {
    problems.push({ path: 'reviewerIds', rule: 'PEER_CAP_EXCEEDED', message: `this would make ${total} requests; the policy allows at most ${input.cap}` });
  }
  return problems;
}

/** LP tags counted across responses, most frequent first, for aggregated display. */
export function aggregatePrinciples(responses: string[][]): { principle: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const tags of responses) for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([principle, count]) => ({ principle, count })).sort((a, b) => b.count - a.count || a.principle.localeCompare(b.principle));
}

/** Whether a recipient may read peer feedback yet, under the cycle's release rule. */
export function releaseDecision(input: {
  policy: Policy;
  phase: string;
  submittedCount: number;
}): { released: true } | { released: false; reason: string } {
  const { release } = input.policy.forte;
  if (release.when === 'at-delivery' && input.phase !== 'delivery' && input.phase !== 'closed') {
    return { released: false, reason: 'Peer feedback is shared with you when reviews are delivered.' };
  }
  if (input.submittedCount < release.minimumResponses) {
    return {
      released: false,
      reason: `Peer feedback is shown once at least ${release.minimumResponses} responses have arrived, so that no single author can be recognised.`,
    };
  }
  return { released: true };
}
