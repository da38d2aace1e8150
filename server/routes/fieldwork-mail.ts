import { OkResponse, STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import {
  BatchDetailResponse,
  BatchListQuery,
  BatchListResponse,
  IdParams,
  PreviewBody,
  PreviewResponse,
  RoundParams,
  SendBody,
  SendResponse,
  TemplateBody,
  TemplateParams,
  TemplatesResponse,
  TestMailBody,
  TestMailResponse,
  type Skipped,
} from '../../model/api/fieldwork.js';
import { audit } from '../audit.js';
import { logAccess, logViewed } from '../privacy/access-log.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { checkAddress } from '../fieldwork/address.js';
import { placeholderValues } from '../fieldwork/compose.js';
import { ensureInvitations } from '../fieldwork/invitations.js';
import { batchCounts, cancelQueued, enqueueBatch, resumeBatches } from '../fieldwork/outbox.js';
import { PLACEHOLDERS, checkTemplate, type TemplateIssue } from '../fieldwork/placeholders.js';
import { renderMail } from '../fieldwork/render.js';
import { loadRoster } from '../fieldwork/roster.js';
import { getSchedule, roundState } from '../fieldwork/rounds.js';
import { previewRecipient, selectRecipients } from '../fieldwork/selection.js';
import { assertMailWindow } from '../fieldwork/mail-window.js';
import { getTemplate, listTemplates, saveTemplate } from '../fieldwork/templates.js';
import { actorOf, roundOf, studyOf } from './fieldwork-common.js';
import type { RoutePlugin } from './route-plugin.js';

function refuseTemplate(issues: TemplateIssue[]): never {
  throw new ApiError('VALIDATION', issues.map((i) => i.message).join('; '), {
    reason: issues[0].code,
    placeholder: issues[0].placeholder,
    issues,
  });
}

/** Templates, previews, sending, batches and the test mail. */
const fieldworkMailRoutes: RoutePlugin = async (app) => {
  const ctx = app.rondo;
  const db = ctx.store.db;

  app.get(
    '/api/studies/:slug/fieldwork/templates',
    { config: { permission: 'fieldwork:read' }, schema: { params: SlugParams, response: { 200: TemplatesResponse, ...STAFF_ERRORS } } },
    async (req) => ({ placeholders: PLACEHOLDERS.map((p) => `{${p}}`), templates: await listTemplates(db, studyOf(req).id) }),
  );

  app.put(
    '/api/studies/:slug/fieldwork/templates/:kind/:language',
    {
      config: { permission: 'fieldwork:send' },
      schema: { params: TemplateParams, body: TemplateBody, response: { 200: TemplatesResponse, ...STAFF_ERRORS } },
    },
    async (req) => {
      const study = studyOf(req);
      const { actor, session } = actorOf(req);
      const { kind, language } = req.params;
      const text = 'reset' in req.body ? null : { subject: req.body.subject.trim(), body: req.body.body.replace(/\r\n?/g, '\n') };
      if (text) {
        const { issues } = checkTemplate(text.subject, text.body);
        if (issues.length) refuseTemplate(issues);
      }
      const now = ctx.now();
      await writeTx(db, async (trx) => {
        await saveTemplate(trx, study.id, kind, language, text, actor, now);
        await audit(trx, {
          actor,
          session,
          studyId: study.id,
          action: text ? 'template.update' : 'template.reset',
          target: `template:${kind}:${language}`,
          at: now,
        });
      });
      return { placeholders: PLACEHOLDERS.map((p) => `{${p}}`), templates: await listTemplates(db, study.id) };
    },
  );

  app.post(
    '/api/studies/:slug/fieldwork/preview',
    {
      config: { permission: 'fieldwork:read' },
      schema: { params: SlugParams, body: PreviewBody, response: { 200: PreviewResponse, ...STAFF_ERRORS } },
    },
    async (req) => {
      const study = studyOf(req);
      const round = await roundOf(req, req.body.round);
      const stored = await getTemplate(db, study.id, req.body.kind, req.body.language);
      const { template, issues } = checkTemplate(req.body.subject ?? stored.subject, req.body.body ?? stored.body);
      if (issues.length) refuseTemplate(issues);
      const roster = await loadRoster(db, round);
      // Without a chosen participant, someone the mail would go to: a reminder is not previewed for who has answered.
      const entry = req.body.participantKey
        ? roster.find((e) => e.participantKey === req.body.participantKey)
        : (previewRecipient(roster, req.body.kind) ?? undefined);
      if (req.body.participantKey && !entry) throw new ApiError('NOT_FOUND', 'This participant has no invitation in this round.');
      const warnings: { code: string; message: string }[] = [];
      if (!round.closes_at)
        warnings.push({
          code: 'NO_CLOSING_DATE',
          message: 'the round has no closing time; {closingDate} reads as a date still to be announced',
        });
      if (!roster.length)
        warnings.push({ code: 'NO_INVITATIONS', message: 'nobody has an invitation for this round yet; the preview uses a stand-in' });
      else if (!entry)
        warnings.push({
          code: 'NO_RECIPIENTS',
          message: 'everyone in this round has submitted: nobody gets a reminder; the preview uses a stand-in',
        });
      if (roundState(round, ctx.now()) === 'closed')
        warnings.push({ code: 'ROUND_CLOSED', message: 'the round has closed: this mail can no longer be sent' });
      if (!study.definition.languages.includes(req.body.language))
        warnings.push({ code: 'LANGUAGE', message: `the study has no ${req.body.language} texts` });
      if (entry) {
        await logViewed(db, req, 'contacts', [entry.participantKey], 'mail preview');
      }
      const address = entry ? checkAddress(entry.email) : null;
      if (address && !address.ok) warnings.push({ code: 'ADDRESS', message: address.message });
      // The preview never shows a working personal link: opening it would count as that
      // participant opening the questionnaire.
      const values = placeholderValues({
        name: entry?.name,
        link: `${ctx.config.baseUrl}/r/…`,
        closesAt: round.closes_at,
        study: study.definition,
        language: req.body.language,
      });
      const rendered = renderMail(template, values);
      return {
        ...rendered,
        recipient: entry
          ? { participantKey: entry.participantKey, name: entry.name, address: address?.ok ? address.address : entry.email }
          : null,
        warnings,
      };
    },
  );

  app.post(
    '/api/studies/:slug/fieldwork/rounds/:key/send',
    {
      config: { permission: 'fieldwork:send' },
      schema: { params: RoundParams, body: SendBody, response: { 200: SendResponse, ...STAFF_ERRORS } },
    },
    async (req) => {
      const study = studyOf(req);
      const { actor, session } = actorOf(req);
      const { kind, selection } = req.body;
      const now = ctx.now();
      const round = await roundOf(req, req.params.key);
      assertMailWindow(round, now);
      if (!ctx.config.smtp) {
        throw new ApiError('CONFLICT', 'No SMTP server is configured (RONDO_SMTP_HOST); use the mail-merge export instead.', {
          reason: 'NO_SMTP',
        });
      }
      if (kind === 'reminder' && (selection === 'all' || selection === 'not-sent')) {
        throw new ApiError('VALIDATION', 'Reminders go to non-responders or to a selection.', { reason: 'SELECTION' });
      }
      if (selection === 'selection' && !req.body.participantKeys?.length) {
        throw new ApiError('VALIDATION', 'Choose at least one participant.', { reason: 'SELECTION' });
      }
      const schedule = await getSchedule(db, round.id);
      const language = req.body.language ?? schedule.language ?? study.definition.defaultLanguage;
      if (!study.definition.languages.includes(language)) {
        throw new ApiError('VALIDATION', `This study has no ${language} texts.`, { reason: 'LANGUAGE' });
      }
      const template = await getTemplate(db, study.id, kind, language);
      const { issues } = checkTemplate(template.subject, template.body);
      if (issues.length) refuseTemplate(issues);
      // Who was skipped and why is participant-level (it can quote an address that does not
      // work): logged, in the transaction that decided it.
      const logSkipped = (trx: typeof db, skipped: Skipped[]) => {
        const keys = skipped.filter((s) => s.reason !== 'UNKNOWN_PARTICIPANT').map((s) => s.participantKey);
        return keys.length
          ? logAccess(trx, {
              actor,
              session,
              studyId: study.id,
              kind: 'view',
              data: 'contacts',
              participants: keys,
              purpose: `send ${kind} ${round.key}: not sent to`,
              at: now,
            })
          : Promise.resolve();
      };
      if (req.body.dryRun) {
        const chosen = selectRecipients(await loadRoster(db, round), kind, selection, req.body.participantKeys);
        if (chosen.skipped.length) await writeTx(db, (trx) => logSkipped(trx, chosen.skipped));
        return { batchId: null, queued: chosen.entries.length, skipped: chosen.skipped };
      }
      const result = await writeTx(db, async (trx) => {
        await ensureInvitations(trx, ctx.secret, round, now);
        const chosen = selectRecipients(await loadRoster(trx, round), kind, selection, req.body.participantKeys);
        const batch = await enqueueBatch(trx, {
          studyId: study.id,
          roundId: round.id,
          kind,
          origin: 'manual',
          selection,
          language,
          template,
          createdBy: actor,
          now,
          invitationIds: chosen.entries.map((e) => e.invitationId),
        });
        await logSkipped(trx, chosen.skipped);
        await audit(trx, {
          actor,
          session,
          studyId: study.id,
          action: 'mail.batch',
          target: batch ? `batch:${batch.batchId}` : `round:${round.key}`,
          details: { round: round.key, kind, selection, language, queued: batch?.queued ?? 0, skipped: chosen.skipped.length },
          at: now,
        });
        return { batchId: batch?.batchId ?? null, queued: batch?.queued ?? 0, skipped: chosen.skipped };
      });
      if (result.batchId !== null) void app.fieldwork.sender.kick().catch((err) => req.log.error({ err }, 'sending failed'));
      return result;
    },
  );

  async function batchRows(studyId: number, where: { id?: number; roundKey?: string }) {
    let q = db
      .selectFrom('mail_batch as b')
      .innerJoin('round as r', 'r.id', 'b.round_id')
      .select([
        'b.id',
        'r.key as round',
        'b.kind',
        'b.origin',
        'b.selection',
        'b.language',
        'b.status',
        'b.paused_reason',
        'b.paused_kind',
        'b.retry_at',
        'b.created_at',
        'b.created_by',
        'b.finished_at',
        'b.subject',
      ])
      .where('b.study_id', '=', studyId)
      .orderBy('b.id', 'desc')
      .limit(100);
    if (where.id !== undefined) q = q.where('b.id', '=', where.id);
    if (where.roundKey !== undefined) q = q.where('r.key', '=', where.roundKey);
    const rows = await q.execute();
    const counts = await batchCounts(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      round: r.round,
      kind: r.kind,
      origin: r.origin,
      selection: r.selection,
      language: r.language,
      status: r.status,
      pausedReason: r.paused_reason,
      pausedKind: r.paused_kind,
      retryAt: r.retry_at,
      createdAt: r.created_at,
      createdBy: r.created_by,
      finishedAt: r.finished_at,
      counts: counts.get(r.id)!,
      subject: r.subject,
    }));
  }

  async function batchOf(studyId: number, id: string) {
    const [batch] = await batchRows(studyId, { id: Number(id) });
    if (!batch) throw new ApiError('NOT_FOUND', 'There is no such mail batch in this study.');
    return batch;
  }

  app.get(
    '/api/studies/:slug/fieldwork/batches',
    {
      config: { permission: 'fieldwork:read' },
      schema: { params: SlugParams, querystring: BatchListQuery, response: { 200: BatchListResponse, ...STAFF_ERRORS } },
    },
    async (req) => ({ batches: await batchRows(studyOf(req).id, { roundKey: req.query.round }) }),
  );

  app.get(
    '/api/studies/:slug/fieldwork/batches/:id',
    { config: { permission: 'fieldwork:read' }, schema: { params: IdParams, response: { 200: BatchDetailResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const batch = await batchOf(studyOf(req).id, req.params.id);
      const recipients = await db
        .selectFrom('outbox as o')
        .innerJoin('invitation as i', 'i.id', 'o.invitation_id')
        .innerJoin('participant as p', 'p.id', 'i.participant_id')
        .leftJoin('participant_contact as c', 'c.participant_id', 'p.id')
        .select(['o.id', 'p.key', 'c.name', 'c.email', 'o.status', 'o.attempts', 'o.last_error', 'o.sent_at'])
        .where('o.batch_id', '=', batch.id)
        .orderBy('o.id')
        .execute();
      await logViewed(
        db,
        req,
        'contacts',
        recipients.map((r) => r.key),
        `mail batch ${batch.id}`,
      );
      return {
        batch,
        subject: batch.subject,
        recipients: recipients.map((r) => ({
          outboxId: r.id,
          participantKey: r.key,
          name: r.name ?? '',
          email: r.email ?? null,
          status: r.status,
          attempts: r.attempts,
          error: r.last_error,
          sentAt: r.sent_at,
        })),
      };
    },
  );

  app.post(
    '/api/studies/:slug/fieldwork/batches/:id/resume',
    { config: { permission: 'fieldwork:send' }, schema: { params: IdParams, response: { 200: OkResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const study = studyOf(req);
      const { actor, session } = actorOf(req);
      const batch = await batchOf(study.id, req.params.id);
      if (batch.status !== 'paused') throw new ApiError('CONFLICT', 'Only a paused batch can be resumed.', { reason: 'NOT_PAUSED' });
      const now = ctx.now();
      await writeTx(db, async (trx) => {
        await resumeBatches(trx, now, batch.id);
        await audit(trx, { actor, session, studyId: study.id, action: 'mail.batch.resume', target: `batch:${batch.id}`, at: now });
      });
      void app.fieldwork.sender.kick().catch((err) => req.log.error({ err }, 'sending failed'));
      return { ok: true };
    },
  );

  app.post(
    '/api/studies/:slug/fieldwork/batches/:id/cancel',
    { config: { permission: 'fieldwork:send' }, schema: { params: IdParams, response: { 200: OkResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const study = studyOf(req);
      const { actor, session } = actorOf(req);
      const batch = await batchOf(study.id, req.params.id);
      if (batch.status === 'done' || batch.status === 'cancelled')
        throw new ApiError('CONFLICT', 'This batch has finished.', { reason: 'FINISHED' });
      const now = ctx.now();
      await writeTx(db, async (trx) => {
        const cancelled = await cancelQueued(trx, { batchId: batch.id }, 'cancelled by a researcher', now);
        await audit(trx, {
          actor,
          session,
          studyId: study.id,
          action: 'mail.batch.cancel',
          target: `batch:${batch.id}`,
          details: { cancelled },
          at: now,
        });
      });
      return { ok: true };
    },
  );

  app.post(
    '/api/studies/:slug/fieldwork/test-mail',
    {
      config: { permission: 'fieldwork:send', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { params: SlugParams, body: TestMailBody, response: { 200: TestMailResponse, ...STAFF_ERRORS } },
    },
    async (req) => {
      const study = studyOf(req);
      const { actor, session } = actorOf(req);
      const address = checkAddress(req.body.to);
      if (!address.ok) throw new ApiError('VALIDATION', `Not sent: ${address.message}.`, { reason: address.reason, field: 'to' });
      const smtp = ctx.config.smtp;
      let outcome: { ok: boolean; message: string };
      if (!smtp) {
        outcome = {
          ok: false,
          message: 'No SMTP server is configured: set RONDO_SMTP_HOST and RONDO_SMTP_FROM, or use the mail-merge export.',
        };
      } else {
        const transport = app.fieldwork.transport(smtp);
        try {
          const problem = await transport.check();
          if (problem) {
            outcome = { ok: false, message: problem };
          } else {
            const sent = await transport.send({
              to: { name: '', address: address.address },
              subject: 'rondo: testbericht / test message',
              text: `Dit is een testbericht van rondo (${ctx.config.baseUrl}). De e-mailinstellingen werken.\n\nThis is a test message from rondo. The e-mail settings work.\n`,
              html: '<p>Dit is een testbericht van rondo. De e-mailinstellingen werken.</p><p>This is a test message from rondo. The e-mail settings work.</p>',
            });
            outcome =
              sent.status === 'sent'
                ? { ok: true, message: `accepted by ${smtp.host}:${smtp.port} (${sent.response})` }
                : { ok: false, message: sent.reason };
          }
        } finally {
          transport.close();
        }
      }
      await writeTx(db, (trx) =>
        audit(trx, {
          actor,
          session,
          studyId: study.id,
          action: 'mail.test',
          target: 'smtp',
          details: { ok: outcome.ok, message: outcome.message.slice(0, 300) },
          at: ctx.now(),
        }),
      );
      return outcome;
    },
  );
};
export default fieldworkMailRoutes;
