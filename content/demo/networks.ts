import type { ActionStatus } from '../../model/improvement.js';
import type { Partner, Round, Study } from '../../model/index.js';
import {
  IMH_DOMAINS,
  QUALITY_REQUIREMENTS,
  QUICK_SCAN_ATTRIBUTES,
  QUICK_SCAN_DOMAIN_COVERAGE,
  QUICK_SCAN_GROUPS,
  QUICK_SCAN_INTERVENTIONS,
  QUICK_SCAN_PARTNERS,
  QUICK_SCAN_VOCABULARY,
  quickScanQuestionnaire,
} from '../templates/imh-quick-scan.js';
import { halfYearRounds } from '../templates/study-types.js';
import type { DemoCell } from './generate.js';
import { Random } from './random.js';

/**
 * The synthetic IMH region of the demo (issue 17, deliverable 7): three local networks that fill in
 * the Quick Scan twice in 2026, each with its team and support network, parents answering through
 * the anonymous link, and one improvement plan worked through the year. Pure and seeded: the same
 * data on every machine (server/studies/demo-networks.ts writes it). The networks differ on purpose
 * — one misses a domain, one is stronger on the quality requirements, one gains on guiding parents —
 * so the regional view has something to compare. Every title says "(synthetische demo)".
 */

export const DEMO_NETWORK_SLUGS = ['imh-netwerk-venlo', 'imh-netwerk-horst', 'imh-netwerk-peel'] as const;
export const DEMO_NETWORK_YEAR = 2026;

/** The two scans of 2026, each open for almost four weeks around the spring and autumn intervision. */
const SCAN_TIMES: [string, string][] = [
  ['2026-03-02T08:00:00.000Z', '2026-03-27T17:00:00.000Z'],
  ['2026-09-28T08:00:00.000Z', '2026-10-23T16:00:00.000Z'],
];

interface NetworkProfile {
  slug: (typeof DEMO_NETWORK_SLUGS)[number];
  place: string;
  seed: number;
  team: number;
  support: number;
  /** Domains nobody in the cohort belongs to. */
  missing: string[];
  /** Chance of "yes" on a quality requirement, per scan. */
  quality: [number, number];
  /** Mean agreement (1–5) on guiding parents, per scan. */
  guidance: [number, number];
  /** Mean satisfaction mark of professionals and of parents. */
  satisfaction: [number, number];
  parents: [number, number];
  /** Chance each intervention is available. */
  available: number;
  plan: DemoPlan;
  improvementTexts: string[];
}

export interface DemoPlan {
  points: { source: 'indicator' | 'item' | 'theme' | 'free'; ref: string; title: string; note: string }[];
  goal: string;
  indicators: { key: string; target: number }[];
  /** Owner 0 is the network connector, 1 the team member. */
  actions: { description: string; owner: 0 | 1; due: string; status: ActionStatus }[];
  pdca: { quarter: number; done: string; measured: string; adjusted: string }[];
}

const PROFILES: NetworkProfile[] = [
  {
    slug: 'imh-netwerk-venlo',
    place: 'Venlo',
    seed: 1701,
    team: 5,
    support: 7,
    missing: [],
    quality: [0.62, 0.78],
    guidance: [3.8, 4.0],
    satisfaction: [7.4, 7.9],
    parents: [10, 11],
    available: 0.7,
    improvementTexts: [
      'Per gezin één aanspreekpunt afspreken en dat ook aan ouders laten weten.',
      'De sociale kaart staat verspreid over drie documenten; maak er één van.',
      'Meer tijd in de intervisie voor casussen met de kraamzorg.',
      'Een vaste contactpersoon bij het ziekenhuis zou veel schelen.',
    ],
    plan: {
      points: [
        {
          source: 'indicator',
          ref: 'quality_requirements',
          title: 'Eén aanspreekpunt per gezin',
          note: 'In de eerste scan zei minder dan de helft dat we per traject één aanspreekpunt afspreken.',
        },
        { source: 'theme', ref: 'sociale kaart', title: 'Eén sociale kaart voor het hele netwerk', note: '' },
      ],
      goal: 'Eind 2026 heeft elk gezin dat we samen begeleiden één aanspreekpunt dat ouders kennen.',
      indicators: [{ key: 'quality_requirements', target: 0.85 }],
      actions: [
        {
          description: 'Werkafspraak "één aanspreekpunt" opstellen en bespreken in het netwerkteam',
          owner: 0,
          due: '2026-05-31',
          status: 'done',
        },
        {
          description: 'Aanspreekpunt vastleggen in het gezinsplan (sjabloon aanpassen)',
          owner: 1,
          due: '2026-09-30',
          status: 'in-progress',
        },
        {
          description: 'Ouders na afloop vragen of zij wisten wie hun aanspreekpunt was',
          owner: 0,
          due: '2026-12-15',
          status: 'not-started',
        },
      ],
      pdca: [
        {
          quarter: 2,
          done: 'Werkafspraak opgesteld en in de intervisie van juni besproken.',
          measured: 'Bij 4 van de 7 nieuwe gezinnen stond een aanspreekpunt in het plan.',
          adjusted: 'Het sjabloon van het gezinsplan krijgt een vast veld voor het aanspreekpunt.',
        },
        {
          quarter: 3,
          done: 'Sjabloon aangepast; de kraamzorg gebruikt het nog niet.',
          measured: 'In de tweede scan zegt een ruime meerderheid dat we één aanspreekpunt afspreken.',
          adjusted: 'Kraamzorg uitnodigen voor een korte uitleg in het netwerkoverleg.',
        },
      ],
    },
  },
  {
    slug: 'imh-netwerk-horst',
    place: 'Horst aan de Maas',
    seed: 1702,
    team: 4,
    support: 5,
    missing: [],
    quality: [0.55, 0.6],
    guidance: [3.3, 3.9],
    satisfaction: [6.9, 7.3],
    parents: [7, 8],
    available: 0.55,
    improvementTexts: [
      'Ik vind het lastig om zorgen over de hechting met ouders te bespreken.',
      'Graag samen scholing over excessief huilen.',
      'Intervisie vaker laten doorgaan; in het voorjaar viel die uit.',
    ],
    plan: {
      points: [
        {
          source: 'indicator',
          ref: 'guide_parents',
          title: 'Beter in staat om zorgen met ouders te bespreken',
          note: 'Nog niet de helft voelt zich in staat om zorgen over de ouder-kindrelatie te bespreken.',
        },
        { source: 'item', ref: 'q_intervision', title: 'Intervisie twee keer per jaar laten doorgaan', note: '' },
      ],
      goal: 'Professionals in het netwerk voelen zich in staat zorgen over de ouder-kindrelatie met ouders te bespreken.',
      indicators: [{ key: 'guide_parents', target: 0.75 }],
      actions: [
        { description: 'Gezamenlijke scholing "zorgen bespreken met ouders" organiseren', owner: 0, due: '2026-06-30', status: 'done' },
        {
          description: 'Twee casussen per intervisie inbrengen rond gesprekken met ouders',
          owner: 1,
          due: '2026-11-30',
          status: 'in-progress',
        },
      ],
      pdca: [
        {
          quarter: 2,
          done: 'Scholingsmiddag in juni met 8 professionals uit team en steunnetwerk.',
          measured: 'Evaluatie van de middag: 7 van 8 vonden het bruikbaar in de praktijk.',
          adjusted: 'Vervolg in de intervisie in plaats van een tweede middag.',
        },
        {
          quarter: 3,
          done: 'In de intervisie van september twee casussen besproken.',
          measured: 'De tweede scan laat een hoger aandeel zien dat zich in staat voelt ouders te begeleiden.',
          adjusted: 'Geen bijstelling; doorgaan met casussen.',
        },
      ],
    },
  },
  {
    slug: 'imh-netwerk-peel',
    place: 'Peel en Maas',
    seed: 1703,
    team: 6,
    support: 6,
    missing: ['ggz'],
    quality: [0.45, 0.5],
    guidance: [3.6, 3.7],
    satisfaction: [6.6, 6.8],
    parents: [6, 9],
    available: 0.45,
    improvementTexts: [
      'We missen iemand uit de volwassenen-GGZ; bij ouders met psychische problemen lopen we vast.',
      'Wachtlijsten voor ouder-kindbehandeling zijn lang.',
      'Meer bekendheid van het netwerk bij de huisartsen.',
    ],
    plan: {
      points: [
        {
          source: 'item',
          ref: 'domains',
          title: 'Een GGZ-partner in het steunnetwerk',
          note: 'Het domein (ouder- en kind-)GGZ ontbreekt in team en steunnetwerk.',
        },
        { source: 'free', ref: '', title: 'Bekendheid bij huisartsen vergroten', note: '' },
      ],
      goal: 'In 2026 neemt een professional uit de (ouder- en kind-)GGZ deel aan het steunnetwerk.',
      indicators: [{ key: 'collaboration', target: 0.7 }],
      actions: [
        { description: 'Contact leggen met het IMH-team van de volwassenen-GGZ in de regio', owner: 0, due: '2026-06-30', status: 'done' },
        {
          description: 'GGZ-professional uitnodigen voor de intervisie van het najaar',
          owner: 0,
          due: '2026-10-31',
          status: 'in-progress',
        },
        { description: 'Folder voor huisartsen maken', owner: 1, due: '2026-08-31', status: 'dropped' },
      ],
      pdca: [
        {
          quarter: 2,
          done: 'Kennismaking met het IMH-team van de volwassenen-GGZ.',
          measured: 'Zij willen meedoen, maar hebben nog niemand vrij.',
          adjusted: 'Vragen of een GGZ-professional eerst als gast bij de intervisie kan aanschuiven.',
        },
        {
          quarter: 3,
          done: 'Folder voor huisartsen geschrapt: de huisartsen krijgen een mondelinge toelichting in hun overleg.',
          measured: 'Nog geen GGZ-professional in het steunnetwerk.',
          adjusted: 'Afspraak met de teamleider GGZ in november.',
        },
      ],
    },
  },
];

const ORGANISATIONS: Record<string, string[]> = {
  geboortezorg: ['Verloskundigenpraktijk De Wieg', 'Kraamzorg Noord-Limburg'],
  jeugdgezondheidszorg: ['GGD Limburg-Noord (JGZ)'],
  sociaal_domein: ['Wijkteam', 'Jeugdhulp Noord-Limburg'],
  ggz: ['GGZ Noord-Limburg', 'Praktijk ouder en kind'],
  medisch_specialistisch: ['VieCuri (kinderafdeling)'],
};
const FUNCTIONS: Record<string, string[]> = {
  geboortezorg: ['Verloskundige', 'Kraamverzorgende', 'Lactatiekundige'],
  jeugdgezondheidszorg: ['JGZ-verpleegkundige', 'Jeugdarts'],
  sociaal_domein: ['Gezinscoach', 'Jeugdhulpverlener'],
  ggz: ['Ouder-kindtherapeut', 'GZ-psycholoog'],
  medisch_specialistisch: ['Kinderarts', 'Medisch maatschappelijk werker'],
};
const FIRST = ['Anouk', 'Bram', 'Carmen', 'Daan', 'Eline', 'Fatma', 'Gijs', 'Hanneke', 'Ilse', 'Joost', 'Karin', 'Lotte', 'Maud', 'Noor'];
const LAST = ['Peeters', 'Janssen', 'Hendriks', 'Verhoeven', 'Gerritsen', 'Willems', 'Smeets', 'Kuijpers', 'Driessen', 'Hermans'];

const PARENT_TIPS = [
  'Ik wist niet altijd wie ik moest bellen.',
  'De kraamverzorgende en de verpleegkundige van het consultatiebureau wisten van elkaar wat er speelde; dat was fijn.',
  'Sneller hulp bij het huilen van onze zoon.',
  'Het hielp dat ik mijn verhaal niet steeds opnieuw hoefde te vertellen.',
  'Meer uitleg over wat er na het eerste gesprek zou gebeuren.',
];

export interface DemoNetworkMember {
  key: string;
  name: string;
  email: string;
  organisation: string;
  role: string;
  domain: string;
  networkRole: string;
}

export interface DemoNetworkResponse {
  /** Index into members; null for a parent's anonymous response. */
  member: number | null;
  round: string;
  startedAt: string;
  submittedAt: string;
  cells: DemoCell[];
}

export interface DemoNetwork {
  slug: string;
  study: Study;
  rounds: Round[];
  partners: Partner[];
  questionnaire: ReturnType<typeof quickScanQuestionnaire>;
  members: DemoNetworkMember[];
  responses: DemoNetworkResponse[];
  plan: DemoPlan;
  /** The two accounts that own actions: the network connector and a team member (they cannot log in). */
  accounts: { email: string; name: string; role: 'researcher' | 'trainer' }[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const at = (from: string, days: number, hours = 0) => new Date(Date.parse(from) + days * 86_400_000 + hours * 3_600_000).toISOString();

/** The three networks, in the order of DEMO_NETWORK_SLUGS. */
export function generateDemoNetworks(): DemoNetwork[] {
  return PROFILES.map(network);
}

function network(p: NetworkProfile): DemoNetwork {
  const rng = new Random(p.seed);
  const rounds = halfYearRounds(DEMO_NETWORK_YEAR).map((r, i) => ({ ...r, opensAt: SCAN_TIMES[i][0], closesAt: SCAN_TIMES[i][1] }));
  const keys = rounds.map((r) => r.key);
  const questionnaire = quickScanQuestionnaire(keys);
  const study: Study = {
    slug: p.slug,
    title: { nl: `IMH-netwerk ${p.place} (synthetische demo)`, en: `IMH network ${p.place} (synthetic demo)` },
    description: {
      nl: `Halfjaarlijkse Quick Scan van het lokale IMH-netwerk ${p.place}. Alle gegevens zijn verzonnen.`,
      en: `Half-yearly Quick Scan of the local IMH network ${p.place}. All data are made up.`,
    },
    question: {
      nl: `Waar staat het IMH-netwerk ${p.place} en werkt het verbeterplan?`,
      en: `Where does the IMH network ${p.place} stand, and does its improvement plan work?`,
    },
    organisation: `IMH-netwerk ${p.place}`,
    languages: ['nl', 'en'],
    defaultLanguage: 'nl',
    colophon: { organisation: `IMH-netwerk ${p.place}`, partOf: 'IMH-regio Noord-Limburg (synthetische demo)' },
    settings: { teamMode: true },
    vocabulary: structuredClone(QUICK_SCAN_VOCABULARY),
    groups: structuredClone(QUICK_SCAN_GROUPS),
    cohortAttributes: structuredClone(QUICK_SCAN_ATTRIBUTES),
    domainCoverage: structuredClone(QUICK_SCAN_DOMAIN_COVERAGE),
  };

  // The cohort: the team first (its first two are the network connectors), then the support network.
  const present = IMH_DOMAINS.map((d) => d.value).filter((d) => !p.missing.includes(d));
  const members: DemoNetworkMember[] = [];
  const names = rng.shuffle(FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`)));
  for (let i = 0; i < p.team + p.support; i++) {
    const domain = present[i % present.length];
    const name = names[i];
    members.push({
      key: `${p.slug.replace('imh-netwerk-', '')}-${String(i + 1).padStart(2, '0')}`,
      name,
      email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.org`,
      organisation: rng.pick(ORGANISATIONS[domain]),
      role: rng.pick(FUNCTIONS[domain]),
      domain,
      networkRole: i < 2 ? 'netwerkverbinder' : i < p.team ? 'netwerkteam' : 'steunnetwerk',
    });
  }

  const available = new Map(QUICK_SCAN_INTERVENTIONS.map((iv) => [iv.key, rng.next() < p.available]));
  const responses: DemoNetworkResponse[] = [];
  rounds.forEach((round, r) => {
    const opens = round.opensAt!;
    members.forEach((m, index) => {
      // Team members nearly always answer; the support network a little less often.
      if (rng.next() > (m.networkRole === 'steunnetwerk' ? 0.8 : 0.95)) return;
      const started = at(opens, rng.int(0, 20), rng.int(1, 9));
      responses.push({
        member: index,
        round: round.key,
        startedAt: started,
        submittedAt: at(started, 0, 0.25),
        cells: professionalCells(rng, p, r, m, present, available),
      });
    });
    for (let k = 0; k < p.parents[r]; k++) {
      const started = at(opens, rng.int(0, 22), rng.int(1, 12));
      responses.push({
        member: null,
        round: round.key,
        startedAt: started,
        submittedAt: at(started, 0, 0.1),
        cells: parentCells(rng, p, r),
      });
    }
  });
  responses.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const place = p.place.split(' ')[0].toLowerCase();
  return {
    slug: p.slug,
    study,
    rounds,
    partners: structuredClone(QUICK_SCAN_PARTNERS),
    questionnaire,
    members,
    responses,
    plan: p.plan,
    accounts: [
      { email: `netwerkverbinder.${place}@example.org`, name: `${members[0].name} (netwerkverbinder, demo)`, role: 'researcher' },
      { email: `netwerkteam.${place}@example.org`, name: `${members[2].name} (netwerkteam, demo)`, role: 'trainer' },
    ],
  };
}

/** An agreement code 1–5 around a mean, or "don't know" now and then. */
function agreement(rng: Random, mean: number): DemoCell['code'] {
  return clamp(Math.round(mean + rng.normal() * 0.8), 1, 5);
}

function professionalCells(
  rng: Random,
  p: NetworkProfile,
  r: number,
  m: DemoNetworkMember,
  present: string[],
  available: Map<string, boolean>,
): DemoCell[] {
  const cells: DemoCell[] = [];
  IMH_DOMAINS.forEach((d, i) => {
    // Most name the domains the network has; in the first scan one or two of the support network think a missing one is there.
    const draw = rng.next();
    const named = present.includes(d.value) ? draw < 0.88 : r === 0 && m.networkRole === 'steunnetwerk' && draw < 0.3;
    cells.push({ item: 'domains', option: i + 1, code: named ? 1 : 0 });
  });
  cells.push({ item: 'case_meetings', code: clamp(Math.round(3.3 + r * 0.3 + rng.normal() * 0.8), 1, 5) });
  cells.push({ item: 'families', code: rng.int(m.networkRole === 'steunnetwerk' ? 0 : 2, m.networkRole === 'steunnetwerk' ? 6 : 14) });
  for (const iv of QUICK_SCAN_INTERVENTIONS) {
    const known = rng.next() < (m.networkRole === 'steunnetwerk' ? 0.75 : 0.9);
    cells.push({ item: `avail_${iv.key}`, code: !known ? 3 : available.get(iv.key) ? 1 : 2 });
  }
  for (const q of QUALITY_REQUIREMENTS) {
    if (rng.next() < 0.08) cells.push({ item: q.id, missing: 'dont_know' });
    else cells.push({ item: q.id, code: rng.next() < p.quality[r] ? 1 : 0 });
  }
  for (const id of ['guide_signal', 'guide_discuss', 'guide_refer']) cells.push({ item: id, code: agreement(rng, p.guidance[r]) });
  QUICK_SCAN_PARTNERS.forEach((_, partner) => {
    const frequency = clamp(Math.round(2.6 + r * 0.2 + rng.normal() * 1.1), 1, 5);
    cells.push({ item: 'collab', partner, facet: 'frequency', code: frequency });
    if (frequency === 1) cells.push({ item: 'collab', partner, facet: 'quality', missing: 'not_applicable' });
    else cells.push({ item: 'collab', partner, facet: 'quality', code: clamp(Math.round(3.5 + r * 0.2 + rng.normal() * 0.8), 1, 5) });
  });
  cells.push({ item: 'collab_overall', code: agreement(rng, p.guidance[r] + 0.1) });
  cells.push({ item: 'sat_professionals', code: clamp(Math.round(p.satisfaction[0] + r * 0.3 + rng.normal() * 1.0), 1, 10) });
  const priorities = rng.shuffle([1, 2, 3, 4, 5, 6]).slice(0, rng.int(1, 2));
  for (let code = 1; code <= 6; code++) cells.push({ item: 'priorities', option: code, code: priorities.includes(code) ? 1 : 0 });
  if (rng.next() < 0.4) cells.push({ item: 'improvement_points', text: rng.pick(p.improvementTexts) });
  return cells;
}

function parentCells(rng: Random, p: NetworkProfile, r: number): DemoCell[] {
  const cells: DemoCell[] = [{ item: 'sat_parents', code: clamp(Math.round(p.satisfaction[1] + r * 0.2 + rng.normal() * 1.2), 1, 10) }];
  cells.push({ item: 'parent_heard', code: agreement(rng, 3.9 + r * 0.1) });
  if (rng.next() < 0.1) cells.push({ item: 'parent_one_contact', missing: 'dont_know' });
  else cells.push({ item: 'parent_one_contact', code: rng.next() < p.quality[r] + 0.1 ? 1 : 0 });
  if (rng.next() < 0.3) cells.push({ item: 'parent_tip', text: rng.pick(PARENT_TIPS) });
  return cells;
}
