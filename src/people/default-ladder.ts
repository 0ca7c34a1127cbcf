import type { LevelExpectations } from '../db/schema.ts';

/** The default software engineering ladder (DOMAIN.md section 1). Ladders are data: edit freely. */
export const DEFAULT_LADDER: {
  key: string;
  name: string;
  jobFunction: string;
  levels: { code: string; title: string; rank: number; expectations: LevelExpectations }[];
} = {
  key: 'sde',
  name: 'Software Development Engineer',
  jobFunction: 'Software Engineering',
  levels: [
    {
      code: 'L4',
      title: 'SDE I',
      rank: 4,
      expectations: {
        scope: 'Well-defined features and fixes within one component.',
        autonomy: 'Works from designs and guidance; asks for help at the right time.',
        technicalDepth: 'Writes correct, tested, readable code in the team’s stack.',
        influence: 'Within the immediate team.',
        mentorship: 'Learns: seeks feedback and acts on it.',
        operations: 'Joins the on-call rotation with a buddy; fixes what they broke.',
        exampleBehaviours: ['Ships a scoped feature end to end with tests', 'Writes a clear change description'],
        behaviours: {
          scope: ['Delivers a feature inside one component from a written design'],
          autonomy: ['Raises a blocker within a day instead of waiting'],
          technicalDepth: ['Adds tests that catch a real regression', 'Debugs a failure from logs to root cause with help'],
          influence: ['Gives useful code-review comments to teammates'],
          mentorship: ['Asks for feedback on their designs and acts on it'],
          operations: ['Takes on-call shifts with a buddy and writes up what they learned'],
        },
      },
    },
    {
      code: 'L5',
      title: 'SDE II',
      rank: 5,
      expectations: {
        scope: 'Features and small systems owned end to end.',
        autonomy: 'Turns an ambiguous feature request into a design and delivers it.',
        technicalDepth: 'Designs components others build on; sound trade-offs on complexity.',
        influence: 'Across the team and neighbouring teams.',
        mentorship: 'Mentors SDE I engineers and interns.',
        operations: 'Owns on-call for their systems; writes root-cause analyses.',
        exampleBehaviours: ['Writes a design document reviewed by the team', 'Leads an operational fix to completion'],
        behaviours: {
          scope: ['Owns a small service or a feature area end to end'],
          autonomy: ['Turns a one-line request into a design with options and a recommendation'],
          technicalDepth: ['Designs a component others build on and explains its trade-offs', 'Removes a class of bugs rather than one bug'],
          influence: ['Changes a neighbouring team’s approach through a design review'],
          mentorship: ['Mentors an SDE I or intern through their first launch'],
          operations: ['Writes the root-cause analysis and sees the follow-ups through'],
        },
      },
    },
    {
      code: 'L6',
      title: 'SDE III / Senior',
      rank: 6,
      expectations: {
        scope: 'Multi-team systems and the roadmap of an area.',
        autonomy: 'Finds the right problems to solve in ambiguous territory.',
        technicalDepth: 'Sets architecture for a system; raises the quality bar of others’ code.',
        influence: 'Across an organisation; resolves technical disagreements.',
        mentorship: 'Mentors SDE II engineers; grows future senior engineers.',
        operations: 'Drives operational excellence and prevention of recurrence across teams.',
        exampleBehaviours: ['Authors a six-pager that sets direction', 'Turns a recurring incident class into a fix'],
        behaviours: {
          scope: ['Owns the roadmap of a multi-team system'],
          autonomy: ['Picks the problem worth solving from an ambiguous area and gets agreement'],
          technicalDepth: ['Sets the architecture of a system and raises the bar in reviews'],
          influence: ['Resolves a technical disagreement across teams with a written decision'],
          mentorship: ['Grows an SDE II into a senior engineer'],
          operations: ['Ends a recurring incident class across teams'],
        },
      },
    },
    {
      code: 'L7',
      title: 'Principal',
      rank: 7,
      expectations: {
        scope: 'An organisation’s technical direction over years.',
        autonomy: 'Defines problems for others; decides under deep ambiguity.',
        technicalDepth: 'Recognised expert; makes hard, lasting architecture decisions.',
        influence: 'Across several organisations and with senior leadership.',
        mentorship: 'Mentoring is a core function: grows senior engineers.',
        operations: 'Sets operational standards for an organisation.',
        exampleBehaviours: ['Leads a cross-organisation architecture change', 'Bar-raises design reviews'],
        behaviours: {
          scope: ['Sets the technical direction of an organisation for years'],
          autonomy: ['Defines the problems other senior engineers work on'],
          technicalDepth: ['Makes an architecture decision that lasts'],
          influence: ['Aligns several organisations and senior leadership on a direction'],
          mentorship: ['Mentors senior engineers as a core part of the role'],
          operations: ['Sets the operational standards an organisation follows'],
        },
      },
    },
    {
      code: 'L8',
      title: 'Senior Principal',
      rank: 8,
      expectations: {
        scope: 'Company-wide technical strategy in a domain.',
        autonomy: 'Sets multi-year direction.',
        technicalDepth: 'Industry-level expertise.',
        influence: 'Company-wide and externally.',
        mentorship: 'Mentors principals; shapes the engineering culture.',
        operations: 'Owns the operational posture of a major business.',
        exampleBehaviours: ['Defines a technical strategy adopted across the company'],
      },
    },
    {
      code: 'L10',
      title: 'Distinguished',
      rank: 10,
      expectations: {
        scope: 'The company’s technical future.',
        autonomy: 'Chooses what the company should bet on.',
        technicalDepth: 'Defines the state of the art.',
        influence: 'Industry-wide.',
        mentorship: 'Mentors across the company as a core function.',
        operations: 'Sets company-wide engineering standards.',
        exampleBehaviours: ['Invents a foundational system the company runs on'],
      },
    },
  ],
};
