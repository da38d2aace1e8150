import type { LocalText } from '../../model/index.js';
import { createStudy } from '../../server/studies/create-study.js';
import type { LoggedIn, TestApp } from '../helpers/app.js';

/**
 * A generated network study that is not the demo (domainsui, issue 17): a half-yearly network
 * monitor of "Netwerk Jonge Kind Zuid", Dutch only, whose four domains (werkvelden) are a cohort
 * attribute set through the cohort screen's API, with a role attribute (netwerkteam /
 * steunnetwerk), a free-text attribute, a multiple-choice question whose options are the domains,
 * one whose options are not, and a single-choice question. Six members; nobody from the social
 * domain, so one domain is missing.
 */
export const ZUID = 'netwerk-zuid';
const nl = (text: string): LocalText => ({ nl: text });
const rounds = ['h1', 'h2'];
const DOMAINS = ['Jeugdgezondheidszorg', 'Kinderopvang', 'Huisartsenzorg', 'Sociaal domein'];

const QUESTIONNAIRE = {
  format: 'rondo.questionnaire/1',
  title: nl('Netwerkmonitor Zuid'),
  sections: [
    {
      key: 'netwerk',
      title: nl('Het netwerk'),
      items: [
        {
          id: 'domeinen',
          type: 'multi',
          text: nl('Welke werkvelden zijn in het netwerk vertegenwoordigd?'),
          required: false,
          rounds,
          measure: 'background',
          options: DOMAINS.map((label, i) => ({ code: i + 1, label: nl(label) })),
        },
        {
          id: 'prioriteit',
          type: 'multi',
          text: nl('Wat moet het netwerk eerst oppakken?'),
          required: false,
          rounds,
          measure: 'background',
          options: ['Scholing', 'Verwijzen', 'Overleg'].map((label, i) => ({ code: i + 1, label: nl(label) })),
        },
        {
          id: 'werkveld',
          type: 'single',
          text: nl('In welk werkveld werkt u?'),
          required: false,
          rounds,
          measure: 'background',
          options: DOMAINS.map((label, i) => ({ code: i + 1, label: nl(label) })),
        },
        {
          id: 'cijfer',
          type: 'rating',
          text: nl('Welk cijfer geeft u de samenwerking?'),
          required: true,
          rounds,
          measure: 'satisfaction',
          min: 1,
          max: 10,
        },
      ],
    },
  ],
};

export const ATTRIBUTES = [
  {
    key: 'werkveld',
    label: { nl: 'Werkveld', en: 'Domain' },
    values: [
      { value: 'jgz', label: { nl: 'Jeugdgezondheidszorg', en: 'Youth health care' } },
      { value: 'ko', label: { nl: 'Kinderopvang', en: 'Childcare' } },
      { value: 'ha', label: { nl: 'Huisartsenzorg', en: 'General practice' } },
      { value: 'sd', label: { nl: 'Sociaal domein', en: 'Social domain' } },
    ],
  },
  {
    key: 'netwerkrol',
    label: { nl: 'Rol in het netwerk', en: 'Role in the network' },
    values: [
      { value: 'team', label: { nl: 'Netwerkteam', en: 'Network team' } },
      { value: 'steun', label: { nl: 'Steunnetwerk', en: 'Support network' } },
    ],
  },
  { key: 'gemeente', label: { nl: 'Gemeente', en: 'Municipality' } },
];

const MEMBERS: [string, string, string][] = [
  ['Anouk de Vries', 'jgz', 'team'],
  ['Bram Peters', 'jgz', 'steun'],
  ['Carla Janssen', 'ko', 'team'],
  ['Dirk Smeets', 'ha', 'team'],
  ['Eva Hermans', 'ha', 'steun'],
  ['Fatima El Amrani', 'ko', 'steun'],
];

/** The study, its attributes and members, written as the connector would through the cohort screen's API. */
export async function createZuidStudy(t: TestApp, connector: () => Promise<LoggedIn>) {
  await createStudy(t.data.store.db, {
    study: {
      slug: ZUID,
      title: nl('Netwerkmonitor Jonge Kind Zuid'),
      description: nl('De halfjaarlijkse monitor van het netwerk.'),
      organisation: 'Netwerk Jonge Kind Zuid',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: [
      { key: 'h1', label: nl('Eerste halfjaar 2027'), opensAt: '2027-01-01T00:00:00Z', closesAt: '2027-06-30T00:00:00Z' },
      { key: 'h2', label: nl('Tweede halfjaar 2027'), opensAt: '2027-07-01T00:00:00Z', closesAt: '2027-12-31T00:00:00Z' },
    ],
    partners: [],
    tools: [],
    questionnaire: QUESTIONNAIRE,
  });
  const who = await connector();
  const base = `/api/studies/${ZUID}`;
  const put = await t.app.inject({
    method: 'PUT',
    url: `${base}/cohort/attributes`,
    headers: who.headers,
    payload: { attributes: ATTRIBUTES },
  });
  if (put.statusCode !== 200) throw new Error(`attributes: ${put.statusCode} ${put.body}`);
  for (const [name, werkveld, rol] of MEMBERS) {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/participants`,
      headers: who.headers,
      payload: {
        name,
        email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.nl`,
        organisation: 'Netwerk Zuid',
        role: '',
        team: '',
        attributes: { werkveld, netwerkrol: rol, gemeente: 'Maastricht' },
      },
    });
    if (res.statusCode !== 201) throw new Error(`participant: ${res.statusCode} ${res.body}`);
  }
  return who;
}
