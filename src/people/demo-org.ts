import { Faker, base, de, en, en_AU, en_IN, en_NG, es, es_MX, fr, it, pl, pt_BR, ro, tr, vi, type LocaleDefinition } from '@faker-js/faker';

/**
 * A deterministic HRIS export for demos and benchmarks: the same seed gives the same bytes.
 * Shape: a CTO, three VP organisations, layers of directors sized to the headcount, front-line
 * "Software Development Manager"s, and teams of 5-10 engineers on a realistic level pyramid.
 */
export function generatePeopleExport(options: { seed: number; people: number }): { csv: string; rows: number } {
  const { seed, people } = options;
  if (!Number.isInteger(people) || people < MIN_PEOPLE) throw new RangeError(`people must be an integer of at least ${MIN_PEOPLE}`);
  const rng = new Faker({ locale: [en, base] });
  rng.seed(seed);
  const draw = createDraw(rng);
  const namers = new Map(NAME_LOCALES.map(([key, locale], i) => [key, seededFaker(locale, seed * 31 + i + 1)]));
  const staff: Person[] = [];
  const add = (p: Omit<Person, 'key'>) => staff.push({ ...p, key: staff.length }) - 1;
  const describe = (role: Role, site: Site) => describePerson(draw, namers, role, site);

  const cto = add({ managerKey: null, team: null, ...describe(ROLES.cto, draw.weighted(SITES)) });
  const layout = planLayout(people);
  let teamIndex = 0;
  const teamNames = new Set<string>();
  layout.orgs.forEach((org, o) => {
    const theme = ORG_THEMES[o]!;
    const vp = add({ managerKey: cto, team: null, ...describe({ ...ROLES.vp, title: `VP Engineering, ${theme.name}` }, draw.weighted(SITES)) });
    // Group sizes from the bottom layer up; build top-down so each manager knows their parent.
    let parents = [vp];
    for (let layer = org.layers.length - 1; layer >= 0; layer--) {
      const role = middleRole(org.layers.length, layer);
      const sizes = org.layers[layer + 1]?.sizes ?? [org.layers[layer]!.sizes.length];
      const next: number[] = [];
      parents.forEach((parent, p) => {
        for (let c = 0; c < sizes[p]!; c++) next.push(add({ managerKey: parent, team: null, ...describe(role, draw.weighted(SITES)) }));
      });
      parents = next;
    }
    // `parents` are now the lowest layer: each leads a product area of several teams.
    const bottom = org.layers[0]!.sizes;
    parents.forEach((leader, g) => {
      const area = nameArea(theme, g);
      const home = staff[leader]!.site;
      const suffixes = [...draw.shuffle(area.specific), ...draw.shuffle(area.generic)];
      for (let t = 0; t < bottom[g]!; t++) {
        const team = `${area.prefix} ${suffixes[t % suffixes.length]}${t >= suffixes.length ? ` ${Math.floor(t / suffixes.length) + 1}` : ''}${area.qualifier}`;
        if (teamNames.has(team)) throw new Error(`demo organisation named two teams ${team}`);
        teamNames.add(team);
        const site = draw.chance(0.75) ? home : draw.weighted(SITES);
        const sdm = add({ managerKey: leader, team, ...describe(draw.chance(0.7) ? ROLES.sdmL6 : ROLES.sdmL7, site) });
        const size = layout.teamSizes[teamIndex++]!;
        let principals = 0;
        for (let e = 0; e < size; e++) {
          // Two SDE IIs per team always, and at most one principal engineer.
          let role = e < 2 ? ROLES.L5 : draw.weighted(ENGINEER_MIX);
          if (role === ROLES.L7 && principals++ > 0) role = ROLES.L6;
          const person = describe(role, draw.chance(0.88) ? site : draw.weighted(SITES));
          add({ managerKey: sdm, team, ...person, status: e < 2 ? 'active' : person.status });
        }
      }
    });
  });
  if (staff.length !== people) throw new Error(`demo organisation planned ${staff.length} people instead of ${people}`);
  return { csv: formatExport(staff), rows: staff.length };
}

const MIN_PEOPLE = 40;
const MAX_MIDDLE_LAYERS = 4; // CTO, VP, up to 4 layers, manager, engineer: depth 8 at most.
const MAX_UNDER_VP = 8;
const REFERENCE_DAY = Date.UTC(2026, 5, 30);
const EARLIEST_DAY = Date.UTC(2012, 0, 1);
const DAY_MS = 86_400_000;

interface Site {
  location: string;
  timeZone: string;
  weight: number;
  names: [string, number][];
}
interface Role {
  level: string;
  title: string;
  manager: boolean;
  tenureYears: [number, number];
  age: [number, number];
}
interface Person extends ReturnType<typeof describePerson> {
  key: number;
  managerKey: number | null;
  team: string | null;
}
type Draw = ReturnType<typeof createDraw>;

const ROLES = {
  cto: { level: 'L10', title: 'Chief Technology Officer', manager: true, tenureYears: [12, 14.5], age: [44, 58] },
  vp: { level: 'L8', title: 'VP Engineering', manager: true, tenureYears: [4, 14.5], age: [40, 58] },
  seniorDirector: { level: 'L8', title: 'Senior Director, Software Engineering', manager: true, tenureYears: [4, 14.5], age: [38, 58] },
  director: { level: 'L7', title: 'Director, Software Engineering', manager: true, tenureYears: [3, 14.5], age: [35, 58] },
  seniorManager: { level: 'L7', title: 'Senior Manager, Software Development', manager: true, tenureYears: [3, 14], age: [33, 55] },
  sdmL6: { level: 'L6', title: 'Software Development Manager', manager: true, tenureYears: [1, 10], age: [28, 50] },
  sdmL7: { level: 'L7', title: 'Software Development Manager', manager: true, tenureYears: [2, 13], age: [32, 55] },
  L4: { level: 'L4', title: 'Software Development Engineer I', manager: false, tenureYears: [0, 3.5], age: [21, 32] },
  L5: { level: 'L5', title: 'Software Development Engineer II', manager: false, tenureYears: [0.2, 8], age: [24, 42] },
  L6: { level: 'L6', title: 'Senior Software Development Engineer', manager: false, tenureYears: [1, 12], age: [28, 52] },
  L7: { level: 'L7', title: 'Principal Engineer', manager: false, tenureYears: [2, 14.5], age: [32, 58] },
} satisfies Record<string, Role>;

/** Level mix for engineers beyond each team's two guaranteed SDE IIs: overall most are L5. */
const ENGINEER_MIX: [Role, number][] = [[ROLES.L4, 40], [ROLES.L5, 27], [ROLES.L6, 27], [ROLES.L7, 6]];

function middleRole(layers: number, layer: number): Role {
  const fromTop = layers - 1 - layer;
  if (layers >= 3 && fromTop === 0) return ROLES.seniorDirector;
  return layer === 0 && layers >= 2 ? ROLES.seniorManager : ROLES.director;
}

const US = [['en', 48], ['en_IN', 16], ['eastAsian', 14], ['es_MX', 7], ['vi', 3], ['en_NG', 3], ['pt_BR', 3], ['pl', 2], ['tr', 2], ['fr', 2]] as [string, number][];
const INDIA = [['en_IN', 95], ['en', 5]] as [string, number][];
const SITES: [Site, number][] = (
  [
    { location: 'Seattle', timeZone: 'America/Los_Angeles', weight: 27, names: US },
    { location: 'Vancouver', timeZone: 'America/Vancouver', weight: 5, names: US },
    { location: 'Austin', timeZone: 'America/Chicago', weight: 8, names: US },
    { location: 'New York', timeZone: 'America/New_York', weight: 7, names: US },
    { location: 'Toronto', timeZone: 'America/Toronto', weight: 6, names: US },
    { location: 'Dublin', timeZone: 'Europe/Dublin', weight: 9, names: [['en', 40], ['pl', 12], ['pt_BR', 10], ['en_IN', 10], ['es', 8], ['it', 8], ['fr', 6], ['ro', 3], ['de', 3]] },
    { location: 'London', timeZone: 'Europe/London', weight: 6, names: [['en', 50], ['en_IN', 15], ['en_NG', 8], ['eastAsian', 6], ['pl', 6], ['fr', 5], ['it', 5], ['es', 5]] },
    { location: 'Berlin', timeZone: 'Europe/Berlin', weight: 7, names: [['de', 45], ['en', 8], ['en_IN', 8], ['tr', 8], ['pl', 8], ['es', 6], ['it', 6], ['fr', 5], ['pt_BR', 4], ['ro', 2]] },
    { location: 'Bangalore', timeZone: 'Asia/Kolkata', weight: 14, names: INDIA },
    { location: 'Hyderabad', timeZone: 'Asia/Kolkata', weight: 6, names: INDIA },
    { location: 'Sydney', timeZone: 'Australia/Sydney', weight: 5, names: [['en_AU', 45], ['en', 15], ['eastAsian', 15], ['en_IN', 15], ['vi', 5], ['es', 5]] },
  ] as Site[]
).map((s) => [s, s.weight]);

const NAME_LOCALES: [string, LocaleDefinition][] = [
  ['en', en], ['en_IN', en_IN], ['en_AU', en_AU], ['en_NG', en_NG], ['de', de], ['es', es], ['es_MX', es_MX],
  ['pt_BR', pt_BR], ['fr', fr], ['it', it], ['pl', pl], ['ro', ro], ['tr', tr], ['vi', vi],
];
// Faker's Chinese, Korean and Japanese locales use native scripts; HRIS exports here are romanised.
const EAST_ASIAN = {
  female: ['Mei', 'Xiaoling', 'Yan', 'Jing', 'Hui', 'Ji-woo', 'Seo-yeon', 'Min-ji', 'Yuki', 'Haruka', 'Aiko', 'Lan', 'Qing', 'Shu-fen', 'Ying'],
  male: ['Wei', 'Jun', 'Hao', 'Lei', 'Chen', 'Min-jun', 'Ji-ho', 'Hyun-woo', 'Takeshi', 'Kenji', 'Haruto', 'Zhiwei', 'Yong', 'Jian', 'Kai'],
  last: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Lin', 'Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Tanaka', 'Sato', 'Suzuki', 'Takahashi', 'Watanabe', 'Wong', 'Tan', 'Ng'],
};

const GENDERS: [string, number][] = [['Man', 655], ['Woman', 295], ['Non-binary', 15], ['Undisclosed', 35]];
const US_ETHNICITY: [string, number][] = [
  ['White', 70], ['Black or African American', 9], ['Hispanic or Latino', 7], ['Asian', 7], ['Two or More Races', 5], ['American Indian or Alaska Native', 1], ['Native Hawaiian or Other Pacific Islander', 1],
];
const ETHNICITY_BY_LOCALE: Record<string, string> = {
  en_IN: 'Asian', eastAsian: 'Asian', vi: 'Asian', en_NG: 'Black or African American', es: 'Hispanic or Latino', es_MX: 'Hispanic or Latino', pt_BR: 'Hispanic or Latino',
  de: 'White', fr: 'White', it: 'White', pl: 'White', ro: 'White', tr: 'White',
};

/** Everything about one person except their place in the tree. */
function describePerson(draw: Draw, namers: Map<string, Faker>, role: Role, site: Site) {
  const gender = draw.weighted(GENDERS);
  const sex = gender === 'Woman' ? 'female' : gender === 'Man' ? 'male' : draw.chance(0.5) ? 'female' : 'male';
  const locale = draw.weighted(site.names);
  let first: string;
  let last: string;
  const namer = namers.get(locale);
  if (namer) {
    first = namer.person.firstName(sex);
    last = namer.person.lastName(sex);
  } else {
    first = draw.pick(EAST_ASIAN[sex]);
    last = draw.pick(EAST_ASIAN.last);
  }
  // A few exports carry generational suffixes after a comma, as HRIS systems print them.
  const name = locale === 'en' && sex === 'male' && draw.chance(0.006) ? `${first} ${last}, ${draw.pick(['Jr.', 'Sr.', 'III'])}` : `${first} ${last}`;

  const [minTenure, maxTenure] = role.tenureYears;
  const tenure = minTenure + (maxTenure - minTenure) * draw.unit() ** 1.4; // growth: more recent hires
  const hireDay = Math.max(EARLIEST_DAY, REFERENCE_DAY - Math.floor(tenure * 365.25) * DAY_MS);
  const [minAge, maxAge] = role.age;
  const age = Math.max(Math.round(minAge + (maxAge - minAge) * ((draw.unit() + draw.unit()) / 2)), 21 + Math.ceil((REFERENCE_DAY - hireDay) / DAY_MS / 365.25));
  const undisclosed = draw.chance(0.04);
  return {
    name,
    emailLocal: `${asciiSlug(first)}.${asciiSlug(last)}`,
    level: role.level,
    hireDay,
    title: role.title,
    site,
    jobFunction: role.manager ? 'Engineering Management' : 'Software Engineering',
    status: role.level !== 'L10' && role.level !== 'L8' && draw.chance(0.02) ? 'leave' : 'active',
    gender,
    ethnicity: undisclosed ? 'Undisclosed' : (ETHNICITY_BY_LOCALE[locale] ?? draw.weighted(US_ETHNICITY)),
    ageBand: age < 25 ? '18-24' : age < 35 ? '25-34' : age < 45 ? '35-44' : age < 55 ? '45-54' : '55+',
  };
}

/** How many teams, how big, and the management layers above them, as a pure function of size. */
function planLayout(people: number) {
  const plan = (teams: number) => {
    const perOrg = splitByWeight(teams, [40, 33, 27]);
    const orgs = perOrg.map((t) => ({ layers: groupLayers(t) }));
    const middle = orgs.reduce((n, o) => n + o.layers.reduce((m, l) => m + l.sizes.length, 0), 0);
    return { orgs, engineers: people - 4 - middle - teams, teams };
  };
  let teams = Math.max(3, Math.round((people - 4) / 8.8));
  let layout = plan(teams);
  while (layout.engineers > 10 * teams) layout = plan(++teams);
  while (layout.engineers < 5 * teams) layout = plan(--teams);
  // Team sizes vary 5-10 but are fixed by the layout alone, so they never depend on the seed.
  const teamSizes = spread(layout.engineers, teams, 5, 10, (i) => [7, 9, 6, 8, 10, 5, 8, 7, 6, 9][i % 10]!);
  return { ...layout, teamSizes };
}

/** Groups `count` managers into layers of parents until a VP has few enough direct reports. */
function groupLayers(count: number): { sizes: number[] }[] {
  const layers: { sizes: number[] }[] = [];
  do {
    const fanOut = layers.length === 0 ? 6 : 8;
    let groups = Math.ceil(count / fanOut);
    if (layers.length === MAX_MIDDLE_LAYERS - 1) groups = Math.min(groups, MAX_UNDER_VP);
    const mean = count / groups;
    layers.push({ sizes: spread(count, groups, Math.max(1, Math.floor(mean / 2)), Math.ceil(mean * 1.5), (i) => mean + ((i * 7) % 5) - 2) });
    count = groups;
  } while (count > MAX_UNDER_VP && layers.length < MAX_MIDDLE_LAYERS);
  return layers;
}

/** Splits `total` into `count` parts within [min, max], starting from a wish per part. */
function spread(total: number, count: number, min: number, max: number, wish: (i: number) => number): number[] {
  const sizes = Array.from({ length: count }, (_, i) => Math.min(max, Math.max(min, Math.round(wish(i)))));
  let diff = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % count) {
    const step = diff > 0 ? 1 : -1;
    const next = sizes[i]! + step;
    if (next < min || next > max) continue;
    sizes[i] = next;
    diff -= step;
  }
  return sizes;
}

function splitByWeight(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

const GENERIC_TEAM_SUFFIXES = [
  'Platform', 'API', 'Core', 'Experience', 'Infrastructure', 'Reliability', 'Tooling', 'Analytics', 'Integrations', 'Mobile', 'Web',
  'Data', 'Quality', 'Automation', 'Services', 'Pipelines', 'Insights', 'Performance', 'Foundations', 'Operations', 'Compliance', 'Growth',
];
const REGIONS = ['', 'EU', 'APAC', 'Americas', 'India', 'ANZ', 'LATAM', 'Canada', 'UK', 'DACH', 'Japan', 'Middle East'];
// Each organisation's product areas and the teams particular to them ("Payments Ledger").
const ORG_THEMES = [
  defineOrg('Retail Platform', [
    'Payments: Ledger, Settlement, Disputes, Payouts', 'Checkout: Cart, Order Placement', 'Search: Relevance, Indexing, Query Understanding',
    'Catalog: Product Data, Taxonomy', 'Pricing: Price Engine, Discounts', 'Fulfillment: Routing, Warehouse Systems',
    'Inventory: Forecasting, Reservations', 'Shipping: Carrier Integrations, Tracking', 'Returns: Refunds, Reverse Logistics',
    'Customer Accounts: Profiles, Sign-in', 'Reviews: Moderation, Ratings', 'Promotions: Coupons, Campaigns',
    'Seller Tools: Onboarding, Listings', 'Subscriptions: Renewals, Plans', 'Loyalty: Rewards, Tiers', 'Tax: Calculation, Reporting',
    'Gift Cards: Issuance, Redemption', 'Recommendations: Ranking, Candidate Generation',
  ]),
  defineOrg('Cloud Infrastructure', [
    'Compute: Scheduling, Fleet', 'Storage: Block, Object, File Systems', 'Networking: Load Balancing, DNS, Edge',
    'Identity: Access Management, Authentication', 'Observability: Metrics, Tracing, Logging', 'Build Systems: Remote Execution, Caching',
    'Deployment: Release Orchestration, Canaries', 'Databases: Replication, Query Engine', 'Messaging: Queues, Event Bus',
    'Security Engineering: Threat Detection, Secrets', 'Developer Productivity: Code Review, IDE Tooling',
    'Kubernetes: Control Plane, Node Lifecycle', 'Service Mesh: Traffic Management, Policy', 'Incident Response: Paging, Postmortems',
    'Capacity: Planning, Cost Efficiency', 'Configuration: Feature Flags, Config Delivery',
  ]),
  defineOrg('Data & Machine Learning', [
    'Data Platform: Ingestion, Lakehouse', 'Analytics: Dashboards, Semantic Layer', 'Experimentation: Assignment, Statistics Engine',
    'ML Platform: Training, Model Serving, Feature Store', 'Personalization: Signals, Real-time Ranking',
    'Advertising: Bidding, Attribution, Ad Serving', 'Data Governance: Lineage, Privacy', 'Streaming: Stream Processing, Connectors',
    'Warehouse: Query Performance, Storage Formats', 'Metrics: Definitions, Anomaly Detection', 'Notifications: Delivery, Preferences',
    'Fraud Detection: Risk Models, Investigations', 'Demand Forecasting: Time Series, Planning Models', 'Conversational AI: Dialogue, Speech',
  ]),
];

function defineOrg(name: string, areas: string[]) {
  return {
    name,
    areas: areas.map((line) => {
      const [prefix, teams] = line.split(': ') as [string, string];
      // No "Analytics Analytics": generic team names that repeat the area's own words are left out.
      const generic = GENERIC_TEAM_SUFFIXES.filter((suffix) => !prefix.split(' ').includes(suffix));
      return { prefix, specific: teams.split(', '), generic };
    }),
  };
}

/** The product area a lowest-layer leader owns; areas repeated in big orgs get a region ("Payments Ledger EU"). */
function nameArea(org: (typeof ORG_THEMES)[number], index: number) {
  const area = org.areas[index % org.areas.length]!;
  const round = Math.floor(index / org.areas.length);
  const region = REGIONS[round % REGIONS.length]!;
  const repeat = Math.floor(round / REGIONS.length);
  const qualifier = repeat === 0 ? (region ? ` ${region}` : '') : ` ${region || 'Global'} ${repeat + 1}`;
  return { ...area, qualifier };
}

function createDraw(rng: Faker) {
  const unit = () => rng.number.float();
  return {
    unit,
    chance: (p: number) => unit() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(unit() * items.length)]!,
    weighted<T>(items: readonly [T, number][]): T {
      const total = items.reduce((n, [, w]) => n + w, 0);
      let roll = unit() * total;
      for (const [item, w] of items) if ((roll -= w) < 0) return item;
      return items[items.length - 1]![0];
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(unit() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
  };
}

function seededFaker(locale: LocaleDefinition, seed: number): Faker {
  const faker = new Faker({ locale: [locale, en, base] });
  faker.seed(seed);
  return faker;
}

const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ı: 'i', þ: 'th', ð: 'd' };

/** 'Ólafur Þór' becomes 'olafurthor': email addresses stay ASCII. */
function asciiSlug(text: string): string {
  const folded = text.toLowerCase().replace(/[ßæøœłđıþð]/gu, (c) => FOLDED[c]!);
  return folded.normalize('NFD').replace(/[^a-z0-9-]/gu, '').replace(/^-+|-+$/gu, '') || 'person';
}

const HEADER = ['employee_id', 'name', 'email', 'manager_id', 'level', 'hire_date', 'title', 'team', 'location', 'job_function', 'status', 'time_zone', 'attr_gender', 'attr_ethnicity', 'attr_age_band'];

/** Employee ids follow hire order, as HRIS numbering does; rows are printed in id order. */
function formatExport(staff: Person[]): string {
  const byHire = [...staff].sort((a, b) => a.hireDay - b.hireDay || a.key - b.key);
  const ids = new Array<string>(staff.length);
  byHire.forEach((p, i) => (ids[p.key] = `E${String(i + 1).padStart(6, '0')}`));
  const emailsTaken = new Map<string, number>();
  const lines = [HEADER.join(',')];
  for (const p of byHire) {
    // Locals are letters only, so 'anna.lee2' can never collide with another person's plain local.
    const seen = emailsTaken.get(p.emailLocal) ?? 0;
    emailsTaken.set(p.emailLocal, seen + 1);
    const email = `${p.emailLocal}${seen ? seen + 1 : ''}@highbar.demo`;
    const fields = [ids[p.key]!, p.name, email, p.managerKey === null ? '' : ids[p.managerKey]!, p.level, new Date(p.hireDay).toISOString().slice(0, 10), p.title, p.team ?? '', p.site.location, p.jobFunction, p.status, p.site.timeZone, p.gender, p.ethnicity, p.ageBand];
    lines.push(fields.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180 quoting: only fields with a comma, quote, line break or edge space need it. */
function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}
