import crypto from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { optionSub, partnerSub, toolSub, type AnswerCell, type Item, type Questionnaire } from '../../../model/index.js';

/**
 * A complete, valid set of answers for one round of a study's current questionnaire, built
 * from the database: what a diligent respondent sends. Varied by `seed` so responses differ.
 */
export function completeAnswers(sqlite: SQLite.Database, studyId: number, roundKey: string, seed = 0): AnswerCell[] {
  const q = JSON.parse(
    (
      sqlite.prepare('select definition from questionnaire_version where study_id = ? order by version desc limit 1').get(studyId) as {
        definition: string;
      }
    ).definition,
  ) as Questionnaire;
  const partners = (sqlite.prepare('select id from partner where study_id = ? order by position').all(studyId) as { id: number }[]).map(
    (r) => r.id,
  );
  const tools = (sqlite.prepare('select id from tool where study_id = ? order by position').all(studyId) as { id: number }[]).map(
    (r) => r.id,
  );
  const cells: AnswerCell[] = [];
  const pick = <T>(xs: readonly T[], i: number) => xs[(seed + i) % xs.length];
  for (const item of q.sections.flatMap((s) => s.items) as Item[]) {
    if (!item.rounds.includes(roundKey) || item.showIf) continue;
    const id = item.id;
    switch (item.type) {
      case 'likert':
      case 'frequency':
        cells.push({ item: id, sub: '', code: pick(item.scale.points, 1).code });
        break;
      case 'rating':
        cells.push({ item: id, sub: '', code: item.min + ((seed + 3) % (item.max - item.min + 1)) });
        break;
      case 'yesno':
        cells.push({ item: id, sub: '', code: seed % 2 });
        break;
      case 'single':
        cells.push({ item: id, sub: '', code: pick(item.options, 0).code });
        break;
      case 'multi':
        item.options.forEach((o, i) => cells.push({ item: id, sub: optionSub(o.code), code: (seed + i) % 2 }));
        break;
      case 'number':
        cells.push({ item: id, sub: '', code: item.min ?? 0 });
        break;
      case 'text':
        cells.push({ item: id, sub: '', text: `Antwoord ${seed} op ${id}` });
        break;
      case 'partnerGrid':
        partners.forEach((p, i) =>
          item.facets.forEach((f) => cells.push({ item: id, sub: partnerSub(p, f.key), code: pick(f.scale.points, i).code })),
        );
        break;
      case 'toolGrid':
        tools.forEach((tool, i) => cells.push({ item: id, sub: toolSub(tool), code: pick(item.scale.points, i).code }));
        break;
    }
  }
  return cells;
}

export const newSubmissionId = (): string => crypto.randomBytes(18).toString('base64url');

/** A respondent's browser against a server on 127.0.0.1: the link cookie, drafts, the submission. */
export class RespondentClient {
  private cookie = '';
  constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  /** Opens the link: the token becomes a cookie. Returns the status. */
  async open(signal?: AbortSignal): Promise<number> {
    const res = await fetch(`${this.base}/r/${this.token}`, { redirect: 'manual', signal });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('rondo_r=') || c.startsWith('rondo_a='));
    if (set) this.cookie = set.split(';')[0];
    await res.arrayBuffer();
    return res.status;
  }

  async draft(items: string[], answers: AnswerCell[], signal?: AbortSignal): Promise<{ status: number; body: any; headers: Headers }> {
    return this.json('PUT', '/r/api/draft', { language: 'nl', items, answers }, signal);
  }

  async submit(
    submissionId: string,
    answers: AnswerCell[],
    signal?: AbortSignal,
  ): Promise<{ status: number; body: any; headers: Headers }> {
    return this.json('POST', '/r/api/submit', { submissionId, language: 'nl', answers }, signal);
  }

  private async json(
    method: string,
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: this.cookie },
      body: JSON.stringify(body),
      signal,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the assertion message
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }
}
