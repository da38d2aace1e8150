import type { Kysely } from 'kysely';
import { DEMO_NETWORK_YEAR, generateDemoNetworks, type DemoNetwork } from '../../content/demo/networks.js';
import type { Database } from '../db/schema.js';
import { packResponsesIn } from '../db/packed-answers.js';
import { writeTx } from '../db/tx.js';
import { generatePassword, hashGeneratedPassword } from '../auth/password.js';
import { addAction, createPlan, decidePoint, proposePoint, savePdca, votePoint, type Actor } from '../improvement/store.js';
import { renewAnonymousLink } from '../respondent/links.js';
import { insertStudy } from './create-study.js';
import { insertDemoAnswers, insertDemoInvitation, insertDemoParticipant } from './demo.js';
import { findStudyId } from './repository.js';
import type {} from '../cohort/attributes.js';
import type {} from '../groups/schema.js';
import type {} from '../setup/schema.js';

export { DEMO_NETWORK_SLUGS } from '../../content/demo/networks.js';

/**
 * Writes the demo's synthetic IMH region (issue 17, deliverable 7): the three network studies of
 * content/demo/networks.ts with their cohorts (domain and network role), two half-yearly scans,
 * parents' anonymous responses through each scan's link, and one improvement cycle each — points,
 * the team's votes, the selected point, the yearly plan with its actions and two quarterly PDCA
 * entries — written through the improvement store, as the screens write them (history and audit
 * included). Each network's study and fieldwork is one transaction; the cycle follows through the
 * store's own transactions. A network that already exists is left alone, so running it twice never
 * duplicates anything. The two accounts per network own the plan's actions. The connector's account
 * has no usable password (the administrator runs the networks as their connector); the team
 * member's gets a generated demo password, returned once like the administrator's at the first
 * start, so "members see the plan and update their own actions" can be shown (domainsui).
 *
 * Called in the demo sequence (`rondo demo` and the first start) right after the 1000 Kansen
 * demo; the `regional` area groups the returned studies into the programme `imh-regio-demo`.
 */
export async function createDemoNetworks(db: Kysely<Database>, secret: Buffer): Promise<DemoNetworkCreated[]> {
  const out: DemoNetworkCreated[] = [];
  for (const network of generateDemoNetworks()) {
    const existing = await findStudyId(db, network.slug);
    if (existing !== null) {
      out.push({ studyId: existing, slug: network.slug, created: false });
      continue;
    }
    const password = generatePassword();
    const written = await writeNetwork(db, secret, network, await hashGeneratedPassword(password));
    if (!written) {
      // Another process wrote it in between: the same study, not ours to fill.
      out.push({ studyId: (await findStudyId(db, network.slug))!, slug: network.slug, created: false });
      continue;
    }
    await writeCycle(db, written.studyId, network, written.users);
    const member = network.accounts.find((a) => a.role !== 'researcher')!;
    out.push({ studyId: written.studyId, slug: network.slug, created: true, member: { email: member.email, password } });
  }
  return out;
}

/**
 * The demo network members' logins, printed once with the other demo logins (first start, `rondo demo`): each
 * sees their network's plan on the "Verbeteren" screen and updates the status of their own actions.
 */
export function demoMemberLines(members: readonly { slug: string; email: string; password: string }[]): string[] {
  return [
    '  Demo network members (see the plan and update their own actions; passwords shown only once):',
    ...members.map((m) => `    ${m.slug}: e-mail ${m.email}  password ${m.password}`),
  ];
}

/** One demo network as createDemoNetworks leaves it; `member` (shown once) only when it was created now. */
export interface DemoNetworkCreated {
  studyId: number;
  slug: string;
  created: boolean;
  /** domainsui: the team member who can log in (e-mail and generated password, never stored in plain text). */
  member?: { email: string; password: string };
}

async function writeNetwork(db: Kysely<Database>, secret: Buffer, network: DemoNetwork, memberHash: string) {
  return writeTx(db, async (trx) => {
    if ((await findStudyId(trx, network.slug)) !== null) return null;
    const first = network.rounds[0].opensAt!;
    const created = await insertStudy(
      trx,
      { study: network.study, rounds: network.rounds, partners: network.partners, tools: [], questionnaire: network.questionnaire },
      { isDemo: true, now: new Date(Date.parse(first) - 30 * 86_400_000) },
    );
    const createdAt = new Date(Date.parse(first) - 21 * 86_400_000).toISOString();
    // The two accounts that own actions, members of this study only. '!' is no password hash, so the connector
    // cannot log in; the team member logs in with the demo password (domainsui).
    const users: number[] = [];
    for (const a of network.accounts) {
      const { id } = await trx
        .insertInto('user')
        .values({
          email: a.email,
          display_name: a.name,
          password_hash: a.role === 'researcher' ? '!' : memberHash,
          is_admin: 0,
          language: 'nl',
          created_at: createdAt,
          disabled_at: null,
          password_changed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('study_member').values({ study_id: created.studyId, user_id: id, role: a.role }).execute();
      users.push(id);
    }

    const participantIds: number[] = [];
    for (const m of network.members) {
      const id = await insertDemoParticipant(trx, created.studyId, m, createdAt, 'professionals');
      participantIds.push(id);
      await trx
        .insertInto('participant_attribute')
        .values([
          { participant_id: id, key: 'domain', value: m.domain },
          { participant_id: id, key: 'network_role', value: m.networkRole },
        ])
        .execute();
    }

    // Every member is invited to both scans; parents come through each scan's anonymous link.
    const invitations = new Map<string, number>();
    for (const round of network.rounds) {
      const roundId = created.roundIds[round.key];
      await renewAnonymousLink(trx, secret, roundId);
      for (const participantId of participantIds) {
        const id = await insertDemoInvitation(trx, secret, participantId, roundId, {
          sentAt: round.opensAt!,
          remindedAt: null,
          openedAt: null,
        });
        invitations.set(`${participantId}:${roundId}`, id);
      }
    }

    let firstResponse = 0;
    let lastResponse = 0;
    for (const r of network.responses) {
      const roundId = created.roundIds[r.round];
      const participantId = r.member === null ? null : participantIds[r.member];
      const invitationId = participantId === null ? null : invitations.get(`${participantId}:${roundId}`)!;
      const { id: responseId } = await trx
        .insertInto('response')
        .values({
          study_id: created.studyId,
          round_id: roundId,
          participant_id: participantId,
          invitation_id: invitationId,
          questionnaire_version_id: created.questionnaireVersionId,
          status: 'submitted',
          submission_id: null,
          anonymous: participantId === null ? 1 : 0,
          source: 'demo',
          language: 'nl',
          started_at: r.startedAt,
          updated_at: r.submittedAt,
          submitted_at: r.submittedAt,
          group_key: null,
          packed_layout_id: null,
          packed_values: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (invitationId !== null)
        await trx
          .updateTable('invitation')
          .set({ opened_at: r.startedAt, started_at: r.startedAt, submitted_at: r.submittedAt })
          .where('id', '=', invitationId)
          .execute();
      await insertDemoAnswers(trx, responseId, r.cells, created, 200);
      firstResponse ||= responseId;
      lastResponse = responseId;
    }
    if (firstResponse) await packResponsesIn(trx, firstResponse, lastResponse);
    return { studyId: created.studyId, users };
  });
}

/**
 * The improvement cycle through the store: two points proposed during the first scan, both
 * accounts vote for the first, the connector selects it by the vote, a plan for the year with its
 * actions, and the quarterly evaluations of Q2 and Q3 — each at the moment a team would have done it.
 */
async function writeCycle(db: Kysely<Database>, studyId: number, network: DemoNetwork, users: number[]): Promise<void> {
  const opens = network.rounds[0].opensAt!;
  const day = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000);
  const as = (user: number, now: Date): Actor => ({ actor: `user:${user}`, session: 'demo', userId: user, now });
  const word = { nl: 'scan', en: 'scan' };
  const connector = users[0];
  const round = network.rounds[0].key;
  const pointIds: number[] = [];
  for (const point of network.plan.points)
    pointIds.push(
      await proposePoint(
        db,
        studyId,
        { source: point.source, ref: point.ref, title: point.title, note: point.note, round },
        as(connector, day(opens, 14)),
        word,
      ),
    );
  for (const user of users) await votePoint(db, studyId, pointIds[0], round, as(user, day(opens, 17)), word);
  const point = await db.selectFrom('improvement_point').select('version').where('id', '=', pointIds[0]).executeTakeFirstOrThrow();
  await decidePoint(db, studyId, pointIds[0], { by: 'vote', version: point.version }, as(connector, day(opens, 26)));
  const planId = await createPlan(
    db,
    studyId,
    { point: pointIds[0], year: DEMO_NETWORK_YEAR, goal: network.plan.goal, indicators: network.plan.indicators },
    as(connector, day(opens, 32)),
  );
  for (const action of network.plan.actions)
    await addAction(
      db,
      studyId,
      planId,
      { description: action.description, owner: users[action.owner], due: action.due, status: action.status },
      as(connector, day(opens, 33)),
    );
  for (const entry of network.plan.pdca) {
    // Recorded in the first week after the quarter ends.
    const after = new Date(Date.UTC(DEMO_NETWORK_YEAR, entry.quarter * 3, 4));
    await savePdca(
      db,
      studyId,
      planId,
      entry.quarter,
      { version: null, done: entry.done, measured: entry.measured, adjusted: entry.adjusted },
      as(connector, after),
    );
  }
}
