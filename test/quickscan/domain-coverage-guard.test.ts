import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../model/index.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { ATTRIBUTES, ZUID, createZuidStudy } from './domain-fixture.js';

/**
 * Issue 17's leftover: once domain coverage is set, an edit of the cohort attributes or of the
 * questionnaire that would break it — the domain attribute or the role attribute removed, the
 * domains changed, the domain question removed or made single choice — is refused with a Dutch and
 * English message that names the setting and says what to do, and nothing changes (no audit entry).
 * Edits that leave the setting working go through; with the setting switched off, the same edit
 * is accepted. On a generated network study, not the demo.
 */
describe('domain coverage guards what it reads', () => {
  let t: TestApp;
  let connector: LoggedIn;
  const base = `/api/studies/${ZUID}`;
  const putAttributes = (attributes: unknown) =>
    t.app.inject({ method: 'PUT', url: `${base}/cohort/attributes`, headers: connector.headers, payload: { attributes } });
  const attributeKeys = async () =>
    (
      (await t.app.inject({ method: 'GET', url: `${base}/cohort/attributes`, headers: connector.headers })).json() as {
        attributes: { key: string }[];
      }
    ).attributes.map((a) => a.key);
  const audits = (action: string) =>
    t.data.store.sqlite.prepare('select count(*) from audit_log where action = ?').pluck().get(action) as number;
  const questionnaire = async () =>
    (await t.app.inject({ method: 'GET', url: `${base}/questionnaire`, headers: connector.headers })).json() as {
      version: number;
      revision: number;
      definition: Questionnaire;
    };
  const saveQuestionnaire = async (edit: (q: Questionnaire) => void) => {
    const current = await questionnaire();
    const definition = structuredClone(current.definition);
    edit(definition);
    return t.app.inject({
      method: 'PUT',
      url: `${base}/questionnaire`,
      headers: connector.headers,
      payload: { definition, baseVersion: current.version, baseRevision: current.revision },
    });
  };
  const withoutItem = (id: string) => (q: Questionnaire) => {
    for (const s of q.sections) s.items = s.items.filter((i) => i.id !== id);
  };

  beforeAll(async () => {
    t = await buildTestApp();
    connector = await createZuidStudy(t, () => loginAs(t, 'verbinder@netwerkzuid.nl', { role: 'researcher', study: ZUID }));
    const set = await t.app.inject({
      method: 'PATCH',
      url: base,
      headers: connector.headers,
      payload: { domainCoverage: { attribute: 'werkveld', roleAttribute: 'netwerkrol', item: 'domeinen' } },
    });
    expect(set.statusCode, set.body).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const refusedAttributes: [string, unknown[], string, RegExp, RegExp][] = [
    [
      'the domain attribute removed',
      ATTRIBUTES.slice(1),
      'unknown-attribute',
      /^Kenmerk "werkveld" kan niet weg: de domeindekking telt er de domeinen van het netwerk mee\. Zet de domeindekking eerst uit/,
      /^Attribute "werkveld" cannot be removed: domain coverage counts the network's domains with it\. Switch domain coverage off/,
    ],
    [
      'the role attribute removed',
      [ATTRIBUTES[0], ATTRIBUTES[2]],
      'unknown-role-attribute',
      /^Kenmerk "netwerkrol" kan niet weg: de domeindekking telt er de rol in het netwerk mee/,
      /^Attribute "netwerkrol" cannot be removed/,
    ],
    [
      'the domain attribute without its list of values',
      [{ key: 'werkveld', label: ATTRIBUTES[0].label }, ...ATTRIBUTES.slice(1)],
      'attribute-without-values',
      /moet een lijst met toegestane waarden houden/,
      /must keep its list of allowed values/,
    ],
    [
      'a domain dropped, so the question’s options are no longer the domains',
      [{ ...ATTRIBUTES[0], values: ATTRIBUTES[0].values!.filter((v) => v.value !== 'sd') }, ...ATTRIBUTES.slice(1)],
      'options-not-domains',
      /^De antwoorden van vraag "domeinen" moeten precies de domeinen van kenmerk "werkveld" blijven/,
      /^The options of question "domeinen" must stay exactly the domains of attribute "werkveld"/,
    ],
  ];
  it.each(refusedAttributes)('refuses %s, naming the setting, and changes nothing', async (_name, attributes, code, nl, en) => {
    const before = audits('cohort.attributes');
    const res = await putAttributes(attributes);
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json();
    expect(body.code).toBe('CONFLICT');
    expect(body.details).toMatchObject({ reason: 'domain-coverage', issues: [{ code }] });
    expect(body.details.text.nl).toMatch(nl);
    expect(body.details.text.nl).toContain('Deelnemers → Netwerkprofiel → Instelling domeindekking');
    expect(body.details.text.nl).toContain('Er is niets gewijzigd.');
    expect(body.details.text.en).toMatch(en);
    expect(body.details.issues[0].message).toEqual(body.details.text);
    expect(await attributeKeys()).toEqual(['werkveld', 'netwerkrol', 'gemeente']);
    expect(audits('cohort.attributes')).toBe(before);
  });

  it('lets through an attribute edit the setting does not read', async () => {
    const res = await putAttributes([...ATTRIBUTES.slice(0, 2), { key: 'gemeente', label: { nl: 'Gemeente of regio' } }]);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses removing the domain question or making it single choice, in the builder’s check and its save', async () => {
    const before = await questionnaire();
    const removed = await saveQuestionnaire(withoutItem('domeinen'));
    expect(removed.statusCode, removed.body).toBe(400);
    const issue = removed.json().details.issues[0];
    expect(issue).toMatchObject({ code: 'domain-coverage', item: 'domeinen' });
    expect(issue.text.nl).toMatch(
      /^Vraag "domeinen" kan niet weg: de domeindekking leest eruit welke domeinen .+ Er is niets gewijzigd\.$/,
    );
    expect(issue.text.en).toMatch(/^Question "domeinen" cannot be removed/);
    // The builder's check (a dry run) says the same before anything is saved.
    const check = await t.app.inject({
      method: 'POST',
      url: `${base}/questionnaire/check`,
      headers: connector.headers,
      payload: {
        definition: (() => {
          const q = structuredClone(before.definition);
          withoutItem('domeinen')(q);
          return q;
        })(),
      },
    });
    expect(check.json()).toMatchObject({ ok: false, issues: [{ code: 'domain-coverage' }] });
    const single = await saveQuestionnaire((q) => {
      const item = q.sections.flatMap((s) => s.items).find((i) => i.id === 'domeinen')!;
      Object.assign(item, { type: 'single' });
      delete (item as { maxSelect?: number }).maxSelect;
    });
    expect(single.statusCode, single.body).toBe(400);
    expect(single.json().details.issues[0].text.nl).toMatch(/^Vraag "domeinen" moet een meerkeuzevraag/);
    const after = await questionnaire();
    expect([after.version, after.revision]).toEqual([before.version, before.revision]);
  });

  it('lets through a questionnaire edit the setting does not read', async () => {
    const res = await saveQuestionnaire(withoutItem('prioriteit'));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('accepts the same edits once the researcher has switched domain coverage off', async () => {
    const off = await t.app.inject({ method: 'PATCH', url: base, headers: connector.headers, payload: { domainCoverage: null } });
    expect(off.statusCode, off.body).toBe(200);
    expect((await saveQuestionnaire(withoutItem('domeinen'))).statusCode).toBe(200);
    expect((await putAttributes(ATTRIBUTES.slice(1))).statusCode).toBe(200);
    expect(await attributeKeys()).toEqual(['netwerkrol', 'gemeente']);
  });
});
