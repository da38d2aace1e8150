import crypto from 'node:crypto';
import type { AnswerCell } from '../../../model/index.js';
import type { TestApp } from '../../helpers/app.js';

/** A respondent through app.inject: opens the link once, then drafts and submits with the cookie. */
export async function respondent(t: TestApp, token: string) {
  const opened = await t.app.inject({ method: 'GET', url: `/r/${token}` });
  const cookie = opened.cookies.find((c) => c.name === 'rondo_r');
  if (opened.statusCode !== 200 || !cookie) throw new Error(`the link did not open: ${opened.statusCode}`);
  const headers = { cookie: `rondo_r=${cookie.value}` };
  return {
    headers,
    page: () => t.app.inject({ method: 'GET', url: '/r', headers }),
    draft: (answers: AnswerCell[]) =>
      t.app.inject({
        method: 'PUT',
        url: '/r/api/draft',
        headers,
        payload: { language: 'nl', items: [...new Set(answers.map((c) => c.item))], answers },
      }),
    submit: (answers: AnswerCell[], submissionId = crypto.randomBytes(18).toString('base64url')) =>
      t.app.inject({ method: 'POST', url: '/r/api/submit', headers, payload: { submissionId, language: 'nl', answers } }),
  };
}

/** The study's responses for one invitation, with their number of answer cells. */
export function responsesOf(
  t: TestApp,
  invitationId: number,
): { id: number; status: string; submission_id: string | null; cells: number }[] {
  return t.data.store.sqlite
    .prepare(
      'select r.id, r.status, r.submission_id, (select count(*) from answer a where a.response_id = r.id) as cells from response r where r.invitation_id = ?',
    )
    .all(invitationId) as { id: number; status: string; submission_id: string | null; cells: number }[];
}
