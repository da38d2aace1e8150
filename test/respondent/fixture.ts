import { optionSub, partnerSub, toolSub, type AnswerCell, type RespondentForm } from '../../model/index.js';
import type { TestApp } from '../helpers/app.js';
import { deriveInvitationToken, hashToken } from '../../server/tokens.js';
import { enableAnonymousLink } from '../../server/respondent/links.js';

/**
 * Respondent test fixtures on the demo study (1000 Kansen). Its rounds closed in 2022, so a
 * test opens the round it needs; invitations get their link token derived from the secret,
 * exactly as fieldwork derives them for the mail.
 */

export const DEMO = '1000-kansen';

export interface Invitation {
  id: number;
  participantId: number;
  roundId: number;
  token: string;
  /** Whether it already has a response (demo drafts and submissions). */
  responseStatus: 'draft' | 'submitted' | null;
}

/** Opens a demo round from an hour ago until a week ahead (or the given window). */
export function openRound(t: TestApp, roundKey: string, window: { opensAt?: string | null; closesAt?: string | null } = {}): number {
  const now = Date.now();
  const opensAt = window.opensAt !== undefined ? window.opensAt : new Date(now - 3_600_000).toISOString();
  const closesAt = window.closesAt !== undefined ? window.closesAt : new Date(now + 7 * 86_400_000).toISOString();
  const row = t.data.store.sqlite
    .prepare('update round set opens_at = ?, closes_at = ? where key = ? and study_id = (select id from study where slug = ?) returning id')
    .get(opensAt, closesAt, roundKey, DEMO) as { id: number };
  return row.id;
}

/** Invitations of a demo round with their link tokens, in participant order. */
export function invitations(t: TestApp, roundKey: string): Invitation[] {
  const rows = t.data.store.sqlite
    .prepare(
      `select i.id, i.participant_id, i.round_id, i.token_generation, p.status
       from invitation i join round r on r.id = i.round_id
       left join response p on p.invitation_id = i.id
       where r.key = ? and r.study_id = (select id from study where slug = ?) order by i.participant_id`,
    )
    .all(roundKey, DEMO) as {
    id: number;
    participant_id: number;
    round_id: number;
    token_generation: number;
    status: 'draft' | 'submitted' | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    roundId: r.round_id,
    token: deriveInvitationToken(t.data.secret, r.participant_id, r.round_id, r.token_generation),
    responseStatus: r.status,
  }));
}

/** Invitations of a round that have no response yet. */
export function freshInvitations(t: TestApp, roundKey: string): Invitation[] {
  return invitations(t, roundKey).filter((i) => i.responseStatus === null);
}

/** Opens a link like a browser would and returns the cookie header that continues it. */
export async function exchange(t: TestApp, token: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: `/r/${token}` });
  if (res.statusCode !== 200) throw new Error(`link exchange failed: ${res.statusCode}`);
  const cookie = res.cookies.find((c) => c.name === 'rondo_r' || c.name === 'rondo_a');
  if (!cookie) throw new Error('link exchange set no cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** Turns on the anonymous link of a demo round and returns its token. */
export async function anonymousToken(t: TestApp, roundKey: string): Promise<string> {
  const roundId = (
    t.data.store.sqlite
      .prepare('select id from round where key = ? and study_id = (select id from study where slug = ?)')
      .get(roundKey, DEMO) as { id: number }
  ).id;
  const link = await enableAnonymousLink({ config: t.config, secret: t.data.secret }, t.data.store.db, roundId);
  return link.slice(link.lastIndexOf('/') + 1);
}

/** The page's embedded JSON: the form and the draft. */
export function embedded(html: string): { form: any; draft: any } {
  const read = (id: string) => {
    const m = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
    if (!m) throw new Error(`no ${id} in the page`);
    return JSON.parse(m[1]);
  };
  return { form: read('rondo-form'), draft: read('rondo-draft') };
}

/** A complete, valid set of answers for a form's round: what a diligent respondent sends. */
export function completeAnswers(form: RespondentForm): AnswerCell[] {
  const cells: AnswerCell[] = [];
  for (const item of form.questionnaire.sections.flatMap((s) => s.items)) {
    const id = item.id;
    switch (item.type) {
      case 'likert':
      case 'frequency':
        cells.push({ item: id, sub: '', code: item.scale.points[item.scale.points.length - 2].code });
        break;
      case 'rating':
        cells.push({ item: id, sub: '', code: item.max - 2 });
        break;
      case 'yesno':
        cells.push({ item: id, sub: '', code: 0 });
        break;
      case 'single':
        cells.push({ item: id, sub: '', code: item.options[0].code });
        break;
      case 'multi':
        item.options.forEach((o, i) => cells.push({ item: id, sub: optionSub(o.code), code: i === 0 ? 1 : 0 }));
        break;
      case 'number':
        if (!item.showIf) cells.push({ item: id, sub: '', code: item.min });
        break;
      case 'text':
        cells.push({ item: id, sub: '', text: `Antwoord op ${id}` });
        break;
      case 'partnerGrid':
        for (const p of form.partners)
          for (const f of item.facets) cells.push({ item: id, sub: partnerSub(p.id, f.key), code: f.scale.points[1].code });
        break;
      case 'toolGrid':
        for (const tool of form.tools) cells.push({ item: id, sub: toolSub(tool.id), code: item.scale.points[0].code });
        break;
    }
  }
  return cells;
}

/** Adds participants with invitations to a demo round, as fieldwork would; returns the invitations. */
export function addInvitations(t: TestApp, roundKey: string, count: number): Invitation[] {
  const sqlite = t.data.store.sqlite;
  const { studyId, roundId } = sqlite
    .prepare('select s.id as studyId, r.id as roundId from round r join study s on s.id = r.study_id where s.slug = ? and r.key = ?')
    .get(DEMO, roundKey) as { studyId: number; roundId: number };
  const now = new Date().toISOString();
  const insertParticipant = sqlite.prepare(
    "insert into participant (study_id, key, organisation, role, created_at) values (?, ?, 'Testorganisatie', 'tester', ?) returning id",
  );
  const insertInvitation = sqlite.prepare(
    'insert into invitation (participant_id, round_id, token_hash, created_at) values (?, ?, ?, ?) returning id',
  );
  const start = (sqlite.prepare('select count(*) as n from participant').get() as { n: number }).n;
  const out: Invitation[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const { id: participantId } = insertParticipant.get(studyId, `extra-${start + i}`, now) as { id: number };
      const token = deriveInvitationToken(t.data.secret, participantId, roundId, 1);
      const { id } = insertInvitation.get(participantId, roundId, hashToken(token), now) as { id: number };
      out.push({ id, participantId, roundId, token, responseStatus: null });
    }
  })();
  return out;
}
