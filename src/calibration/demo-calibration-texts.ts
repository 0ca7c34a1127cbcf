import type { ProposalEvidence } from '../shared/schemas/calibration.ts';
import { SLOTS, type Rng } from '../cycles/demo-cycle.ts';
import { findWordingConcerns } from '../cycles/wording.rules.ts';

/**
 * The words of the demo's rating proposals: a justification that matches the rating, evidence
 * per dimension, impact examples, peer-feedback themes, metrics as context and multiplier
 * impact, all about observable work. Every text passes the policy's wording check as it is made.
 */
export class ProposalTexts {
  constructor(
    private readonly rng: Rng,
    private readonly terms: { term: string; why: string }[],
  ) {}

  justification(performance: number, potential: number): string {
    const band = performance >= 6 ? TOP : performance === 5 ? EXCEEDS : performance === 4 ? MEETS : performance === 3 ? MOST : BELOW;
    const outlook = potential >= 3 ? this.rng.pick(READY) : this.rng.pick(GROWING);
    return this.checked(`${this.fill(this.rng.pick(band))} ${this.fill(outlook)}`);
  }

  /**
   * Evidence in `dimensions` (keys of the policy's evidence dimensions), one or two items each,
   * with the rest of the packet. `logNoteIds` are dated notes the manager cites.
   */
  evidence(dimensions: readonly string[], logNoteIds: number[]): ProposalEvidence {
    const byDimension = Object.fromEntries(dimensions.map((key) => [key, this.several(EVIDENCE[key] ?? [], this.rng.int(1, 2))]));
    return {
      byDimension,
      impactExamples: this.several(IMPACT, this.rng.int(2, 3)),
      peerFeedbackThemes: this.checked(this.rng.pick(THEMES)),
      logNoteIds,
      systemMetrics: this.several(METRICS, this.rng.int(1, 2)),
      multiplierImpact: this.rng.chance(0.8) ? this.checked(this.fill(this.rng.pick(MULTIPLIER))) : '',
    };
  }

  checked(text: string): string {
    const concerns = findWordingConcerns(text, this.terms);
    if (concerns.length) throw new Error(`Demo proposal text uses "${concerns[0]!.match}": ${text}`);
    return text;
  }

  private several(pool: readonly string[], n: number): string[] {
    return this.rng
      .shuffle([...pool])
      .slice(0, n)
      .map((t) => this.checked(this.fill(t)));
  }

  private fill(template: string): string {
    return template.replace(/\{(\w+)\}/gu, (_, slot: string) => {
      const values = SLOTS[slot];
      if (!values) throw new Error(`No demo slot ${slot}`);
      return this.rng.pick(values);
    });
  }
}

const TOP = [
  'Worked at the next level’s scope this half: led {project} across three teams and it shipped on the date agreed in March.',
  'Owned {system} end to end and set the technical direction for {project}, which two other teams now build on.',
];
const EXCEEDS = [
  'Went beyond the level on {project}: the migration of {system} to {target} finished a month early with no customer-visible incident.',
  'Delivered {project} and, unasked, cut p99 latency on {system} from {slow} ms to {fast} ms.',
  'Took over {project} when its lead moved teams and landed it with the original scope.',
];
const MEETS = [
  'Met the expectations of the level: delivered the planned parts of {project} and kept {system} within its SLOs.',
  'Reliable delivery on {system} all half; design reviews and on-call were handled at the level expected.',
  'Shipped the committed work on {project}; scope stayed within the team, as expected at this level.',
];
const MOST = [
  'Met most expectations: {project} landed, but the {system} work slipped twice and needed help to finish.',
  'Delivered the smaller items on {system}; the larger design for {project} stalled and was handed over.',
];
const BELOW = [
  'Missed the main commitments on {project} after the support agreed in the spring; the {system} work needed substantial help to land.',
];
const READY = ['Ready for more scope: already acts on feedback within a week and proposes work beyond the team.', 'Takes initiative across team lines; next step is a cross-team design of their own.'];
const GROWING = ['Acts on feedback when it is given; initiative beyond the current scope is the next thing to grow.', 'Growing: took the feedback on {project} and changed how they plan; scope is still within the team.'];

const EVIDENCE: Record<string, readonly string[]> = {
  delivery: [
    'Shipped {project} on the agreed date; {items} of {items} milestones met.',
    'Moved {system} to {target} in small steps with a rehearsed rollback.',
    'Closed the {month} escalation from {customer} with a patched release in {items} days.',
    'Cut the build time of {system} from {minutes} to {calm} minutes.',
  ],
  collaboration: [
    'Mentored {few} newer engineers through their first on-call shifts.',
    'Ran the design review for {project} with four consuming teams and recorded the decision.',
    'Reviewed {files} pull requests for the team with specific, actionable comments.',
    'Paired with the data team to unblock the {month} release of {project}.',
  ],
  systemImpact: [
    'Pages on {system} went from {pages} a week to {calm} after the alarm clean-up.',
    'Wrote the runbook for {system} that on-call now uses for every incident.',
    'Removed a cron script in {system} in favour of a queue worker with tests.',
    'Resized idle capacity behind {system}, saving about {saving}k a month.',
  ],
};
const IMPACT = [
  'Led the {month} incident on {system} from the first page to the last action item.',
  'The design doc for {project} compared three options with costs, so the review ended with a decision.',
  'Added contract tests between {system} and {system} that caught two breaking changes before release.',
  'Shipped the first slice of {project} to {customer}, who renewed the following month.',
  'Profiled {system} and removed the lock contention behind the {month} latency spike.',
];
const THEMES = [
  'Peers mention calm incident handling and clear written updates; several ask for design drafts earlier.',
  'Peers value quick, specific code reviews; two ask for more context in pull request descriptions.',
  'Peers describe dependable delivery and good on-call handovers; a few want more say in planning.',
  'Peers mention mentoring and patient pairing; some ask for firmer decisions in design reviews.',
  'Peers describe strong debugging and follow-through on action items; two ask for earlier status updates.',
];
const METRICS = [
  'Deployment frequency of {system}: {items} a week over the half (team figure, context only).',
  'Change failure rate of {system}: down from 12% to {calm}% (team figure).',
  'p99 latency of {system}: {slow} ms to {fast} ms after the profiling work.',
  'Pages on {system}: {pages} a week in January, {calm} in June.',
];
const MULTIPLIER = [
  'Introduced the incident review template the whole area now uses.',
  'Started the weekly design clinic; three teams bring drafts to it.',
  'Wrote the onboarding guide for {system}; new joiners ship in their first week.',
  'Set up contract testing that other teams copied for {project}.',
];
