import type { DomainCoverage } from '../../model/domains.js';
import { loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { INDICATOR, NETWORK, OPEN, createNetworkStudy } from '../improvement/fixture.js';

/**
 * A network study's factsheet material (issue 17, deliverable 5), not the demo: the improvement
 * area's generated half-yearly monitor (Dutch only; a team of four who answered both rounds, one
 * indicator on a 1–10 rating: too few to test a change), with an improvement point chosen by the
 * connector, a 2027 plan with a target on the indicator, three actions and two quarterly PDCA
 * entries, all made through the API as a network connector would.
 */
export { INDICATOR, NETWORK, OPEN };

export async function createNetworkFactsheetStudy(t: TestApp): Promise<{ connector: LoggedIn }> {
  t.setNow(OPEN);
  await createNetworkStudy(t);
  const connector = await loginAs(t, 'verbinder@example.nl', { role: 'researcher', study: NETWORK });
  const member = await loginAs(t, 'jeugdarts@example.nl', { role: 'trainer', study: NETWORK });
  const api = `/api/studies/${NETWORK}/improvement`;
  const call = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `${api}${url}`, headers: who.headers, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const ids = Object.fromEntries(((await call(connector, 'GET', '')).members as { id: number; name: string }[]).map((m) => [m.name, m.id]));
  const created = await call(connector, 'POST', '/points', {
    source: 'indicator',
    ref: INDICATOR,
    title: 'Samenwerking met de kinderopvang versterken',
    round: 'h1',
  });
  const point = (created.points as { id: number; version: number }[]).at(-1)!;
  await call(connector, 'PUT', `/points/${point.id}/decision`, { by: 'connector', version: point.version });
  const plan = (
    await call(connector, 'POST', '/plans', {
      point: point.id,
      year: 2027,
      goal: 'Elk kwartaal een casusoverleg met de kinderopvang; de samenwerking krijgt gemiddeld minstens een 8',
      indicators: [{ key: INDICATOR, target: 8 }],
    })
  ).plans[0] as { id: number };
  const action = (description: string, owner: number, due: string, status: string) =>
    call(connector, 'POST', `/plans/${plan.id}/actions`, { description, owner, due, status });
  await action('Sociale kaart bijwerken met de kinderopvang', ids['verbinder@example.nl'], '2027-03-31', 'done');
  await action('Casusoverleg plannen met de pedagogisch medewerkers', ids['jeugdarts@example.nl'], '2027-06-30', 'in-progress');
  await action('Contactpersoon per gezin afspreken', ids['jeugdarts@example.nl'], '2027-09-30', 'not-started');
  for (const [q, done] of [
    [1, 'Sociale kaart bijgewerkt; twee nieuwe contacten in de kinderopvang.'],
    [2, 'Eerste casusoverleg gehouden met drie pedagogisch medewerkers.'],
  ] as const)
    await call(connector, 'PUT', `/plans/${plan.id}/pdca/${q}`, {
      version: null,
      done,
      measured: 'Cijfer voor de samenwerking in de Quick Scan besproken in de intervisie.',
      adjusted: q === 2 ? 'Overleg voortaan elke zes weken in plaats van elk kwartaal.' : '',
    });
  void member;
  return { connector };
}

/**
 * Domain coverage as the Quick Scan's analysis reports it (model/domains.ts): the analysis adds
 * `StudyAnalysis.domains` in another area; until then the tests give this value.
 */
export const TEST_DOMAINS: DomainCoverage = {
  attribute: 'domein',
  domains: [
    { value: 'jgz', label: { nl: 'Jeugdgezondheidszorg', en: 'Youth health care' } },
    { value: 'opvang', label: { nl: 'Kinderopvang', en: 'Childcare' } },
    { value: 'huisarts', label: { nl: 'Huisartsenzorg', en: 'General practice' } },
    { value: 'ggz', label: { nl: 'Geestelijke gezondheidszorg', en: 'Mental health care' } },
    { value: 'sociaal', label: { nl: 'Sociaal domein', en: 'Social services' } },
  ],
  cohort: {
    represented: ['jgz', 'huisarts', 'ggz', 'sociaal'],
    missing: ['opvang'],
    perDomain: [
      { value: 'jgz', label: { nl: 'Jeugdgezondheidszorg' }, members: 2, byRole: { team: 2, steun: 0 } },
      { value: 'opvang', label: { nl: 'Kinderopvang' }, members: 0, byRole: { team: 0, steun: 0 } },
      { value: 'huisarts', label: { nl: 'Huisartsenzorg' }, members: 1, byRole: { team: 0, steun: 1 } },
      { value: 'ggz', label: { nl: 'Geestelijke gezondheidszorg' }, members: 1, byRole: { team: 1, steun: 0 } },
      { value: 'sociaal', label: { nl: 'Sociaal domein' }, members: 2, byRole: { team: 1, steun: 1 } },
    ],
  },
  answers: [
    {
      round: 'h2',
      n: 4,
      perDomain: [
        { value: 'jgz', count: 4, n: 4 },
        { value: 'opvang', count: 1, n: 4 },
        { value: 'huisarts', count: 3, n: 4 },
        { value: 'ggz', count: 2, n: 4 },
        { value: 'sociaal', count: 4, n: 4 },
      ],
    },
  ],
};
