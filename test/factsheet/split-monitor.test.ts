import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Composition } from '../../model/api/factsheet.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { hasChromium } from '../helpers/browser.js';
import { SPLIT_SLUG, seedSplitMonitor } from './split-monitor.js';

/**
 * The factsheet's indicator and "all questions" sections with charts, distribution indicators and
 * subgroup splits (issue 16), on a study that is not the demo: a youth network's half-yearly
 * monitor (split-monitor.ts), Dutch only, professionals by personal link with a `domain`
 * attribute and parents by anonymous link. Through the HTTP API, as the composer uses it.
 */
let t: TestApp;
let researcher: LoggedIn;

beforeAll(async () => {
  t = await buildTestApp();
  await seedSplitMonitor(t.data.store);
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SPLIT_SLUG });
}, 60_000);
afterAll(() => t?.close());

const URL = `/api/studies/${SPLIT_SLUG}/factsheet/draft`;
type Draft = {
  revision: number;
  composition: Composition;
  sentences: { key: string; section: string; text: string }[];
  charts: { id: string; section: string; title: string }[];
  warnings: { code: string; message: string }[];
  splitOptions: { key: string; label: string }[];
  groupOptions: { key: string; label: string }[];
};
const draft = async () => {
  const res = await t.app.inject({ method: 'GET', url: URL, headers: researcher.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Draft;
};
const save = async (edit: (c: Composition) => void) => {
  const before = await draft();
  const composition = structuredClone(before.composition);
  edit(composition);
  return t.app.inject({ method: 'PUT', url: URL, headers: researcher.headers, payload: { revision: before.revision, composition } });
};
const html = async () => {
  const res = await t.app.inject({ method: 'GET', url: `${URL}/output?format=html`, headers: researcher.headers });
  expect(res.statusCode).toBe(200);
  return res.body;
};
/** The visible text of an HTML fragment (tags out, entities that matter here decoded). */
const textOf = (s: string) =>
  s
    .replace(/<(title|desc)[^>]*>.*?<\/\1>/gs, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ');
const section = (page: string, key: string) => (page.split(`<section class="s-${key}"`)[1] ?? '').split('</section>')[0];

describe('the indicators and questions sections of a network monitor', () => {
  it('writes the distribution indicator with its test of change, and draws a chart per kind of summary', async () => {
    const put = await save((c) => {
      for (const s of c.sections) if (s.key === 'questions') s.enabled = true;
    });
    expect(put.statusCode, put.body).toBe(200);
    const d = await draft();
    expect(d.sentences.find((s) => s.key === 'indicators.distribution.beschikbaarheid')?.text).toBe(
      'Bij ‘Beschikbaarheid van de interventie’ werd in het najaar 2026 ‘Ja, voor alle gezinnen’ het vaakst gekozen: 70% (14 van 20). ' +
        'Tussen het voorjaar 2026 en het najaar 2026 verschoven de antwoorden aantoonbaar ' +
        'bij de 18 deelnemers die beide metingen invulden.',
    );
    expect(d.warnings.filter((w) => w.code === 'sentence-dropped')).toEqual([]);
    expect(d.charts.filter((c) => c.section === 'indicators').map((c) => [c.id, c.title])).toEqual([
      ['chart-indicators', 'Indicatoren: aandeel per meting'],
      ['chart-indicatormeans', 'Indicatoren: gemiddelde per meting'],
      ['chart-indicatordista', 'Beschikbaarheid van de interventie: verdeling per meting'],
    ]);
    // One half-width panel per question, in questionnaire order; the parents' rating names its population.
    expect(d.charts.filter((c) => c.section === 'questions').map((c) => c.title)).toEqual([
      'Welk rapportcijfer geeft u de samenwerking? (onder professionals)',
      'Is de interventie voor ouders en jonge kinderen in uw regio beschikbaar? (onder professionals)',
      'Waar moet het netwerk volgend halfjaar voorrang aan geven? (onder professionals)',
      'Hoeveel uur per maand besteedt u aan netwerkoverleg? (onder professionals)',
      'Welk cijfer geeft u de hulp? (onder ouders)',
    ]);
    const page = await html();
    const indicators = section(page, 'indicators');
    // Shares with their n, the mean score on its own 1–10 scale, the distribution per round.
    expect(textOf(indicators)).toMatch(/In staat ouders te begeleiden .*55% n=22 65% n=20/);
    expect(textOf(indicators)).toMatch(/Rapportcijfer samenwerking 1 5,5 10 Voorjaar 2026 6,5 n=22 Najaar 2026 7,5 n=20/);
    expect(textOf(indicators)).toMatch(/Voorjaar 2026 36% 36% 27% n=22 Najaar 2026 70% 30% n=20/);
    const questions = section(page, 'questions');
    expect(questions.match(/<div class="pair">/g)).toHaveLength(3);
    // The parents' rating (7 and 6 answers): its mean, but its distribution as counts, never a percentage.
    const parents = textOf(questions.split('Welk cijfer geeft u de hulp?').at(-1) ?? '');
    expect(parents).toContain('6: 2 · 7: 2 · 8: 2 · 9: 1 (te weinig antwoorden voor een %)');
    expect(parents).toMatch(/7,3 n=7/);
    expect(page).not.toMatch(/training|ZAT\b|\btools?\b/i);
  });

  it('splits a section per domain and per respondent group, hiding small subgroups with the reason', async () => {
    const d0 = await draft();
    expect(d0.splitOptions).toEqual([
      { key: 'group', label: 'Respondentgroep' },
      { key: 'domain', label: 'Domein' },
    ]);
    expect(d0.groupOptions).toEqual([
      { key: 'professionals', label: 'Professionals' },
      { key: 'ouders', label: 'Ouders' },
    ]);
    const put = await save((c) => {
      for (const s of c.sections) {
        if (s.key === 'indicators') s.split = 'domain';
        if (s.key === 'questions') Object.assign(s, { enabled: true, split: 'group' });
      }
    });
    expect(put.statusCode, put.body).toBe(200);
    const page = await html();
    const indicators = textOf(section(page, 'indicators'));
    // Respondents per domain: gezin (3, 2) is under 5; so in each round the next smallest is hidden too
    // (zorg with 5 in the spring, onderwijs with 5 in the autumn), so gezin cannot be worked out.
    expect(indicators).toContain(
      'Per domein Domein Voorjaar 2026 Najaar 2026 Respondenten Jeugd 7 7 Onderwijs 7 niet getoond Zorg niet getoond 6 ' +
        'Gezin niet getoond niet getoond',
    );
    // A subgroup's share on fewer than 10 answers: no percentage, and no counts either (METHODS §6) …
    expect(indicators).toContain(
      'In staat ouders te begeleiden Jeugd minder dan 10 antwoorden minder dan 10 antwoorden ' +
        'Onderwijs minder dan 10 antwoorden niet getoond',
    );
    expect(indicators).not.toContain('4 van 7');
    expect(indicators).toContain('Rapportcijfer samenwerking Jeugd 6,6 (n = 7) 7,4 (n = 7)');
    expect(indicators).toContain(
      'Niet getoond: minder dan 5 respondenten in die meting, of verborgen zodat een kleinere groep niet uit het totaal',
    );
    // … unless the team sees its own counts (team mode).
    const teamMode = await t.app.inject({
      method: 'PUT',
      url: `/api/studies/${SPLIT_SLUG}/disclosure`,
      headers: researcher.headers,
      payload: { minDenominatorForPercent: 10, minSubgroup: 5, minGroupForQuotes: 10, teamMode: true },
    });
    expect(teamMode.statusCode, teamMode.body).toBe(200);
    const team = textOf(section(await html(), 'indicators'));
    expect(team).toContain('In staat ouders te begeleiden Jeugd 4 van 7 4 van 7 Onderwijs 3 van 7 niet getoond Zorg niet getoond 4 van 6');
    expect(team).toContain('Onder 10 antwoorden staan aantallen in plaats van percentages (teamweergave).');
    const questions = textOf(section(page, 'questions'));
    expect(questions).toContain('Per respondentgroep');
    expect(questions).toContain('Respondenten Professionals 22 20 Ouders 7 6');
    expect(questions).toContain('Welk cijfer geeft u de hulp? (onder ouders) Ouders 7,3 (n = 7) 7,5 (n = 6)');
    // A question left out of the section leaves its split table too.
    expect((await save((c) => void (c.sections.find((s) => s.key === 'questions')!.omit = ['ouder_cijfer']))).statusCode).toBe(200);
    const without = textOf(section(await html(), 'questions'));
    expect(without).toContain('Respondenten Professionals 22 20 Ouders 7 6');
    expect(without).not.toContain('Welk cijfer geeft u de hulp?');
    expect((await save((c) => void delete c.sections.find((s) => s.key === 'questions')!.omit)).statusCode).toBe(200);
    // The methods box says which splits the figures are shown by and the rule that applies.
    expect(textOf(section(page, 'research'))).toContain(
      'Per domein en respondentgroep tonen we een uitsplitsing; een groep met minder dan 5 respondenten in een meting tonen we daar niet',
    );
  });

  it('says in its title area and methods box that a factsheet about the parents is about the parents only', async () => {
    const put = await save((c) => {
      c.group = 'ouders';
      for (const s of c.sections) if (s.split === 'group') delete s.split;
    });
    expect(put.statusCode, put.body).toBe(200);
    const page = await html();
    expect(page).toContain('<p class="scope">Alleen ouders</p>');
    expect(textOf(page)).toContain('Alle cijfers in deze factsheet gaan alleen over ouders.');
    // Its response is the parents' (anonymous link: no invitations), not the professionals' 92%.
    const research = textOf(section(page, 'research'));
    expect(research).toContain(
      'Ingevuld per groep: Ouders (anonieme link, zonder uitnodiging en dus zonder responspercentage): 7 in het voorjaar 2026',
    );
    expect(research).not.toMatch(/Professionals|92%|uitgenodigd\./);
    // The domain split of the indicators has no parents in it: no table, and the methods box does not mention it.
    expect(research).not.toContain('Per domein');
    const questions = textOf(section(page, 'questions'));
    expect(questions).toContain('Welk cijfer geeft u de hulp?');
    expect(questions).not.toContain('rapportcijfer geeft u de samenwerking');
    // Back to everyone for the next tests.
    expect((await save((c) => void delete c.group)).statusCode).toBe(200);
  });

  it('refuses a split or group the study does not have, with a clear message in Dutch and English, and saves nothing', async () => {
    const before = await draft();
    const cases: [(c: Composition) => void, RegExp, string, RegExp, RegExp][] = [
      [
        (c) => void (c.sections.find((s) => s.key === 'partners')!.split = 'domain'),
        /section "partners" cannot be split by subgroup/,
        'split-section',
        /De sectie "Samenwerking met .+" kan niet per subgroep worden uitgesplitst; dat kan alleen bij "Indicatoren" of "Uitkomsten/,
        /The section "Collaboration with .+" cannot be split by subgroup; only "Indicators" or "Results per question" can\./,
      ],
      [
        (c) => void (c.sections.find((s) => s.key === 'questions')!.split = 'regio'),
        /cannot be split by "regio"; choose group, domain/,
        'unknown-split',
        /De sectie "Uitkomsten per vraag" is uitgesplitst naar "regio", maar dat kenmerk heeft dit onderzoek \(niet meer\); kies "Resp/,
        /The section "Results per question" is split by "regio", which this study does not have \(any more\); choose "Respondent g/,
      ],
      [
        (c) => void (c.group = 'leraren'),
        /no respondent group "leraren"; choose professionals, ouders/,
        'unknown-group',
        /Dit onderzoek heeft geen respondentgroep "leraren"; kies "Professionals" of "Ouders"\./,
        /This study has no respondent group "leraren"; choose "Professionals" or "Ouders"\./,
      ],
      [
        (c) => {
          c.group = 'ouders';
          c.sections.find((s) => s.key === 'questions')!.split = 'group';
        },
        /limited to one respondent group cannot be split by respondent group/,
        'split-by-own-group',
        /Een factsheet over één respondentgroep kan niet per respondentgroep worden uitgesplitst \(sectie "Uitkomsten per vraag"\)\./,
        /A factsheet about one respondent group cannot be split by respondent group/,
      ],
    ];
    for (const [edit, message, reason, nl, en] of cases) {
      const res = await save(edit);
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json();
      expect(body).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) });
      expect(body.details.issues).toMatchObject([{ reason }]);
      expect(body.details.issues[0].nl).toMatch(nl);
      expect(body.details.issues[0].en).toMatch(en);
      // The composer shows `text` in the user's language.
      expect(body.details.text).toEqual({ nl: body.details.issues[0].nl, en: body.details.issues[0].en });
    }
    const res = await save((c) => void (c.sections.find((s) => s.key === 'questions')!.split = 'x'.repeat(31)));
    expect(res.statusCode).toBe(400);
    expect((await draft()).revision).toBe(before.revision);
  });

  it('publishes the split as it is: a later response changes the draft, not the published version', async () => {
    const put = await save((c) => {
      for (const s of c.sections) if (s.key === 'indicators') s.split = 'domain';
    });
    expect(put.statusCode, put.body).toBe(200);
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/studies/${SPLIT_SLUG}/factsheet/publish`,
      headers: researcher.headers,
      payload: {},
    });
    expect(published.statusCode, published.body).toBe(201);
    const version = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/studies/${SPLIT_SLUG}/factsheets/latest?format=html`, headers: researcher.headers }))
        .body;
    const before = textOf(section(await version(), 'indicators'));
    expect(before).toContain('Per domein');
    // Two more professionals of onderwijs answer the autumn round (5 → 7): now zorg (6) is the one hidden beside gezin in the
    // draft; the published version keeps what it printed.
    const s = t.data.store.sqlite;
    const study = s.prepare('select id from study where slug = ?').get(SPLIT_SLUG) as { id: number };
    const round = s.prepare("select id from round where study_id = ? and key = 'h2026b'").get(study.id) as { id: number };
    const version0 = s.prepare('select max(id) id from questionnaire_version where study_id = ?').get(study.id) as { id: number };
    for (const key of ['lid10', 'lid15']) {
      const p = s.prepare('select id from participant where study_id = ? and key = ?').get(study.id, key) as { id: number };
      s.prepare(
        'insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, anonymous, source, ' +
          "started_at, updated_at, submitted_at) values (?, ?, ?, null, ?, 'submitted', 0, 'test', ?, ?, ?)",
      ).run(study.id, round.id, p.id, version0.id, '2026-09-20T10:00:00.000Z', '2026-09-20T10:00:00.000Z', '2026-09-20T10:00:00.000Z');
    }
    expect(textOf(section(await html(), 'indicators'))).toContain('Onderwijs 7 7 Zorg niet getoond niet getoond');
    expect(textOf(section(await version(), 'indicators'))).toEqual(before);
  });

  it.skipIf(!hasChromium)('prints all of it in a PDF of a sane length', async () => {
    const put = await save((c) => {
      for (const s of c.sections) if (s.key === 'questions') Object.assign(s, { enabled: true, split: 'group' });
    });
    expect(put.statusCode, put.body).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: `${URL}/output?format=pdf`, headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-split-'));
    try {
      const file = path.join(dir, 'factsheet.pdf');
      fs.writeFileSync(file, res.rawPayload);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(pages).toBeLessThanOrEqual(6);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const s of [
        'Indicatoren: gemiddelde per meting',
        'Beschikbaarheid van de interventie: verdeling per meting',
        'Per domein',
        'Per respondentgroep',
        'niet getoond',
      ])
        expect(text).toContain(s);
      expect(text).not.toMatch(/training|ZAT\b|\btools?\b/i);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
