import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fillTerms } from '../../model/vocabulary-text.js';
import { AUDIT_ACTION_CODES, auditActionText } from '../../web/app/views/audit-action-text.js';
import { AUDIT_DETAIL_WORDS, auditDetailsText, auditTargetText, type DetailNames } from '../../web/app/views/audit-detail-text.js';

/**
 * The audit log on the logs screen says every action and every detail in words
 * (web/app/views/audit-action-text.ts, audit-detail-text.ts), never only its internal code. Every
 * code and detail key the server writes has words. They are found in server/'s syntax trees: an
 * `action:` property's string (also in either branch of a condition), the codes and detail objects
 * handed to the helpers that write audit entries for a route (`audited`, `memberAudit`, and the
 * improvement cycle's `record`, which puts `improvement.` before its code), and `details:` objects
 * with their conditional spreads. Codes and keys the server puts together at run time are listed
 * here by hand.
 */
const BUILT_CODES = [
  ...['partner', 'tool'].flatMap((kind) => ['add', 'update', 'remove', 'reorder'].map((verb) => `${kind}.${verb}`)),
  ...['edit', 'new-version', 'wording'].map((kind) => `questionnaire.${kind}`),
  ...['enable', 'disable', 'regenerate'].map((action) => `round.anonymous-link.${action}`),
  ...['enable', 'disable'].map((action) => `round.group-link.${action}`),
];
const BUILT_KEYS = [
  // export.data: the export's options (server/routes/exchange.ts optionsOf)
  'flavour',
  'openText',
  'lang',
  // study.disclosure: each changed setting (server/routes/setup-disclosure.ts KEYS)
  'minDenominatorForPercent',
  'minSubgroup',
  'minGroupForQuotes',
  'teamMode',
  // round.add-series: the repeating schedule (model/api/study-lifecycle.ts)
  'everyMonths',
  'count',
  'start',
  'openDays',
  // round.schedule and round.extend: before and after (model/api/fieldwork.ts ScheduleBody)
  'opensAt',
  'closesAt',
  'autoInvite',
  'reminderDays',
  'language',
];
/** Helpers that take an action code and details; `record` is the improvement cycle's. */
const HELPERS: Record<string, string> = { audited: '', memberAudit: '', record: 'improvement.' };
const CODE = /^[a-z0-9-]+(\.[a-z0-9-]+)+$|^login$|^logout$/;

function strings(node: ts.Node | undefined): string[] {
  if (!node) return [];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...strings(node.whenTrue), ...strings(node.whenFalse)];
  if (ts.isParenthesizedExpression(node)) return strings(node.expression);
  return [];
}

function objectKeys(node: ts.Node | undefined): string[] {
  if (!node) return [];
  if (ts.isParenthesizedExpression(node)) return objectKeys(node.expression);
  if (ts.isConditionalExpression(node)) return [...objectKeys(node.whenTrue), ...objectKeys(node.whenFalse)];
  if (!ts.isObjectLiteralExpression(node)) return [];
  return node.properties.flatMap((p) =>
    ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)
      ? [p.name.getText()]
      : ts.isSpreadAssignment(p)
        ? objectKeys(p.expression)
        : [],
  );
}

function scan(dir: string, out = { codes: new Set<string>(), keys: new Set<string>() }) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) scan(file, out);
    else if (file.endsWith('.ts') && !file.endsWith('.test.ts')) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isPropertyAssignment(node) && node.name.getText() === 'action') for (const s of strings(node.initializer)) out.codes.add(s);
        if (ts.isPropertyAssignment(node) && node.name.getText() === 'details')
          for (const k of objectKeys(node.initializer)) out.keys.add(k);
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text in HELPERS) {
          // The code, then the details: objects before the code are who did it, not details.
          const codes = node.arguments.findIndex((arg) => strings(arg).some((s) => CODE.test(s)));
          for (const s of strings(node.arguments[codes])) out.codes.add(HELPERS[node.expression.text] + s);
          if (codes >= 0) for (const arg of node.arguments.slice(codes + 1)) for (const k of objectKeys(arg)) out.keys.add(k);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return out;
}

const found = scan(path.resolve('server'));
/** The words as the screen shows them for a study with the default vocabulary. */
const filled = (text: string | null) => text && fillTerms(text, undefined, 'nl');

describe('the audit log in words', () => {
  it('has words for every action code the server writes, in Dutch and English', () => {
    const codes = [...new Set([...found.codes, ...BUILT_CODES])].filter((c) => CODE.test(c)).sort();
    expect(codes.length).toBeGreaterThan(110);
    // Codes passed to the helpers, and in a condition's branches, are found.
    expect(codes).toEqual(
      expect.arrayContaining(['round.extend', 'member.role', 'open.theme.merge', 'improvement.pdca.recorded', 'participant.left']),
    );
    expect(codes.filter((c) => !AUDIT_ACTION_CODES.includes(c))).toEqual([]);
    for (const c of codes) {
      expect(filled(auditActionText(c, 'nl'))).toMatch(/^[A-Z]/);
      expect(fillTerms(auditActionText(c, 'en')!, undefined, 'en')).toMatch(/^[A-Z]/);
    }
    expect(auditActionText('questionnaire.edit', 'nl')).toBe('Vragenlijst gewijzigd');
    expect(auditActionText('no.such.code', 'nl')).toBeNull();
  });

  it('speaks of rounds and participants in the study’s own words', () => {
    const vocabulary = { round: { nl: { one: 'peiling', many: 'peilingen' }, en: { one: 'wave', many: 'waves' } } };
    expect(fillTerms(auditActionText('round.extend', 'nl')!, vocabulary as never, 'nl')).toBe('Peiling verlengd');
    expect(filled(auditActionText('participant.left', 'nl'))).toBe('Deelnemer gestopt');
  });

  it('has words for every detail key the server writes, in Dutch and English', () => {
    const keys = [...new Set([...found.keys, ...BUILT_KEYS])].sort();
    expect(keys.length).toBeGreaterThan(100);
    expect(keys).toEqual(expect.arrayContaining(['onlyNonresponders', 'legalBasis', 'elsewhere', 'into', 'scheduledFor', 'quarter']));
    for (const lang of ['nl', 'en'] as const) {
      const words = AUDIT_DETAIL_WORDS[lang].keys;
      expect(keys.filter((k) => !words[k])).toEqual([]);
    }
  });
});

describe('an audit entry’s details and target in words', () => {
  const names: DetailNames = {
    num: (n) => n.toLocaleString('nl-NL'),
    dateTime: (iso) => `[${iso.slice(0, 10)}]`,
    round: (key) => ({ pre: 'Voormeting', post: 'Nameting' })[key] ?? key,
    item: (id) => ({ q_learned: 'Wat neemt u mee?' })[id] ?? id,
    formats: { bundle: 'alles in één zip', wide: 'breed' },
    kinds: { invitation: 'uitnodiging', reminder: 'herinnering' },
    selection: (s) => ({ nonresponders: 'wie nog niet invulde' })[s] ?? s,
  };
  const nl = fillTermsInWords('nl');
  const en = fillTermsInWords('en');
  function fillTermsInWords(lang: 'nl' | 'en') {
    const w = AUDIT_DETAIL_WORDS[lang];
    const fill = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fillTerms(v, undefined, lang)]));
    return { ...w, keys: fill(w.keys), targets: fill(w.targets), values: { ...w.values, terms: fill(w.values.terms) } };
  }

  it('names each detail, says yes and no, counts and rounds by their label', () => {
    expect(auditDetailsText({ format: 'mail-merge-csv', onlyNonresponders: false, rows: 1200, skipped: 3 }, nl, names)).toBe(
      'Formaat: CSV voor samenvoegen · Alleen wie nog niet invulde: nee · Regels: 1.200 · Overgeslagen: 3',
    );
    expect(auditDetailsText({ round: 'pre', kind: 'reminder', selection: 'nonresponders', queued: 4 }, nl, names)).toBe(
      'Meting: Voormeting · Soort: herinnering · Ontvangers: wie nog niet invulde · Klaargezet: 4',
    );
    expect(auditDetailsText({ round: 'pre', origin: 'schedule', ok: true }, en, names)).toBe(
      'Round: Voormeting · Started: by the schedule · Succeeded: yes',
    );
  });

  it('shows a change as from → to, times in the reader’s format, lists, nested objects and sizes', () => {
    expect(auditDetailsText({ minSubgroup: { from: 5, to: 10 } }, nl, names)).toBe('Minimum groepsgrootte: 5 → 10');
    expect(auditDetailsText({ from: 'researcher', to: 'manager' }, nl, names)).toBe('Van: Onderzoeker · Naar: Manager');
    expect(auditDetailsText({ from: ['nl'], to: ['nl', 'en'], defaultLanguage: 'nl' }, en, names)).toBe(
      'From: Dutch · To: Dutch, English · Default language: Dutch',
    );
    expect(auditDetailsText({ closesAt: '2026-06-30T22:00:00.000Z', opensAt: null }, nl, names)).toBe('Sluit: [2026-06-30] · Opent: —');
    expect(auditDetailsText({ items: ['q_learned', 'q_gone'], changes: 2 }, nl, names)).toBe(
      'Vragen: ‘Wat neemt u mee?’, ‘q_gone’ · Wijzigingen: 2',
    );
    expect(auditDetailsText({ before: { opensAt: null, autoInvite: true } }, nl, names)).toBe(
      'Was: (Opent: —, Automatisch uitnodigen: ja)',
    );
    expect(auditDetailsText({ answers: 'keep', elsewhere: { outbox: 3 } }, nl, names)).toBe(
      'Antwoorden: bewaard zonder sleutel · Ook gewist: verstuurde e-mails: 3',
    );
    expect(auditDetailsText({ bytes: 2_400_000, source: 'template:network-monitor' }, nl, names)).toBe(
      'Grootte: 2,3 MB · Bron: sjabloon network-monitor',
    );
    expect(auditDetailsText({ groups: Array.from({ length: 10 }, (_, i) => `g${i}`) }, nl, names)).toBe(
      'Groepen: g0, g1, g2, g3, g4, g5, g6, g7, en nog 2',
    );
    expect(auditDetailsText({ terms: ['round', 'participant'] }, nl, names)).toBe('Woorden: meting, deelnemer');
    expect(auditDetailsText({ languages: ['nl', 'en'], length: { nl: 69, en: 133 } }, nl, names)).toBe(
      'Talen: Nederlands, Engels · Lengte (tekens): (Nederlands: 69, Engels: 133)',
    );
    expect(auditDetailsText({}, nl, names)).toBe('');
  });

  it('shows a key or value it does not know as stored', () => {
    expect(auditDetailsText({ somethingNew: 'x-y' }, nl, names)).toBe('somethingNew: x-y');
  });

  it('names what an entry concerns', () => {
    expect(auditTargetText('round:pre', nl, names)).toBe('Meting Voormeting');
    expect(auditTargetText('round:pre', en, names)).toBe('Round Voormeting');
    expect(auditTargetText('participant:P-017', nl, names)).toBe('Deelnemer P-017');
    expect(auditTargetText('user:12', nl, names)).toBe('account 12');
    expect(auditTargetText('batch:4', en, names)).toBe('mailing 4');
    expect(auditTargetText('template:reminder', nl, names)).toBe('e-mailtekst: herinnering');
    expect(auditTargetText('version 3', nl, names)).toBe('versie 3');
    expect(auditTargetText('q_learned#7', nl, names)).toBe('thema 7 bij ‘Wat neemt u mee?’');
    expect(auditTargetText('q_learned@31', en, names)).toBe('answer 31 to ‘Wat neemt u mee?’');
    expect(auditTargetText('bundle', nl, names)).toBe('bundle');
    expect(auditTargetText('', nl, names)).toBe('');
  });
});
