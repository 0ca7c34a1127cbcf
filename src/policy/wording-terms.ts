/**
 * Personality-based and gendered words that studies of performance reviews find far more often
 * in reviews of women than of men. The feedback wording check (src/cycles/wording.rules.ts)
 * points them out and asks for an observable example instead; it never blocks. Editable per
 * policy.
 *
 * Sources:
 * - Kieran Snyder, "The abrasiveness trap" (Fortune, 2014): 248 reviews from 28 tech companies;
 *   critical reviews of women carried personality criticism far more often than men's (71 of 94
 *   against 2 of 83). "Bossy, abrasive, strident, aggressive" described women who lead,
 *   "emotional, irrational" women who object; "abrasive" alone appeared 17 times, about 13
 *   women, and never about a man.
 * - Shelley Correll and Caroline Simard, "Vague feedback is holding women back" (HBR, 2016):
 *   women's reviews are vaguer and less tied to business outcomes, credit their accomplishments
 *   to teamwork rather than leadership, and call them "too aggressive" about three times as often
 *   as men's.
 * - David G. Smith et al., "The power of language" (Sex Roles, 2019), about 81,000 peer
 *   evaluations of 4,344 US Naval Academy students: women received more negative attributes, and
 *   mostly stereotypically feminine ones (such as excitable, frivolous, gossip, panicky,
 *   scattered, temperamental); women were praised as compassionate where men were analytical.
 *
 * Matching is whole-word and catches simple inflections (bossy → bossiness, aggressive →
 * aggressively); words with innocent engineering meanings ("cold", "sensitive", "defensive",
 * "difficult", "scattered") are left out or listed only in a form that describes a person ("too
 * sensitive", "difficult to work with", "scatterbrained").
 */
export const DEFAULT_WORDING_TERMS: { term: string; why: string }[] = [
  // Snyder: women who lead.
  { term: 'abrasive', why: 'Describes personality, almost only of women. Say what was said or done, and its effect on the work.' },
  { term: 'bossy', why: 'Gendered: the same direction-setting is "leadership" in men. Describe how decisions were made and communicated, and the result.' },
  { term: 'strident', why: 'Judges a voice, not an argument. Quote the position taken and what it changed.' },
  { term: 'aggressive', why: 'Women are called "too aggressive" about three times as often as men. Name the behaviour (interrupting, deadlines set) and its effect.' },
  { term: 'pushy', why: 'Gendered label for persistence. Say what was asked for, how often, and what it cost or gained the team.' },
  { term: 'intimidating', why: "Reports the reader's feeling, not an action. Describe what happened in the meeting or review, and its effect." },
  { term: 'opinionated', why: 'Praised as conviction in men. Say which positions were argued, how, and whether they were right.' },
  { term: 'shrill', why: 'Judges a voice, not a contribution. Describe what was said and the outcome.' },
  // Snyder: women who object.
  { term: 'emotional', why: 'Dismisses an objection as temperament. State the concern raised and how it was raised.' },
  { term: 'irrational', why: 'Names a state of mind. Say which decision or argument you disagree with, and why.' },
  { term: 'hysterical', why: 'A gendered dismissal. Describe the reaction you saw and the situation it responded to.' },
  { term: 'dramatic', why: 'Labels a reaction as excessive. Describe the concern raised, its weight, and its effect on the team.' },
  { term: 'drama queen', why: 'A gendered insult. Describe the specific incident and its effect on the work.' },
  { term: 'overreact', why: 'Judges the size of a response. Say what happened, what was done, and what you would have expected instead.' },
  { term: 'moody', why: 'Describes temperament. Name the behaviour (missed handoffs, curt replies) and when it affected the work.' },
  { term: 'temperamental', why: 'Describes temperament. Name the specific behaviour and its effect on the work.' },
  { term: 'hormonal', why: 'Gendered and personal. Leave it out; describe observable behaviour only.' },
  { term: 'excitable', why: 'Used mainly of women. Describe what was done and whether it helped the work.' },
  { term: 'panicky', why: 'Used mainly of women. Describe the incident, the response and its outcome.' },
  { term: 'oversensitive', why: 'Dismisses a reaction. Say what was raised and how it affected the team.' },
  { term: 'too sensitive', why: 'Dismisses a reaction. Say what was raised and how it affected the team.' },
  // Personality labels for how someone gets along.
  { term: 'difficult to work with', why: 'A summary with no evidence. Give one example of the behaviour, who it affected and how.' },
  { term: 'high-maintenance', why: 'Describes personality. Say what support or attention was needed and what it cost the team.' },
  { term: 'diva', why: 'A gendered insult. Describe the specific behaviour and its effect.' },
  { term: 'feisty', why: 'Diminishing: used of women who push back. Describe the disagreement and what came of it.' },
  { term: 'sassy', why: 'Diminishing and gendered. Quote or describe what was said and its effect.' },
  { term: 'catty', why: 'A gendered insult. Describe the specific behaviour and whom it affected.' },
  { term: 'gossip', why: 'Used mainly of women. Say what information was shared, with whom, and what harm it did.' },
  { term: 'nagging', why: 'Gendered label for follow-up. Say what was followed up, how often, and whether it was needed.' },
  { term: 'frivolous', why: 'Used mainly of women. Name the work you consider low-value and why.' },
  { term: 'scatterbrained', why: 'Used mainly of women. Name the dropped commitments or missed details and their effect.' },
  { term: 'chatty', why: 'Describes personality. If it affected the work, say how (meetings overran, focus time lost).' },
  // Praise for personality instead of results.
  { term: 'too nice', why: 'Vague, and a double bind for women. Say which feedback or decision was avoided and what it cost.' },
  { term: 'nurturing', why: 'Communal praise given to women in place of credit for results. Say whom they developed and what those people achieved.' },
  { term: 'motherly', why: 'Gendered. Describe the mentoring or support given and its outcome.' },
  { term: 'bubbly', why: 'Praises personality, not work. Name a contribution and its effect.' },
  { term: 'lacks confidence', why: 'Vague and often gendered. Name the situation, what was not done (spoke up, decided) and its effect.' },
];
