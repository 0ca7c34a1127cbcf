import type { Policy } from '../policy/policy.schema.ts';
import { cycleQuestionsSchema, type CycleQuestions } from '../shared/schemas/cycles.ts';

export { cycleQuestionsSchema, type CycleQuestions };

/** Builds the launched questions from the policy, including who reads each answer and whether with a name. */
export function questionsFromPolicy(policy: Policy): CycleQuestions {
  const { peers, release, hrReadsPeerAuthors } = policy.forte;
  const recipientNote =
    release.minimumResponses > 0 ? ` once at least ${release.minimumResponses} responses have arrived` : '';
  const when = release.when === 'at-delivery' ? ' when reviews are delivered' : '';
  return {
    leadershipPrinciples: policy.leadershipPrinciples,
    peer: {
      wordLimit: peers.wordLimit,
      maxLpChampioned: peers.maxLpChampioned,
      maxLpToImprove: peers.maxLpToImprove,
      recommendedMinimum: peers.recommendedMinimum,
      cap: peers.cap,
      questions: [
        { key: 'superpowers', label: 'Superpowers', help: `What does this person do exceptionally well? Give an observable example. At most ${peers.wordLimit} words.` },
        { key: 'improvements', label: 'Areas of improvement', help: `What would make them more effective? Describe behaviour and its effect. At most ${peers.wordLimit} words.` },
      ],
      readers: [
        { who: `the person you write about, without your name${recipientNote}${when}`, attributed: false },
        { who: 'their manager and everyone above them, with your name', attributed: true },
        { who: hrReadsPeerAuthors ? 'HR partners for their organisation, with your name' : 'HR partners for their organisation, without your name', attributed: hrReadsPeerAuthors },
      ],
    },
    self: {
      prompt: 'What did you deliver this year, and which Leadership Principles did you champion? Give an example for each.',
      readers: [
        { who: 'your manager and everyone above you', attributed: true },
        { who: 'HR partners for your organisation', attributed: true },
      ],
    },
    manager: {
      readers: [
        { who: 'the person, at delivery', attributed: true },
        { who: 'the management chain and calibration (OLR)', attributed: true },
      ],
    },
  };
}
