import type { Kysely } from 'kysely';
import { pick, type Lang, type Study } from '../../model/index.js';
import { term } from '../../model/vocabulary.js';
import type { Database } from '../db/schema.js';
import { parseStudyDefinition } from '../studies/repository.js';
import { checkAddress } from './address.js';
import { formatDateTime } from './dates.js';
import { FALLBACKS } from './default-templates.js';
import { invitationLink } from './invitations.js';
import { checkTemplate } from './placeholders.js';
import { renderMail, type PlaceholderValues, type RenderedMail } from './render.js';
import type { OutgoingMail } from './smtp.js';
import type { MailKind } from '../../model/values.js';

export interface ComposeInput {
  invitationId: number;
  kind: MailKind;
  language: Lang;
  subject: string;
  body: string;
}

export type Composed =
  | { ok: true; mail: OutgoingMail; rendered: RenderedMail }
  /** `skip`: no longer wanted (submitted meanwhile, left, revoked); `fail`: cannot be sent. */
  | { ok: false; outcome: 'skip' | 'fail'; reason: string };

/** The values of the placeholders for one invitation in one language. */
export function placeholderValues(args: {
  name: string | null | undefined;
  link: string;
  closesAt: string | null;
  study: Study;
  language: Lang;
}): PlaceholderValues {
  const fallback = FALLBACKS[args.language];
  return {
    // A name is one line wherever it goes: a line break from an import never shapes a mail.
    // Everything else in it stays as typed; the HTML part escapes it.
    // Without a name the greeting uses the study's own word for a participant ("Beste deelnemer", "Beste lid").
    name: oneLine(args.name ?? '') || term(args.study.vocabulary, 'participant', args.language),
    link: args.link,
    closingDate: args.closesAt ? formatDateTime(args.closesAt, args.language) : fallback.closingDate,
    studyTitle: pick(args.study.title, args.language),
  };
}

/**
 * Builds the mail for one outbox row from the current state of the invitation: the link of
 * its current generation (a regenerated link is the one sent), the current name and address.
 * A reminder for someone who has submitted in the meantime is skipped, not sent.
 */
export async function composeMail(
  db: Kysely<Database>,
  secret: Buffer,
  baseUrl: string,
  input: ComposeInput,
  now: Date,
): Promise<Composed> {
  const row = await db
    .selectFrom('invitation as i')
    .innerJoin('participant as p', 'p.id', 'i.participant_id')
    .innerJoin('round as rd', 'rd.id', 'i.round_id')
    .innerJoin('study as s', 's.id', 'rd.study_id')
    .leftJoin('round as lr', 'lr.id', 'p.left_from_round_id')
    .leftJoin('participant_contact as c', 'c.participant_id', 'p.id')
    .select([
      'i.participant_id',
      'i.round_id',
      'i.token_generation',
      'i.revoked_at',
      'i.submitted_at',
      'rd.position',
      'rd.closes_at',
      'lr.position as left_position',
      's.slug',
      's.definition',
      'c.name',
      'c.email',
    ])
    .where('i.id', '=', input.invitationId)
    .executeTakeFirst();
  if (!row) return { ok: false, outcome: 'skip', reason: 'the invitation no longer exists' };
  if (row.revoked_at) return { ok: false, outcome: 'skip', reason: 'the invitation was withdrawn' };
  if (row.left_position !== null && row.left_position <= row.position)
    return { ok: false, outcome: 'skip', reason: 'the participant has left the study' };
  if (input.kind === 'reminder') {
    const submitted =
      row.submitted_at ??
      (await db
        .selectFrom('response')
        .select('id')
        .where('participant_id', '=', row.participant_id)
        .where('round_id', '=', row.round_id)
        .where('status', '=', 'submitted')
        .executeTakeFirst());
    if (submitted) return { ok: false, outcome: 'skip', reason: 'the participant has submitted in the meantime' };
    if (row.closes_at && row.closes_at <= now.toISOString()) return { ok: false, outcome: 'skip', reason: 'the round has closed' };
  }
  const address = checkAddress(row.email);
  if (!address.ok) return { ok: false, outcome: 'fail', reason: address.message };

  const parsed = checkTemplate(input.subject, input.body);
  if (parsed.issues.length) return { ok: false, outcome: 'fail', reason: parsed.issues.map((i) => i.message).join('; ') };
  const study = parseStudyDefinition(row.definition, `study "${row.slug}"`);
  const values = placeholderValues({
    name: row.name,
    link: invitationLink(baseUrl, secret, {
      participant_id: row.participant_id,
      round_id: row.round_id,
      token_generation: row.token_generation,
    }),
    closesAt: row.closes_at,
    study,
    language: input.language,
  });
  const rendered = renderMail(parsed.template, values);
  const replyTo = checkAddress(study.colophon?.contactEmail);
  return {
    ok: true,
    rendered,
    mail: {
      to: { name: row.name?.trim() ? headerName(row.name) : '', address: address.address },
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      replyTo: replyTo.ok ? replyTo.address : undefined,
    },
  };
}

function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** A display name for the To header: one line, no angle brackets or quotes to confuse parsers. */
function headerName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name
    .replace(/[\u0000-\u001f\u007f<>"\\]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
    .slice(0, 100);
}
