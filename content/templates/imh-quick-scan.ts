import type { CohortAttribute } from '../../model/cohort-attributes.js';
import type { DomainCoverageSetting } from '../../model/domains.js';
import type { Item, Partner, Questionnaire, ScalePoint } from '../../model/index.js';
import type { RespondentGroup } from '../../model/respondent-groups.js';
import type { Vocabulary } from '../../model/vocabulary.js';
import { AGREEMENT, FREQUENCY, QUALITY } from './scales.js';

/**
 * Template "IMH Quick Scan (network, half-yearly)" (issue 17, deliverable 1): the self-assessment
 * a local IMH network team fills in at its half-yearly intervision, from STAP 3 and appendices A,
 * B and C of IMH Nederland's handbook on network care. Which interventions are available and which
 * are missing, which of the five domains are represented, which quality requirements are met, how
 * able professionals feel to guide parents, the collaboration with the network's partners, the
 * satisfaction of professionals and — through the anonymous parents' link — of parents, and the
 * improvement points the team wants to work on. Everything here is a starting point: the connector
 * edits questions, interventions, partners and the domain list like any study's.
 */
export const QUICK_SCAN_TEMPLATE_NAME = { nl: 'IMH Quick Scan netwerkzorg (halfjaarlijks)', en: 'IMH network Quick Scan (half-yearly)' };

/** A network's words: no training, no tools; its members are network partners and a round is a scan. */
export const QUICK_SCAN_VOCABULARY: Vocabulary = {
  intervention: {
    nl: { one: 'netwerkaanpak', many: 'netwerkaanpakken', article: 'de' },
    en: { one: 'network approach', many: 'network approaches' },
  },
  tool: { nl: { one: 'hulpmiddel', many: 'hulpmiddelen', article: 'het' }, en: { one: 'resource', many: 'resources' } },
  partner: {
    nl: { one: 'netwerkpartner', many: 'netwerkpartners', article: 'de' },
    en: { one: 'network partner', many: 'network partners' },
  },
  round: { nl: { one: 'scan', many: 'scans', article: 'de' }, en: { one: 'scan', many: 'scans' } },
  participant: { nl: { one: 'respondent', many: 'respondenten', article: 'de' }, en: { one: 'respondent', many: 'respondents' } },
};

/**
 * The five domains of the network map (handbook chapter 2, after Zero to Three). The handbook's
 * figure is not in its text; these are the domains its partner lists name. A network edits the
 * list (Deelnemers → Kenmerken) like any cohort attribute.
 */
export const IMH_DOMAINS: { value: string; label: { nl: string; en: string } }[] = [
  { value: 'geboortezorg', label: { nl: 'Geboortezorg', en: 'Maternity care' } },
  { value: 'jeugdgezondheidszorg', label: { nl: 'Jeugdgezondheidszorg', en: 'Youth health care' } },
  { value: 'sociaal_domein', label: { nl: 'Sociaal domein / jeugdhulp', en: 'Social domain / youth care' } },
  { value: 'ggz', label: { nl: '(Ouder- en kind-)GGZ', en: '(Parent and child) mental health care' } },
  { value: 'medisch_specialistisch', label: { nl: 'Medisch-specialistische zorg', en: 'Medical specialist care' } },
];

/** Appendix A: the local network team, its support network, and the team's (usually two) network connectors. */
export const NETWORK_ROLES: { value: string; label: { nl: string; en: string } }[] = [
  { value: 'netwerkteam', label: { nl: 'IMH-netwerkteam', en: 'IMH network team' } },
  { value: 'steunnetwerk', label: { nl: 'IMH-steunnetwerk', en: 'IMH support network' } },
  { value: 'netwerkverbinder', label: { nl: 'Netwerkverbinder', en: 'Network connector' } },
];

export const QUICK_SCAN_ATTRIBUTES: CohortAttribute[] = [
  { key: 'domain', label: { nl: 'Domein', en: 'Domain' }, values: structuredClone(IMH_DOMAINS) },
  { key: 'network_role', label: { nl: 'Rol in het netwerk', en: 'Role in the network' }, values: structuredClone(NETWORK_ROLES) },
];

export const QUICK_SCAN_DOMAIN_COVERAGE: DomainCoverageSetting = { attribute: 'domain', roleAttribute: 'network_role', item: 'domains' };

/** The handbook's list of partners every network connects with (appendix B), with their domain. */
export const QUICK_SCAN_PARTNERS: Partner[] = [
  { name: 'Verloskundige', domain: 'Geboortezorg' },
  { name: 'Kraamzorg / babythuiszorg', domain: 'Geboortezorg' },
  { name: 'Jeugdgezondheidszorg (consultatiebureau)', domain: 'Jeugdgezondheidszorg' },
  { name: 'Wijkteam', domain: 'Sociaal domein / jeugdhulp' },
  { name: 'IMH-team jeugdzorg', domain: 'Sociaal domein / jeugdhulp' },
  { name: 'IMH-team volwassenen-GGZ', domain: '(Ouder- en kind-)GGZ' },
  { name: 'POP-poli', domain: 'Medisch-specialistische zorg' },
  { name: 'Ziekenhuis (kinderarts)', domain: 'Medisch-specialistische zorg' },
  { name: 'Huisarts', domain: 'Huisartsenzorg' },
  { name: 'Lactatiekundige', domain: 'Geboortezorg' },
  { name: 'Veilig Thuis / jeugdbescherming', domain: 'Sociaal domein / jeugdhulp' },
];

/** The basic offer a region works towards (handbook, "beschikbare interventies"): id suffix and name. */
export const QUICK_SCAN_INTERVENTIONS: { key: string; name: string }[] = [
  { key: 'baby_iog', name: 'Baby IOG' },
  { key: 'babyhuiszorg', name: 'Babyhuiszorg' },
  { key: 'basic_trust', name: 'Basic Trust' },
  { key: 'oki_b', name: 'OKI-B' },
  { key: 'nika', name: 'NIKA (Drakentemmers)' },
  { key: 'oktt', name: 'Ouder Kind Trauma Therapie (OKTT)' },
  { key: 'ouder_baby', name: 'Ouder-baby interventie' },
  { key: 'onrustige_baby', name: 'Protocol onrustige baby' },
];

/** Available / missing / don't know: whether the network can offer an intervention (a network-level fact). */
export const AVAILABILITY: ScalePoint[] = [
  { code: 1, label: { nl: 'Beschikbaar', en: 'Available' } },
  { code: 2, label: { nl: 'Ontbreekt', en: 'Missing' } },
  { code: 3, label: { nl: 'Weet ik niet', en: "Don't know" } },
];

/** Appendix C's quality requirements for network care, each asked as yes / no / don't know. */
export const QUALITY_REQUIREMENTS: { id: string; nl: string; en: string }[] = [
  {
    id: 'q_intervision',
    nl: 'Ons netwerk houdt minimaal twee keer per jaar intervisie.',
    en: 'Our network holds intervision at least twice a year.',
  },
  {
    id: 'q_family_plan',
    nl: 'Voor een gezin maken we één gezamenlijk, gezinsgericht plan.',
    en: 'For a family we make one joint, family-centred plan.',
  },
  {
    id: 'q_contact_person',
    nl: 'Per traject komen we samen met ouders tot één aanspreekpunt.',
    en: 'For each trajectory we agree one contact person together with the parents.',
  },
  {
    id: 'q_social_map',
    nl: 'De sociale kaart van ons netwerk is het afgelopen jaar bijgewerkt.',
    en: "Our network's social map was updated in the past year.",
  },
  {
    id: 'q_improvement_points',
    nl: 'We hebben het afgelopen jaar verbeterpunten geselecteerd aan de hand van de indicatoren.',
    en: 'In the past year we selected improvement points from the indicators.',
  },
  {
    id: 'q_connector_meetings',
    nl: 'Een netwerkverbinder neemt deel aan de jaarlijkse bijeenkomsten van IMH Nederland.',
    en: 'A network connector takes part in the yearly meetings of IMH Nederland.',
  },
];

const GUIDANCE: { id: string; nl: string; en: string }[] = [
  {
    id: 'guide_signal',
    nl: 'Ik voel mij in staat om zorgen over de ouder-kindrelatie tijdig te signaleren.',
    en: 'I feel able to notice concerns about the parent–child relationship in time.',
  },
  {
    id: 'guide_discuss',
    nl: 'Ik voel mij in staat om die zorgen met ouders te bespreken.',
    en: 'I feel able to discuss those concerns with parents.',
  },
  {
    id: 'guide_refer',
    nl: 'Ik weet welke netwerkpartner ik inschakel als een gezin meer nodig heeft.',
    en: 'I know which network partner to involve when a family needs more.',
  },
];

const PRIORITIES: ScalePoint[] = [
  { code: 1, label: { nl: 'Bereik van gezinnen', en: 'Reaching families' } },
  { code: 2, label: { nl: 'Ontbrekende interventies', en: 'Missing interventions' } },
  { code: 3, label: { nl: 'Een ontbrekend domein', en: 'A missing domain' } },
  { code: 4, label: { nl: 'Eén plan en één aanspreekpunt per gezin', en: 'One plan and one contact person per family' } },
  { code: 5, label: { nl: 'Intervisie en scholing', en: 'Intervision and learning' } },
  { code: 6, label: { nl: 'De sociale kaart', en: 'The social map' } },
];

/** The professionals' sections; the parents' group sees only `parents`. */
export const PROFESSIONAL_SECTIONS = ['network', 'interventions', 'quality', 'guidance', 'collaboration', 'satisfaction', 'improvement'];

export const QUICK_SCAN_GROUPS: RespondentGroup[] = [
  {
    key: 'professionals',
    name: { nl: 'Professionals', en: 'Professionals' },
    intro: {
      nl:
        'Deze Quick Scan vullen het IMH-netwerkteam en het steunnetwerk samen in tijdens de halfjaarlijkse intervisie. ' +
        'Uw antwoorden laten zien waar het netwerk staat en waar het kan verbeteren.',
      en:
        'The IMH network team and the support network fill in this Quick Scan together at the half-yearly intervision. ' +
        'Your answers show where the network stands and where it can improve.',
    },
    sections: PROFESSIONAL_SECTIONS,
    reach: ['personal'],
  },
  {
    key: 'parents',
    name: { nl: 'Ouders', en: 'Parents' },
    intro: {
      nl:
        'U heeft de afgelopen tijd hulp gekregen van professionals uit ons netwerk rond uw baby of jonge kind. ' +
        'Wij horen graag hoe u dat heeft ervaren. De vragenlijst duurt ongeveer 3 minuten en is anoniem: ' +
        'wij weten niet wie u bent.',
      en:
        'In the past months you received help from professionals of our network around your baby or young child. ' +
        'We would like to hear how you experienced it. The questionnaire takes about 3 minutes and is anonymous: ' +
        'we do not know who you are.',
    },
    sections: ['parents'],
    reach: ['anonymous'],
  },
];

/** The Quick Scan's questions, asked in every round given (the half-yearly scans). */
export function quickScanQuestionnaire(rounds: string[]): Questionnaire {
  const base = { required: false, rounds };
  const likert = (id: string, nl: string, en: string, measure: Item['measure'] = 'competence'): Item => ({
    ...base,
    id,
    type: 'likert',
    measure,
    scale: structuredClone(AGREEMENT),
    text: { nl, en },
  });
  const rating = (id: string, nl: string, en: string): Item => ({
    ...base,
    id,
    type: 'rating',
    measure: 'satisfaction',
    min: 1,
    max: 10,
    topBoxFrom: 7,
    minLabel: { nl: 'Zeer ontevreden', en: 'Very dissatisfied' },
    maxLabel: { nl: 'Zeer tevreden', en: 'Very satisfied' },
    text: { nl, en },
  });
  return {
    format: 'rondo.questionnaire/1',
    title: { nl: 'IMH Quick Scan netwerkzorg', en: 'IMH network Quick Scan' },
    estimatedMinutes: 10,
    sections: [
      {
        key: 'network',
        title: { nl: 'Het netwerk', en: 'The network' },
        intro: {
          nl: 'Het netwerkteam en het steunnetwerk samen verbinden de vijf domeinen rond ouders en hun jonge kind.',
          en: 'Together the network team and the support network connect the five domains around parents and their young child.',
        },
        items: [
          {
            ...base,
            id: 'domains',
            type: 'multi',
            measure: 'background',
            text: {
              nl: 'Welke domeinen zijn in ons netwerk (netwerkteam en steunnetwerk) vertegenwoordigd?',
              en: 'Which domains are represented in our network (network team and support network)?',
            },
            help: { nl: 'Kies alle domeinen die van toepassing zijn.', en: 'Choose every domain that applies.' },
            options: IMH_DOMAINS.map((d, i) => ({ code: i + 1, label: { ...d.label } })),
          },
          {
            ...base,
            id: 'case_meetings',
            type: 'frequency',
            measure: 'collaboration-frequency',
            scale: structuredClone(FREQUENCY),
            text: {
              nl: 'Hoe vaak bespreekt u een gezin met professionals uit het netwerk?',
              en: 'How often do you discuss a family with professionals of the network?',
            },
          },
          {
            ...base,
            id: 'families',
            type: 'number',
            measure: 'background',
            min: 0,
            max: 500,
            integer: true,
            unit: { nl: 'gezinnen', en: 'families' },
            text: {
              nl: 'Hoeveel gezinnen heeft u het afgelopen half jaar samen met het netwerk begeleid?',
              en: 'How many families did you guide together with the network in the past six months?',
            },
          },
        ],
      },
      {
        key: 'interventions',
        title: { nl: 'Beschikbare interventies', en: 'Available interventions' },
        intro: {
          nl: 'Welke interventies kan het netwerk gezinnen bieden, en welke ontbreken nog?',
          en: 'Which interventions can the network offer families, and which are still missing?',
        },
        items: QUICK_SCAN_INTERVENTIONS.map(
          (iv): Item => ({
            ...base,
            id: `avail_${iv.key}`,
            type: 'single',
            measure: 'availability',
            text: { nl: `${iv.name} in ons netwerk`, en: `${iv.name} in our network` },
            options: structuredClone(AVAILABILITY),
          }),
        ),
      },
      {
        key: 'quality',
        title: { nl: 'Kwaliteitseisen', en: 'Quality requirements' },
        intro: {
          nl: 'De kwaliteitseisen voor netwerkzorg van IMH Nederland. Geldt dit nu voor ons netwerk?',
          en: "IMH Nederland's quality requirements for network care. Does this hold for our network now?",
        },
        items: QUALITY_REQUIREMENTS.map(
          (q): Item => ({ ...base, id: q.id, type: 'yesno', measure: 'other', dontKnow: true, text: { nl: q.nl, en: q.en } }),
        ),
      },
      {
        key: 'guidance',
        title: { nl: 'Ouders begeleiden', en: 'Guiding parents' },
        intro: {
          nl: 'In hoeverre bent u het eens met de volgende uitspraken?',
          en: 'To what extent do you agree with the following statements?',
        },
        items: GUIDANCE.map((g) => likert(g.id, g.nl, g.en)),
      },
      {
        key: 'collaboration',
        title: { nl: 'Samenwerking met netwerkpartners', en: 'Collaboration with network partners' },
        intro: {
          nl: 'Hoe vaak werkte u het afgelopen half jaar samen met deze netwerkpartners, en hoe goed verliep dat?',
          en: 'How often did you work with these network partners in the past six months, and how well did it go?',
        },
        items: [
          {
            ...base,
            id: 'collab',
            type: 'partnerGrid',
            measure: 'collaboration-frequency',
            text: { nl: 'Samenwerking per netwerkpartner', en: 'Collaboration per network partner' },
            facets: [
              {
                key: 'frequency',
                measure: 'collaboration-frequency',
                label: { nl: 'Hoe vaak?', en: 'How often?' },
                scale: structuredClone(FREQUENCY),
              },
              {
                key: 'quality',
                measure: 'collaboration-quality',
                label: { nl: 'Hoe goed?', en: 'How well?' },
                scale: structuredClone(QUALITY),
              },
            ],
          },
          likert(
            'collab_overall',
            'De samenwerking in ons netwerk verloopt goed.',
            'Collaboration in our network goes well.',
            'collaboration-quality',
          ),
        ],
      },
      {
        key: 'satisfaction',
        title: { nl: 'Tevredenheid', en: 'Satisfaction' },
        items: [
          rating(
            'sat_professionals',
            'Hoe tevreden bent u over de netwerkzorg in de afgelopen periode (1–10)?',
            'How satisfied are you with the network care in the past period (1–10)?',
          ),
        ],
      },
      {
        key: 'improvement',
        title: { nl: 'Verbeterpunten', en: 'Improvement points' },
        items: [
          {
            ...base,
            id: 'priorities',
            type: 'multi',
            measure: 'other',
            maxSelect: 2,
            text: {
              nl: 'Waar zou het netwerk het komende half jaar als eerste aan moeten werken? (kies er hoogstens twee)',
              en: 'What should the network work on first in the coming six months? (choose at most two)',
            },
            options: PRIORITIES,
          },
          {
            ...base,
            id: 'improvement_points',
            type: 'text',
            measure: 'open',
            maxLength: 2000,
            multiline: true,
            text: {
              nl: 'Welke verbeterpunten ziet u voor ons netwerk?',
              en: 'Which improvement points do you see for our network?',
            },
          },
        ],
      },
      {
        key: 'parents',
        title: { nl: 'Uw ervaring', en: 'Your experience' },
        items: [
          rating(
            'sat_parents',
            'Hoe tevreden bent u over de hulp die u kreeg (1–10)?',
            'How satisfied are you with the help you received (1–10)?',
          ),
          likert('parent_heard', 'Ik voelde mij gehoord door de professionals.', 'I felt heard by the professionals.', 'satisfaction'),
          {
            ...base,
            id: 'parent_one_contact',
            type: 'yesno',
            measure: 'satisfaction',
            dontKnow: true,
            text: {
              nl: 'Had u één vast aanspreekpunt voor de hulp aan uw gezin?',
              en: 'Did you have one contact person for the help to your family?',
            },
          },
          {
            ...base,
            id: 'parent_tip',
            type: 'text',
            measure: 'open',
            maxLength: 1000,
            multiline: true,
            text: { nl: 'Wat kan beter?', en: 'What could be better?' },
          },
        ],
      },
    ],
    indicators: [
      {
        key: 'quality_requirements',
        name: { nl: 'Kwaliteitseisen nageleefd', en: 'Quality requirements met' },
        items: QUALITY_REQUIREMENTS.map((q) => q.id),
        summary: 'share-yes',
      },
      {
        key: 'guide_parents',
        name: { nl: 'In staat ouders te begeleiden', en: 'Able to guide parents' },
        items: GUIDANCE.map((g) => g.id),
        summary: 'share-agreeing',
      },
      {
        key: 'collaboration',
        name: { nl: 'Samenwerking verloopt goed', en: 'Collaboration goes well' },
        items: ['collab_overall'],
        summary: 'share-agreeing',
      },
      {
        key: 'satisfaction_professionals',
        name: { nl: 'Tevredenheid professionals', en: 'Satisfaction of professionals' },
        items: ['sat_professionals'],
        summary: 'share-agreeing',
      },
      {
        key: 'satisfaction_parents',
        name: { nl: 'Tevredenheid ouders', en: 'Satisfaction of parents' },
        items: ['sat_parents'],
        summary: 'share-agreeing',
      },
    ],
  };
}
