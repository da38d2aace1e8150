import type { Store } from '../../server/db/open.js';
import { submittedStatements } from '../helpers/responses.js';
import type { Indicator, Item } from '../../model/index.js';
import { createStudy } from '../../server/studies/create-study.js';
import { addAction, createPlan, decidePoint, proposePoint, savePdca } from '../../server/improvement/store.js';

/**
 * Generated network studies for the programme tests (not the demo): small half-yearly Quick
 * Scans in Dutch only — a statement on the guideline, an availability yes/no and a rating, with
 * three indicators — a cohort with a `domein` attribute (five domains) and two rounds of answers.
 * Each network has its own size, so one is large enough for percentages and another is a small
 * team whose shares stay hidden.
 */
export const ROUNDS = ['h1_2027', 'h2_2027'] as const;
export const DOMAINS = ['jgz', 'ggz', 'kinderopvang', 'sociaal_domein', 'verloskunde'] as const;

const agree = {
  points: [1, 2, 3, 4, 5].map((code) => ({
    code,
    label: { nl: ['Helemaal oneens', 'Oneens', 'Neutraal', 'Eens', 'Helemaal eens'][code - 1] },
  })),
  topBox: [4, 5],
  dontKnow: true,
};
const base = { required: false, rounds: [...ROUNDS], measure: 'other' as const };

export const NETWORK_ITEMS: Item[] = [
  { ...base, id: 'richtlijn', type: 'likert', text: { nl: 'We werken volgens de richtlijn' }, scale: agree },
  { ...base, id: 'aanbod', type: 'yesno', text: { nl: 'Is de interventie beschikbaar?' }, dontKnow: true, measure: 'availability' },
  { ...base, id: 'cijfer', type: 'rating', text: { nl: 'Rapportcijfer voor de samenwerking' }, min: 1, max: 10 },
];

export const NETWORK_INDICATORS: Indicator[] = [
  { key: 'richtlijn', name: { nl: 'Werken volgens de richtlijn' }, items: ['richtlijn'], summary: 'share-agreeing' },
  { key: 'aanbod', name: { nl: 'Interventie beschikbaar' }, items: ['aanbod'], summary: 'share-yes' },
  { key: 'samenwerking', name: { nl: 'Rapportcijfer samenwerking' }, items: ['cijfer'], summary: 'mean-score' },
];

export interface NetworkSpec {
  slug: string;
  title: string;
  /** Team size: every member answers both rounds. */
  members: number;
  /** Domains the members belong to, in turn (default: all five). */
  domains?: readonly string[];
  teamMode?: boolean;
  /** Leave these indicators out of the questionnaire (a study that does not use the same Quick Scan). */
  without?: string[];
  /** Summarise these indicators otherwise (same key, another summary). */
  summaries?: Record<string, Indicator['summary']>;
}

/** Creates one generated network study with its cohort, invitations and submitted answers; returns its id. */
export async function createNetwork(store: Store, spec: NetworkSpec): Promise<number> {
  const created = await createStudy(store.db, {
    study: {
      slug: spec.slug,
      title: { nl: spec.title },
      description: { nl: '' },
      organisation: 'IMH-netwerk',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
      cohortAttributes: [
        {
          key: 'domein',
          label: { nl: 'Domein' },
          values: DOMAINS.map((value) => ({ value, label: { nl: value.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()) } })),
        },
      ],
      domainCoverage: { attribute: 'domein' },
      ...(spec.teamMode ? { settings: { teamMode: true } } : {}),
    },
    rounds: [
      { key: ROUNDS[0], label: { nl: 'Eerste halfjaar 2027' }, opensAt: null, closesAt: null },
      { key: ROUNDS[1], label: { nl: 'Tweede halfjaar 2027' }, opensAt: null, closesAt: null },
    ],
    partners: [],
    tools: [],
    questionnaire: {
      format: 'rondo.questionnaire/1',
      title: { nl: 'Quick Scan' },
      sections: [{ key: 'scan', title: { nl: 'Quick Scan' }, items: NETWORK_ITEMS }],
      indicators: NETWORK_INDICATORS.filter((i) => !spec.without?.includes(i.key)).map((i) => ({
        ...i,
        summary: spec.summaries?.[i.key] ?? i.summary,
      })),
    },
  });
  const s = store.sqlite;
  const domains = spec.domains ?? DOMAINS;
  s.transaction(() => {
    const at = (r: number) => `2027-0${r * 6 + 1}-15T10:00:00.000Z`;
    const insP = s.prepare(
      "insert into participant (study_id, key, organisation, role, team, created_at) values (?, ?, 'Netwerk', 'professional', '', ?)",
    );
    const insAttr = s.prepare("insert into participant_attribute (participant_id, key, value) values (?, 'domein', ?)");
    const { insI, insR, insA } = submittedStatements(s);
    for (let u = 0; u < spec.members; u++) {
      const pid = Number(insP.run(created.studyId, `P-${u + 1}`, at(0)).lastInsertRowid);
      if (domains.length) insAttr.run(pid, domains[u % domains.length]);
      ROUNDS.forEach((key, r) => {
        const roundId = created.roundIds[key];
        const inv = Number(insI.run(pid, roundId, `${spec.slug}-${pid}-${r}`, at(r), at(r), at(r)).lastInsertRowid);
        const rid = Number(
          insR.run(created.studyId, roundId, pid, inv, created.questionnaireVersionId, at(r), at(r), at(r)).lastInsertRowid,
        );
        // Deterministic answers that improve a little from the first half-year to the second.
        insA.run(rid, 'richtlijn', '', 2 + ((u + r * 2) % 4));
        insA.run(rid, 'aanbod', '', (u + r) % 3 === 0 ? 0 : 1);
        insA.run(rid, 'cijfer', '', 5 + ((u * 3 + r * 2) % 5));
      });
    }
  })();
  return created.studyId;
}

/** A selected improvement point with a yearly plan, two actions (one done) and a first-quarter PDCA entry. */
export async function addPlan(store: Store, studyId: number, ownerUserId: number): Promise<void> {
  const by = { actor: 'cli', session: '', userId: ownerUserId, now: new Date('2027-08-01T09:00:00Z') };
  const word = { nl: 'meting', en: 'round' };
  const point = await proposePoint(store.db, studyId, { source: 'indicator', ref: 'richtlijn', title: 'Richtlijn beter volgen' }, by, word);
  await decidePoint(store.db, studyId, point, { by: 'connector', version: 1 }, by);
  const plan = await createPlan(
    store.db,
    studyId,
    { point, year: 2027, goal: 'Iedere casus volgens de richtlijn bespreken', indicators: [{ key: 'richtlijn', target: 0.8 }] },
    by,
  );
  await addAction(
    store.db,
    studyId,
    plan,
    { description: 'Richtlijn bespreken in de intervisie', owner: ownerUserId, due: '2027-09-30', status: 'done' },
    by,
  );
  await addAction(store.db, studyId, plan, { description: 'Sociale kaart bijwerken', owner: ownerUserId, due: '2027-12-15' }, by);
  await savePdca(store.db, studyId, plan, 1, { version: null, done: 'Besproken', measured: 'Nog niet', adjusted: '' }, by);
}
