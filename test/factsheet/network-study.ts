import { partnerSub, toolSub, type Study } from '../../model/index.js';
import { IMH_QUESTIONNAIRE } from '../../content/templates/imh-training.js';
import { Random } from '../../content/demo/random.js';
import { createStudy } from '../../server/studies/create-study.js';
import type { TestApp } from '../helpers/app.js';

/**
 * A study that is not the demo, for the factsheet's layout tests: a half-yearly network
 * monitor of another GGD with 26 members of three other roles in four organisations, six
 * other chain partners, two other tools, rounds named after seasons (Voorjaar 2024 …
 * Voorjaar 2025), an item that falls (comp_discuss) and a last round under 50% (about 42%).
 * Answers are drawn from a seeded generator and written as submitted responses.
 */
export const NETWORK_SLUG = 'netwerk-noord';
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export async function createNetworkStudy(t: TestApp): Promise<number> {
  const rounds = [
    {
      key: 'pre',
      label: { nl: 'Voorjaar 2024', en: 'Spring 2024' },
      opensAt: '2024-03-04T08:00:00.000Z',
      closesAt: '2024-03-29T17:00:00.000Z',
    },
    {
      key: 'mid',
      label: { nl: 'Najaar 2024', en: 'Autumn 2024' },
      opensAt: '2024-09-02T08:00:00.000Z',
      closesAt: '2024-09-27T17:00:00.000Z',
    },
    {
      key: 'post',
      label: { nl: 'Voorjaar 2025', en: 'Spring 2025' },
      opensAt: '2025-03-03T08:00:00.000Z',
      closesAt: '2025-03-28T17:00:00.000Z',
    },
  ];
  const partners = [
    { name: 'Consultatiebureau', domain: 'Publieke gezondheid' },
    { name: 'Kinderfysiotherapeut', domain: 'Paramedische zorg' },
    { name: 'Maatschappelijk werk', domain: 'Sociaal domein' },
    { name: 'Peuterspeelzaal', domain: 'Kinderopvang en onderwijs' },
    { name: 'Verloskundigenpraktijk', domain: 'Geboortezorg' },
    { name: 'Jeugd-GGZ', domain: 'GGZ' },
  ];
  const tools = [
    { name: 'Sociale kaart', description: { nl: 'Overzicht van het aanbod in de regio', en: 'Overview of local services' } },
    { name: 'Eén gezin, één plan', description: { nl: 'Gezamenlijk gezinsplan', en: 'Joint family plan' } },
  ];
  const created = await createStudy(t.data.store.db, {
    study: {
      slug: NETWORK_SLUG,
      title: { nl: 'Netwerkmonitor IMH Noord-Gelderland', en: 'IMH network monitor North Gelderland' },
      description: {
        nl: 'Halfjaarlijkse meting onder de leden van het IMH-netwerk.',
        en: 'Half-yearly survey of the IMH network members.',
      },
      organisation: 'GGD Noord- en Oost-Gelderland',
      languages: ['nl', 'en'],
      defaultLanguage: 'nl',
      colophon: {},
      valueLabels: {
        roles: {
          jeugdarts: { nl: 'jeugdarts', en: 'youth physician' },
          kinderfysio: { nl: 'kinderfysiotherapeut', en: 'paediatric physiotherapist' },
          ambulant: { nl: 'ambulant hulpverlener', en: 'outreach worker' },
        },
      },
    } satisfies Study,
    rounds,
    partners,
    tools,
    questionnaire: IMH_QUESTIONNAIRE,
  });
  const s = t.data.store.sqlite;
  const rnd = new Random(7);
  const roles = ['jeugdarts', 'kinderfysio', 'ambulant'];
  const orgs = ['GGD NOG', 'Kinderfysiotherapie Apeldoorn', 'Sociaal team Zutphen', 'Jeugdhulp Achterhoek'];
  const rates = [0.85, 0.73, 0.42];
  const insP = s.prepare('insert into participant (study_id, key, organisation, role, created_at) values (?, ?, ?, ?, ?)');
  const insI = s.prepare(
    'insert into invitation (participant_id, round_id, token_hash, created_at, sent_at, opened_at, started_at, submitted_at) ' +
      'values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insR = s.prepare(`insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, source,
     started_at, updated_at, submitted_at) values (?, ?, ?, ?, ?, 'submitted', 'web', ?, ?, ?)`);
  const insA = s.prepare('insert into answer (response_id, item, sub, partner_id, tool_id, code, missing) values (?, ?, ?, ?, ?, ?, ?)');
  const keys = ['pre', 'mid', 'post'];
  s.transaction(() => {
    for (let i = 0; i < 26; i++) {
      const pid = Number(
        insP.run(created.studyId, `n${i + 1}`, orgs[i % orgs.length], roles[i % roles.length], '2024-02-01T00:00:00Z').lastInsertRowid,
      );
      const trait = rnd.normal();
      keys.forEach((key, r) => {
        const sent = rounds[r].opensAt;
        const responded = rnd.next() < rates[r];
        const at = `${sent.slice(0, 8)}${String(5 + (i % 20)).padStart(2, '0')}T10:00:00.000Z`;
        const inv = Number(
          insI.run(
            pid,
            created.roundIds[key],
            `h${pid}_${r}`,
            sent,
            sent,
            responded ? at : null,
            responded ? at : null,
            responded ? at : null,
          ).lastInsertRowid,
        );
        if (!responded) return;
        const rid = Number(
          insR.run(created.studyId, created.roundIds[key], pid, inv, created.questionnaireVersionId, at, at, at).lastInsertRowid,
        );
        const a = (
          item: string,
          code: number | null,
          sub = '',
          partner: number | null = null,
          tool: number | null = null,
          missing: string | null = null,
        ) => insA.run(rid, item, sub, partner, tool, code, missing);
        const lik = (shift: number) => clamp(Math.round(3 + 0.7 * trait + shift + 0.7 * rnd.normal()), 1, 5);
        a('know_problems', lik(0.5 * r));
        a('comp_signal', lik(0.3 * r));
        a('comp_discuss', lik(-0.45 * r)); // flips: falls
        a('know_where', lik(r === 1 ? 0.6 : 0.1));
        a('chain_care', lik(0.2 * r));
        const dk = rnd.next() < 0.08;
        a('help_questions', dk ? null : rnd.next() < 0.45 + 0.15 * r ? 1 : 0, '', null, null, dk ? 'dont_know' : null);
        created.partnerIds.forEach((p, k) => {
          const f = clamp(Math.round(2 + (k < 2 ? 0.9 * r : 0.1 * r) + 0.4 * trait + 0.7 * rnd.normal()), 1, 5);
          a('collab', f, partnerSub(p, 'frequency'), p);
          if (f === 1) a('collab', null, partnerSub(p, 'quality'), p, null, 'not_applicable');
          else a('collab', clamp(Math.round(3 + 0.3 * r + 0.6 * rnd.normal()), 1, 5), partnerSub(p, 'quality'), p);
        });
        a('case_discussion', clamp(Math.round(2 + 0.5 * r + rnd.normal()), 1, 5));
        if (r === 0) a('bg_role', 1 + (i % 4));
        if (r > 0) {
          created.toolIds.forEach((tl, k) => a('tools_use', rnd.next() < 0.3 + 0.2 * r + 0.1 * k ? 1 : 0, toolSub(tl), null, tl));
          a('zat_case', rnd.next() < 0.5 ? 1 : 0);
          a('train_tools', lik(0));
          a('train_rating', clamp(Math.round(7 + trait + rnd.normal()), 1, 10));
        }
      });
    }
  })();
  return created.studyId;
}
