import type { Kysely } from 'kysely';
import { IMH_PARTNERS, IMH_QUESTIONNAIRE, IMH_ROUNDS, IMH_TOOLS } from '../../../content/templates/imh-training.js';
import type { Database } from '../../../server/db/schema.js';
import { writeTx } from '../../../server/db/tx.js';
import { insertStudy } from '../../../server/studies/create-study.js';
import { deriveInvitationToken, hashToken } from '../../../server/tokens.js';

export interface OpenStudy {
  studyId: number;
  slug: string;
  roundId: number;
  roundKey: string;
  /** One invitation per participant in the open round, in creation order. */
  invitations: { invitationId: number; participantId: number; key: string; email: string; token: string }[];
}

/**
 * A study made for the fault tests: the IMH template with its first round open now (opened
 * yesterday, closing in a week unless told otherwise) and `participants` participants, each
 * with contact details and an invitation whose working link token is returned.
 */
export async function createOpenStudy(
  db: Kysely<Database>,
  secret: Buffer,
  options: { slug?: string; participants?: number; now?: Date; closesAt?: Date | null; title?: string } = {},
): Promise<OpenStudy> {
  const now = options.now ?? new Date();
  const slug = options.slug ?? 'trust-open';
  const n = options.participants ?? 20;
  const rounds = IMH_ROUNDS.map((r, i) => ({
    ...r,
    opensAt: i === 0 ? new Date(now.getTime() - 86_400_000).toISOString() : null,
    closesAt:
      i === 0
        ? options.closesAt === undefined
          ? new Date(now.getTime() + 7 * 86_400_000).toISOString()
          : (options.closesAt?.toISOString() ?? null)
        : null,
  }));
  return writeTx(db, async (trx) => {
    const created = await insertStudy(
      trx,
      {
        study: {
          slug,
          title: { nl: options.title ?? `Vertrouwenstest ${slug}`, en: options.title ?? `Trust test ${slug}` },
          description: { nl: 'Voor de fouttests.', en: 'For the fault tests.' },
          organisation: 'rondo tests',
          languages: ['nl', 'en'],
          defaultLanguage: 'nl',
          colophon: {},
          privacyStatement: { nl: 'Testprivacyverklaring.', en: 'Test privacy statement.' },
        },
        rounds,
        partners: IMH_PARTNERS,
        tools: IMH_TOOLS,
        questionnaire: IMH_QUESTIONNAIRE,
      },
      { now },
    );
    const roundKey = rounds[0].key;
    const roundId = created.roundIds[roundKey];
    const invitations: OpenStudy['invitations'] = [];
    for (let i = 0; i < n; i++) {
      const key = `t${String(i).padStart(5, '0')}`;
      const email = `deelnemer${i}.${slug}@example.nl`;
      const { id } = await trx
        .insertInto('participant')
        .values({
          study_id: created.studyId,
          key,
          organisation: i % 2 ? 'GGD' : 'Kinderopvang',
          role: 'gezinscoach',
          team: '',
          left_from_round_id: null,
          created_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('participant_contact')
        .values({ participant_id: id, name: `Deelnemer ${i}`, email })
        .execute();
      const token = deriveInvitationToken(secret, id, roundId, 1);
      const invitation = await trx
        .insertInto('invitation')
        .values({
          participant_id: id,
          round_id: roundId,
          token_hash: hashToken(token),
          token_generation: 1,
          created_at: now.toISOString(),
          sent_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      invitations.push({ invitationId: invitation.id, participantId: id, key, email, token });
    }
    return { studyId: created.studyId, slug, roundId, roundKey, invitations };
  });
}
