import type { TestApp, LoggedIn } from '../helpers/app.js';
import { optionSub, partnerSub, toolSub, type Scale } from '../../model/index.js';
import { FREQUENCY, USE } from '../../content/templates/scales.js';

/**
 * A study of another kind than the demo, made the way a researcher makes it: "Nieuwe studie" →
 * repeated monitor, Dutch only; then a network of eight members in three organisations, with
 * other roles and partners than the training, answering both half-yearly rounds.
 */
export const MONITOR_SLUG = 'netwerk-monitor';

export async function createMonitorStudy(t: TestApp, researcher: LoggedIn): Promise<void> {
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url, headers: researcher.headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  await call('POST', '/api/studies', {
    title: { nl: 'Netwerkmonitor Noord' },
    organisation: 'Netwerk Jonge Kind Noord',
    slug: MONITOR_SLUG,
    languages: ['nl'],
    source: { kind: 'template', template: 'monitor' },
  });
  const base = `/api/studies/${MONITOR_SLUG}`;
  // The network's own words: the interventions whose availability it tracks, its network partners.
  const { definition } = await call('GET', base);
  await call('PUT', `${base}/vocabulary`, {
    vocabulary: {
      ...definition.vocabulary,
      tool: { nl: { one: 'interventie', many: 'interventies' } },
      partner: { nl: { one: 'netwerkpartner', many: 'netwerkpartners' } },
    },
  });
  for (const name of PARTNERS) await call('POST', `${base}/partners`, { name, domain: '' });
  for (const name of INTERVENTIONS) await call('POST', `${base}/tools`, { name, description: { nl: '' } });
  const q = await call('GET', `${base}/questionnaire`);
  const rounds: string[] = q.definition.sections[0].items[0].rounds;
  q.definition.sections.push({
    key: 'network',
    title: { nl: 'Het netwerk' },
    items: [
      {
        id: 'contact',
        type: 'partnerGrid',
        measure: 'collaboration-frequency',
        required: false,
        rounds,
        text: { nl: 'Hoe vaak had u contact met deze netwerkpartners?' },
        facets: [{ key: 'frequency', measure: 'collaboration-frequency', label: { nl: 'Hoe vaak' }, scale: nlOnly(FREQUENCY) }],
      },
      {
        id: 'used',
        type: 'toolGrid',
        measure: 'tool-use',
        required: false,
        rounds,
        text: { nl: 'Heeft u deze interventies het afgelopen halfjaar ingezet?' },
        scale: nlOnly(USE),
      },
    ],
  });
  await call('PUT', `${base}/questionnaire`, { definition: q.definition, baseVersion: q.version, baseRevision: q.revision });
  seedAnswers(t);
}

const PARTNERS = ['Huisartsenpraktijk', 'Kinderfysiotherapie', 'Verloskundigenpraktijk'];
const INTERVENTIONS = ['Video-hometraining', 'Kortdurende IMH-behandeling', 'Oudergroep'];

/** A scale with its Dutch labels only: the study is Dutch only. */
const nlOnly = (scale: Scale): Scale => ({ ...scale, points: scale.points.map((p) => ({ code: p.code, label: { nl: p.label.nl } })) });

/** Eight members answer both rounds (seven in the second); the answers follow a fixed pattern, no randomness. */
function seedAnswers(t: TestApp): void {
  const s = t.data.store.sqlite;
  const study = s.prepare('select id from study where slug = ?').get(MONITOR_SLUG) as { id: number };
  const rounds = s.prepare('select id, key from round where study_id = ? order by position').all(study.id) as { id: number; key: string }[];
  const version = s.prepare('select id from questionnaire_version where study_id = ? order by version desc').get(study.id) as {
    id: number;
  };
  const partners = (s.prepare('select id from partner where study_id = ? order by position').all(study.id) as { id: number }[]).map(
    (r) => r.id,
  );
  const tools = (s.prepare('select id from tool where study_id = ? order by position').all(study.id) as { id: number }[]).map((r) => r.id);
  const orgs = ['Huisartsenpraktijk De Linde', 'Kinderfysiotherapie Noord', 'Wijkteam Centrum'];
  const roles = ['netwerkverbinder', 'jeugdarts', 'kinderfysiotherapeut', 'ambulant hulpverlener'];
  s.transaction(() => {
    const insP = s.prepare(
      'insert into participant (study_id, key, organisation, role, team, left_from_round_id, created_at) ' +
        "values (?, ?, ?, ?, '', null, '2026-01-01T00:00:00.000Z')",
    );
    const insI = s.prepare(
      'insert into invitation (participant_id, round_id, token_hash, created_at, sent_at, submitted_at) values (?, ?, ?, ?, ?, ?)',
    );
    const insR = s.prepare(
      'insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, anonymous, source, ' +
        "started_at, updated_at, submitted_at) values (?, ?, ?, ?, ?, 'submitted', 0, 'test', ?, ?, ?)",
    );
    const insG = s.prepare(
      'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values (?, ?, ?, ?, ?, ?, null, null)',
    );
    const insA = s.prepare(
      'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values (?, ?, ?, null, null, ?, null, ?)',
    );
    for (let p = 0; p < 8; p++) {
      const pid = Number(insP.run(study.id, `m${p + 1}`, orgs[p % 3], roles[p % 4]).lastInsertRowid);
      rounds.forEach((r, ri) => {
        const at = `2026-0${ri * 5 + 3}-15T10:00:00.000Z`;
        const answered = !(ri === 1 && p === 7);
        const inv = Number(insI.run(pid, r.id, `${MONITOR_SLUG}-${pid}-${ri}`, at, at, answered ? at : null).lastInsertRowid);
        if (!answered) return;
        const rid = Number(insR.run(study.id, r.id, pid, inv, version.id, at, at, at).lastInsertRowid);
        const lift = ri; // the second half-year is a little better
        insA.run(rid, 'role', '', (p % 4) + 1, null);
        insA.run(rid, 'clear_roles', '', Math.min(5, 2 + ((p + lift) % 4)), null);
        insA.run(rid, 'agreements_kept', '', Math.min(5, 3 + ((p + lift) % 3)), null);
        insA.run(rid, 'know_where', '', Math.min(5, 2 + lift + (p % 3)), null);
        insA.run(rid, 'mark', '', 5 + ((p + 2 * lift) % 5), null);
        for (const code of [1, 2, 3, 4]) insA.run(rid, 'attention', optionSub(code), (p + code + lift) % 3 === 0 ? 1 : 0, null);
        if (p % 2 === 0) insA.run(rid, 'explain', '', null, `Toelichting ${p + 1} in meting ${ri + 1}: het overleg loopt beter.`);
        partners.forEach((id, k) => insG.run(rid, 'contact', partnerSub(id, 'frequency'), id, null, 1 + ((p + k + 2 * lift) % 5)));
        tools.forEach((id, k) => insG.run(rid, 'used', toolSub(id), null, id, (p + k + lift) % 3 === 0 ? 0 : 1));
      });
    }
  })();
}

/** Fields of the API's JSON that hold machine values (keys, codes, measures, methods), never printed as such. */
const MACHINE_FIELDS = new Set(['key', 'section', 'paragraph', 'id', 'measure', 'kind', 'method', 'item', 'variable', 'round', 'type']);

/**
 * Every string value in a JSON payload that a screen can print: not its keys, and not the
 * machine values (`"section": "tools"`, `"key": "tools.change"`), which are stable identifiers.
 */
export function stringsOf(value: unknown, out: string[] = [], field = ''): string[] {
  if (typeof value === 'string') {
    if (!MACHINE_FIELDS.has(field)) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) stringsOf(v, out, field);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stringsOf(v, out, k);
  return out;
}

/** The text of an HTML page as it reads: tags, attributes, styles and scripts left out; SVG titles kept. */
export function textOf(html: string): string {
  return html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ')
    .replace(/\s+/g, ' ');
}

/** The training's words, as whole words, any case. */
export const TRAINING_WORDS = /\b(training|zat|tools)\b/i;

/** Each training word found in a text, with a little context, for a failure message that says where. */
export function trainingWordsIn(text: string): string[] {
  const found: string[] = [];
  const re = new RegExp(TRAINING_WORDS.source, 'gi');
  for (const m of text.matchAll(re)) found.push(text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\s+/g, ' '));
  return found;
}
