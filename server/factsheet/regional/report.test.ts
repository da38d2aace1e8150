import { describe, expect, it } from 'vitest';
import { regionalFixture } from './overview.testkit.js';
import { renderRegionalReport, reportYear } from './report.js';

const EVIL = '<script>alert(1)</script>&"\'';

/** The regional yearly report's HTML from a programme overview of three networks (one with hidden values). */
describe('the regional yearly report', () => {
  it('sets the networks side by side per indicator, with n, hidden values explained and every change’s verdict', async () => {
    const html = await renderRegionalReport(regionalFixture(), 'nl', 'html');
    expect(html).toContain('<h1>IMH-regio Noord-Limburg 2026</h1>');
    for (const name of ['IMH-netwerk Venlo', 'IMH-netwerk Horst aan de Maas', 'IMH-netwerk Peel en Maas']) expect(html).toContain(name);
    // Venlo's values with their n and interval; Horst's hidden ones with the reason in words and the n; Peel not measured.
    expect(html).toContain('<strong>7,6</strong><span class="sub">n = 12 · 7,0–8,2</span>');
    expect(html).toContain('<strong>75%</strong><span class="sub">9 van 12 · 47–91%</span>');
    expect(html).toContain('niet getoond<span class="sub">te weinig antwoorden, n = 5</span>');
    expect(html).toContain('niet gemeten');
    expect(html).not.toContain('too-few-for-percent');
    expect(html).toContain('Voorjaar 2026 → Najaar 2026: aantoonbare toename');
    expect(html).toContain('Voorjaar 2026 → Najaar 2026: te weinig waarnemingen om te toetsen');
    // A chart per indicator that says why a bar is missing.
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('niet getoond: te weinig antwoorden (n = 5)');
    // Domains, plans with progress, and the methods box with each network's disclosure rules.
    expect(html).toContain('Huisartsenzorg, Sociaal domein');
    expect(html).toContain('3 acties: 2 klaar, 1 bezig');
    expect(html).toContain('Kwaliteitseisen gevolgd: 80%');
    expect(html).toContain('K1, K2, K3');
    expect(html).toContain('nog geen verbeterplan');
    expect(html).toContain('percentages vanaf 10 antwoorden; groepen vanaf 5; teamweergave uit');
    expect(html).toContain('niet opgegeven');
  });

  it('escapes every text of the overview and prints no individual answers or contact details', async () => {
    const overview = regionalFixture({ programmeTitle: EVIL, networkTitle: EVIL });
    overview.networks[0].plans[0].pointTitle = EVIL;
    overview.networks[0].plans[0].goal = EVIL;
    overview.domainLabels.huisarts = { nl: EVIL };
    overview.indicators[0].name = { nl: EVIL };
    for (const lang of ['nl', 'en'] as const) {
      const html = await renderRegionalReport(overview, lang, 'html');
      expect(html).not.toContain('<script');
      expect(html).not.toMatch(/alert\(1\)<\/script>/);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
      expect(html).not.toMatch(/@[a-z0-9-]+\./i);
    }
  });

  it('is about the plans’ year, or the year it was made', () => {
    expect(reportYear(regionalFixture())).toBe(2026);
    const none = regionalFixture();
    for (const n of none.networks) n.plans = [];
    expect(reportYear({ ...none, generatedAt: '2027-01-03T00:00:00Z' })).toBe(2027);
    expect(reportYear(none, 2025)).toBe(2025);
  });

  it('reads in English', async () => {
    const html = await renderRegionalReport(regionalFixture(), 'en', 'html');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Regional yearly report');
    expect(html).toContain('not shown<span class="sub">too few answers, n = 5</span>');
    expect(html).toContain('Spring 2026 → Autumn 2026: demonstrable increase');
  });
});
