import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_CODES, auditActionText } from '../../web/app/views/audit-action-text.js';

/**
 * The audit log on the logs screen says every action in words (web/app/views/audit-action-text.ts),
 * never only its internal code. Every code the server writes has words: the literal ones found in
 * server/ (`action: 'study.create'`), and those the server puts together from a kind or an action
 * (catalogues, questionnaire edits, links, the improvement cycle), listed here by hand.
 */
const BUILT = [
  ...['partner', 'tool'].flatMap((kind) => ['add', 'update', 'remove', 'reorder'].map((verb) => `${kind}.${verb}`)),
  ...['edit', 'new-version', 'wording'].map((kind) => `questionnaire.${kind}`),
  ...['enable', 'disable', 'regenerate'].map((action) => `round.anonymous-link.${action}`),
  ...['enable', 'disable'].map((action) => `round.group-link.${action}`),
  ...[
    'action.added',
    'action.changed',
    'pdca.changed',
    'plan.changed',
    'plan.created',
    'point.proposed',
    'point.selected',
    'point.set-aside',
  ].map((action) => `improvement.${action}`),
];

function literalCodes(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...literalCodes(file));
    else if (file.endsWith('.ts') && !file.endsWith('.test.ts'))
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\baction: '([a-z0-9._-]+)'/g)) out.push(m[1]);
  }
  return out;
}

describe('the audit log in words', () => {
  it('has words for every action code the server writes, in Dutch and English', () => {
    const codes = [...new Set([...literalCodes(path.resolve('server')), ...BUILT])].sort();
    expect(codes.length).toBeGreaterThan(90);
    expect(codes.filter((c) => !AUDIT_ACTION_CODES.includes(c))).toEqual([]);
    for (const c of codes) {
      expect(auditActionText(c, 'nl')).toMatch(/^[A-Z]/);
      expect(auditActionText(c, 'en')).toMatch(/^[A-Z]/);
    }
    expect(auditActionText('questionnaire.edit', 'nl')).toBe('Vragenlijst gewijzigd');
    expect(auditActionText('no.such.code', 'nl')).toBeNull();
  });
});
