import type { Lang, LocalText } from '../../../model/index.js';
import { pick } from '../../../model/index.js';
import type { ProgrammeIndicatorValue, ProgrammeNetwork, ProgrammeOverview } from '../../../model/api/programme.js';
import { ACTION_STATUSES, type ActionStatus } from '../../../model/improvement.js';
import { hiddenValueText } from '../../../model/hidden-value-reasons.js';
import { formatInt, longDate, pct, xOfN } from '../../../analysis/findings/format.js';
import { escapeHtml as esc } from '../../html.js';
import { roundColours } from '../charts/palette.js';
import { NEUTRAL_STYLE, type HouseStyle } from '../house-style/house-style.js';
import { factsheetCss } from '../html/styles.js';
import type { FactsheetRenderer } from '../pdf.js';
import { STATUS_WORDS } from '../network/sentences.js';
import { networkBars, type NetworkBar } from './chart.js';

/**
 * The regional yearly report (issue 17, deliverable 4): the networks of a programme side by side,
 * from the one ProgrammeOverview the regional screen and the programme CSV also read. Per indicator
 * a table and a small chart of the networks per half-year (n shown, hidden values explained), the
 * domain coverage per network, the improvement plans with their progress, and a methods box with
 * each network's disclosure rules and what "too few to test" means. Only aggregates: the overview
 * carries no individual answer, open answer or contact detail, and every text in it is escaped.
 * The HTML is self-contained in the factsheet's house style (fonts embedded, print CSS for A4);
 * the PDF is that HTML printed by the factsheet's Chromium (pdf.ts).
 */
export interface RegionalReportOptions {
  /** The report's year; the plans' latest year (or the year it was generated) when absent. */
  year?: number;
  style?: HouseStyle;
  /** Prints the PDF; one is started (and closed again) when absent. */
  renderer?: FactsheetRenderer;
}

export async function renderRegionalReport(
  overview: ProgrammeOverview,
  lang: Lang,
  format: 'html',
  options?: RegionalReportOptions,
): Promise<string>;
export async function renderRegionalReport(
  overview: ProgrammeOverview,
  lang: Lang,
  format: 'pdf',
  options?: RegionalReportOptions,
): Promise<Buffer>;
export async function renderRegionalReport(
  overview: ProgrammeOverview,
  lang: Lang,
  format: 'html' | 'pdf',
  options?: RegionalReportOptions,
): Promise<string | Buffer>;
export async function renderRegionalReport(
  overview: ProgrammeOverview,
  lang: Lang,
  format: 'html' | 'pdf',
  options: RegionalReportOptions = {},
): Promise<string | Buffer> {
  const html = regionalReportHtml(overview, lang, options);
  if (format === 'html') return html;
  if (options.renderer) return options.renderer.pdf(html);
  const { FactsheetRenderer } = await import('../pdf.js');
  const renderer = new FactsheetRenderer();
  try {
    return await renderer.pdf(html);
  } finally {
    await renderer.close();
  }
}

/** The year a report is about: the given one, else the plans' latest year, else the year it was generated. */
export function reportYear(overview: ProgrammeOverview, year?: number): number {
  if (year) return year;
  const years = overview.networks.flatMap((n) => n.plans.map((p) => p.year));
  return years.length ? Math.max(...years) : new Date(overview.generatedAt).getUTCFullYear();
}

/** Why a value is not shown, in words (never the code). */

/** The half-years of all networks, in the order they first appear, each with its label. */
function halfYears(overview: ProgrammeOverview, lang: Lang): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = [];
  for (const n of overview.networks)
    for (const r of n.rounds) if (!out.some((x) => x.key === r.key)) out.push({ key: r.key, label: pick(r.label, lang) });
  return out;
}

function evidenceText(change: NonNullable<ProgrammeNetwork['indicators'][number]['change']>, lang: Lang): string {
  const nl = lang === 'nl';
  const e = change.evidence;
  if (e === 'evidence' || e === 'demonstrated' || e === 'increase' || e === 'decrease') {
    const up = e === 'increase' || (e !== 'decrease' && (change.difference ?? 0) > 0);
    return nl ? (up ? 'aantoonbare toename' : 'aantoonbare afname') : up ? 'demonstrable increase' : 'demonstrable decrease';
  }
  if (e === 'not-tested') return nl ? 'te weinig waarnemingen om te toetsen' : 'too few observations to test';
  return nl ? 'geen aantoonbare verandering' : 'no demonstrable change';
}

export function regionalReportHtml(overview: ProgrammeOverview, lang: Lang, options: RegionalReportOptions = {}): string {
  const L = (nl: string, en: string) => (lang === 'nl' ? nl : en);
  const t = (text: LocalText | undefined) => pick(text, lang);
  const year = reportYear(overview, options.year);
  const style = options.style ?? NEUTRAL_STYLE;
  const programme = t(overview.programme.title);
  const title = L(`Regionale jaarrapportage ${year}`, `Regional yearly report ${year}`);
  const footer = `${programme} · ${title}`;
  const halves = halfYears(overview, lang);
  const colours = roundColours(halves.length);
  const networks = overview.networks;
  const names = networks.map((n) => t(n.title));
  const dec = (v: number) => (lang === 'nl' ? v.toFixed(1).replace('.', ',') : v.toFixed(1));

  const cell = (v: ProgrammeIndicatorValue | undefined, share: boolean): string => {
    if (!v) return `<td class="num muted">${L('niet gemeten', 'not measured')}</td>`;
    if (v.value === null)
      return (
        `<td class="num muted">${esc(L('niet getoond', 'not shown'))}<span ` +
        `class="sub">${esc(hiddenValueText(v.reason, lang))}${v.n > 0 ? `, n = ${formatInt(v.n, lang)}` : ''}</span></td>`
      );
    const main = share ? (v.count !== null ? `${pct(v.value)}` : pct(v.value)) : dec(v.value);
    const basis = share && v.count !== null ? xOfN(v.count, v.n, lang) : `n = ${formatInt(v.n, lang)}`;
    const interval = share ? `${Math.round((v.low ?? 0) * 100)}–${pct(v.high ?? 0)}` : `${dec(v.low ?? 0)}–${dec(v.high ?? 0)}`;
    const ci = v.low !== null && v.high !== null ? ` · ${interval}` : '';
    return `<td class="num"><strong>${esc(main)}</strong><span class="sub">${esc(basis + ci)}</span></td>`;
  };

  const indicatorSections = overview.indicators.map((ind, i) => {
    const share = ind.summary === 'share-agreeing' || ind.summary === 'share-yes';
    const name = t(ind.name);
    const rows = networks.map((n, ni) => {
      const row = n.indicators.find((r) => r.key === ind.key);
      const cells = halves
        .map((h) =>
          cell(
            row?.values.find((v) => v.round === h.key),
            share,
          ),
        )
        .join('');
      const c = row?.change;
      const from = c ? halves.find((h) => h.key === c.from)?.label : undefined;
      const to = c ? halves.find((h) => h.key === c.to)?.label : undefined;
      const change = c && from && to ? `${esc(from)} → ${esc(to)}: ${esc(evidenceText(c, lang))}` : '—';
      return `<tr><th scope="row">${esc(names[ni])}</th>${cells}<td>${change}</td></tr>`;
    });
    const values: (NetworkBar | null)[][] = networks.map((n) => {
      const row = n.indicators.find((r) => r.key === ind.key);
      return halves.map((h) => {
        const v = row?.values.find((x) => x.round === h.key);
        if (!v) return null;
        return { value: v.value, low: v.low, high: v.high, n: v.n, hidden: v.value === null ? hiddenValueText(v.reason, lang) : null };
      });
    });
    const distribution = ind.summary === 'distribution';
    const chart =
      !distribution && values.some((r) => r.some((v) => v))
        ? networkBars({
            id: `chart-${i + 1}`,
            title: name,
            desc: `${name}: ${networks
              .map((_n, ni) =>
                `${names[ni]} ${values[ni]
                  .map((v, hi) => (v && v.value !== null ? `${halves[hi].label} ${share ? pct(v.value) : dec(v.value)} (n=${v.n})` : null))
                  .filter(Boolean)
                  .join(', ')}`.trim(),
              )
              .join('; ')}`,
            lang,
            kind: share ? 'share' : 'mean',
            networks: names,
            halfYears: halves.map((h, hi) => ({ label: h.label, colour: colours[hi] })),
            values,
            width: 672,
          })
        : '';
    const kind = share
      ? L('aandeel, met het aantal van wie antwoordde', 'share, with the count of those who answered')
      : distribution
        ? L('verdeling over de antwoorden: zie de factsheet van elk netwerk', 'distribution of answers: see each network’s factsheet')
        : L('gemiddelde score, met n', 'mean score, with n');
    // The heading, chart and table of one indicator stay on one page.
    return `<section class="indicator" aria-labelledby="h-ind-${i + 1}">
<div class="keep"><h2 id="h-ind-${i + 1}">${esc(name)}</h2>
<p class="note">${esc(kind)}</p>
${chart ? `<figure>${chart}</figure>` : ''}
<figure class="table"><table><thead><tr><th scope="col">${L('Netwerk', 'Network')}</th>${halves
      .map((h) => `<th scope="col" class="num">${esc(h.label)}</th>`)
      .join('')}<th scope="col">${L('Verandering', 'Change')}</th></tr></thead><tbody>${rows.join('')}</tbody></table></figure></div>
</section>`;
  });

  const domainRows = networks.map((n, ni) => {
    const d = n.domains;
    if (!d)
      return (
        `<tr><th scope="row">${esc(names[ni])}</th><td colspan="2" ` +
        `class="muted">${L('geen domeinen ingesteld', 'no domains set')}</td></tr>`
      );
    const label = (v: string) => t(overview.domainLabels[v]) || v;
    return `<tr><th scope="row">${esc(names[ni])}</th><td class="num">${esc(
      L(
        `${formatInt(d.represented.length, lang)} van ${formatInt(d.total, lang)}`,
        `${formatInt(d.represented.length, lang)} of ${formatInt(d.total, lang)}`,
      ),
    )}</td><td>${d.missing.length ? esc(d.missing.map(label).join(', ')) : L('geen', 'none')}</td></tr>`;
  });

  const planRows = networks.flatMap((n, ni) => {
    if (!n.plans.length)
      return [
        `<tr><th scope="row">${esc(names[ni])}</th><td colspan="4" ` +
          `class="muted">${L('nog geen verbeterplan', 'no improvement plan yet')}</td></tr>`,
      ];
    return n.plans.map((p) => {
      const order: ActionStatus[] = ['done', 'in-progress', 'not-started', 'dropped'];
      const actions = order
        .filter((s) => (p.actions[s] ?? 0) > 0)
        .map((s: ActionStatus) => `${formatInt(p.actions[s], lang)} ${STATUS_WORDS[s][lang]}`)
        .join(', ');
      const total = ACTION_STATUSES.reduce((sum, s) => sum + (p.actions[s] ?? 0), 0);
      const noun = total === 1 ? L('actie', 'action') : L('acties', 'actions');
      const actionsText = total ? `${formatInt(total, lang)} ${noun}: ${actions}` : L('geen acties', 'no actions');
      const quarters = p.quartersEvaluated.length
        ? [...p.quartersEvaluated]
            .sort()
            .map((q) => `${L('K', 'Q')}${q}`)
            .join(', ')
        : L('nog geen', 'none yet');
      const targets = p.indicators
        .map((g) => {
          const ind = overview.indicators.find((x) => x.key === g.key);
          const name = t(ind?.name) || g.key;
          if (g.target === null) return name;
          // A share's target may be typed as a fraction (0.8) or a percentage (80), as the plan's screen allows.
          const share = ind?.summary === 'share-agreeing' || ind?.summary === 'share-yes';
          const target = share
            ? pct(g.target > 1 ? g.target / 100 : g.target)
            : lang === 'nl'
              ? String(g.target).replace('.', ',')
              : String(g.target);
          return `${name}: ${target}`;
        })
        .join('; ');
      return (
        `<tr><th scope="row">${esc(names[ni])}</th><td><strong>${esc(p.pointTitle)}</strong> (${p.year})<span ` +
        `class="sub">${esc(p.goal)}</span>${
          targets ? `<span class="sub">${L('Streefwaarden', 'Targets')}: ${esc(targets)}</span>` : ''
        }</td><td>${esc(actionsText)}</td><td>${esc(quarters)}</td></tr>`
      );
    });
  });

  const disclosureRows = networks.map((n, ni) => {
    const d = n.disclosure;
    const rule = d
      ? L(
          `percentages vanaf ${d.minDenominatorForPercent} antwoorden; groepen vanaf ${d.minSubgroup}; teamweergave ` +
            `${d.teamMode ? 'aan (aantallen onder de grens)' : 'uit'}`,
          `percentages from ${d.minDenominatorForPercent} answers; groups from ${d.minSubgroup}; team mode ` +
            `${d.teamMode ? 'on (counts below the threshold)' : 'off'}`,
        )
      : L('niet opgegeven', 'not given');
    return `<li><strong>${esc(names[ni])}</strong>: ${esc(rule)}</li>`;
  });

  const plans = networks.flatMap((n) => n.plans);
  const done = plans.reduce((s, p) => s + (p.actions.done ?? 0), 0);
  const allActions = plans.reduce((s, p) => s + ACTION_STATUSES.reduce((x, st) => x + (p.actions[st] ?? 0), 0), 0);
  const complete = networks.filter((n) => n.domains && n.domains.missing.length === 0).length;
  const count = (v: number) => formatInt(v, lang);
  const tiles = [
    { value: count(networks.length), label: L('netwerken', 'networks') },
    { value: count(plans.length), label: L('verbeterplannen', 'improvement plans') },
    { value: `${count(done)} / ${count(allActions)}`, label: L('acties klaar', 'actions done') },
    { value: `${count(complete)} / ${count(networks.length)}`, label: L('netwerken met alle domeinen', 'networks with every domain') },
  ];
  const description = t(overview.programme.description);
  const x = (text: { nl: string; en: string }) => esc(text[lang]);
  const meta = [
    L(`${count(networks.length)} netwerken naast elkaar`, `${count(networks.length)} networks side by side`),
    L(`Gemaakt op ${longDate(overview.generatedAt, lang)}`, `Made on ${longDate(overview.generatedAt, lang)}`),
  ];
  const head = (cells: { text: string; num?: boolean }[]) =>
    `<thead><tr>${cells.map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${esc(c.text)}</th>`).join('')}</tr></thead>`;
  const about = L(
    `Deze rapportage zet de ${count(networks.length)} netwerken van ${programme} naast elkaar: hun indicatoren per halfjaar, ` +
      'welke domeinen vertegenwoordigd zijn en hoe hun verbeterplannen vorderen.',
    `This report sets the ${count(networks.length)} networks of ${programme} side by side: their indicators per half-year, ` +
      'which domains are represented and how their improvement plans progress.',
  );

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rondo">
<title>${esc(`${title} · ${programme}`)}</title>
<style>${factsheetCss(footer, style)}
${REPORT_CSS}
</style>
</head>
<body>
<article class="sheet" data-footer="${esc(footer)}">
<header class="masthead">
${style.logo ? `<img class="logo" src="${esc(style.logo)}" alt="Logo">` : ''}
<p class="kicker">${esc(L('Regionale jaarrapportage', 'Regional yearly report'))} · ${esc(programme)}</p>
<h1>${esc(programme)} ${year}</h1>
${description ? `<p class="subtitle">${esc(description)}</p>` : ''}
<p class="meta">${meta.map((m) => `<span>${esc(m)}</span>`).join('<span class="sep" aria-hidden="true"> · </span>')}</p>
</header>
<section class="key-figures" aria-label="${L('Kerncijfers', 'Key figures')}"><ul>${tiles
    .map((k) => `<li><span class="kf-value">${esc(k.value)}</span> <span class="kf-label">${esc(k.label)}</span></li>`)
    .join('')}</ul></section>
<section aria-labelledby="h-about"><h2 id="h-about">${L('Over deze rapportage', 'About this report')}</h2>
<p class="lead">${esc(about)}</p>
<p>${x(TEXT.aggregates)}</p></section>
${indicatorSections.join('\n')}
<section aria-labelledby="h-domains"><h2 id="h-domains">${L('Domeinen per netwerk', 'Domains per network')}</h2>
<figure class="table"><table>${head([
    { text: L('Netwerk', 'Network') },
    { text: L('Vertegenwoordigd', 'Represented'), num: true },
    { text: L('Ontbreekt', 'Missing') },
  ])}<tbody>${domainRows.join('')}</tbody></table>
<figcaption>${x(TEXT.domainsNote)}</figcaption></figure></section>
<section aria-labelledby="h-plans"><h2 id="h-plans">${L('Verbeterplannen en voortgang', 'Improvement plans and progress')}</h2>
<figure class="table"><table>${head([
    { text: L('Netwerk', 'Network') },
    { text: L('Verbeterpunt en doel', 'Improvement point and goal') },
    { text: L('Acties', 'Actions') },
    { text: L('Kwartaalevaluaties', 'Quarterly evaluations') },
  ])}<tbody>${planRows.join('')}</tbody></table>
<figcaption>${x(TEXT.ownersNote)}</figcaption></figure></section>
<section class="methods" aria-labelledby="h-methods"><h2 id="h-methods">${L('Werkwijze', 'Methods')}</h2>
<p>${x(TEXT.disclosure)}</p>
<ul>${disclosureRows.join('')}</ul>
<p>${x(TEXT.tooFew)}</p></section>
</article>
</body>
</html>
`;
}

/** The report's own styles on top of the factsheet's (html/styles.ts). */
const REPORT_CSS = `table { width: 100%; border-collapse: collapse; font-size: 8.4pt; line-height: 1.3; }
th, td { padding: .9mm 1.6mm; border-bottom: .5pt solid #d9dee4; text-align: left; vertical-align: top; }
thead th { border-bottom: 1pt solid var(--brand); color: var(--brand); }
tbody th { font-weight: bold; }
.num { text-align: right; white-space: nowrap; }
.muted { color: var(--muted); }
.sub { display: block; color: var(--muted); font-size: 7.6pt; font-weight: normal; }
td.num .sub { white-space: nowrap; }
.methods {
  margin: 2mm 0 0; padding: 2.5mm 4mm; background: var(--wash); border-left: 1.2mm solid var(--brand);
  break-inside: avoid; font-size: 8.2pt;
}
.methods p { margin-bottom: 1.4mm; }
.methods h2 { border: none; margin-bottom: 1mm; }
.methods ul { margin: 1mm 0 1.4mm; }
.methods li { margin-bottom: .6mm; }`;

/** The report's fixed texts. */
const TEXT = {
  aggregates: {
    nl:
      'Alle cijfers zijn samenvattingen per netwerk, met de openbaarmakingsregels van dat netwerk; er staan geen antwoorden ' +
      'van personen, open antwoorden of contactgegevens in. Een netwerk is geen steekproef van de regio: vergelijk de netwerken ' +
      'met het oog op hun eigen omvang (n).',
    en:
      'Every figure is a summary per network, under that network’s disclosure rules; there are no individual answers, open ' +
      'answers or contact details. A network is not a sample of the region: compare networks with their own size (n) in mind.',
  },
  domainsNote: {
    nl: 'Uit de deelnemerslijst van elk netwerk: team en steunnetwerk samen.',
    en: 'From each network’s participant list: team and support network together.',
  },
  ownersNote: {
    nl: 'Eigenaren van acties worden niet genoemd: namen van leden zijn persoonsgegevens.',
    en: 'Owners of actions are not named: members’ names are personal data.',
  },
  disclosure: {
    nl:
      'Elk netwerk houdt zijn eigen openbaarmakingsregels aan; een waarde die een netwerk niet toont, staat hier als ' +
      '‘niet getoond’ met de reden en het aantal antwoorden (n):',
    en:
      'Each network keeps its own disclosure rules; a value a network does not show is listed here as ‘not shown’ with the ' +
      'reason and the number of answers (n):',
  },
  tooFew: {
    nl:
      'Percentages en gemiddelden staan met n en het 95%-betrouwbaarheidsinterval. Een verandering heet aantoonbaar als de ' +
      'toets van het netwerk na correctie voor meerdere toetsen p < 0,05 geeft. ‘Te weinig waarnemingen om te toetsen’ ' +
      'betekent dat het netwerk zo klein is dat geen toets die grens kan halen (bij minder dan zes personen die beide keren ' +
      'antwoordden en van antwoord veranderden): er wordt dan niets beweerd over een verandering, ook niet dat die er niet is.',
    en:
      'Percentages and means are given with n and the 95% confidence interval. A change is called demonstrable when the ' +
      'network’s test gives p < 0.05 after correction for multiple tests. ‘Too few observations to test’ means the network is ' +
      'so small that no test can reach that bound (fewer than six people who answered both times and changed their answer): ' +
      'nothing is claimed about a change then, not even that there is none.',
  },
};
