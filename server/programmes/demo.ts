import type { Kysely } from 'kysely';
import { generatePassword, hashGeneratedPassword } from '../auth/password.js';
import type { Database } from '../db/schema.js';
import { DEMO_NETWORK_SLUGS } from '../studies/demo-networks.js';
import { findStudyId } from '../studies/repository.js';
import { createUser } from '../users.js';
import { addProgrammeMember, addProgrammeStudy, createProgramme, findProgramme } from './store.js';

/** The demo region (issue 17, deliverable 7): the programme and the three demo networks it groups. */
export const DEMO_PROGRAMME = 'imh-regio-demo';
export const DEMO_NETWORKS = DEMO_NETWORK_SLUGS;
export const DEMO_REPRESENTATIVE_EMAIL = 'regio@rondo.local';

/**
 * Groups the demo networks (made by createDemoNetworks, which must run first) into the programme
 * `imh-regio-demo`, clearly labelled as synthetic, with a demo regional representative whose
 * generated password is returned to be shown once, like the administrator's. Does nothing and
 * returns null when the programme exists already or none of the networks does.
 */
export async function createDemoProgramme(
  db: Kysely<Database>,
  now = new Date(),
): Promise<{ programme: string; networks: string[]; representative: { email: string; password: string } | null } | null> {
  if (await findProgramme(db, DEMO_PROGRAMME)) return null;
  const networks: string[] = [];
  for (const slug of DEMO_NETWORKS) if ((await findStudyId(db, slug)) !== null) networks.push(slug);
  if (!networks.length) return null;
  const by = { actor: 'system', now };
  const programme = await createProgramme(
    db,
    {
      slug: DEMO_PROGRAMME,
      title: { nl: 'IMH-regio (demo)', en: 'IMH region (demo)' },
      description: {
        nl: 'Een verzonnen regio met drie lokale IMH-netwerken en synthetische gegevens, om rondo te leren kennen.',
        en: 'A made-up region with three local IMH networks and synthetic data, to get to know rondo.',
      },
    },
    by,
  );
  for (const slug of networks) await addProgrammeStudy(db, programme, slug, by);
  const exists = await db.selectFrom('user').select('id').where('email', '=', DEMO_REPRESENTATIVE_EMAIL).executeTakeFirst();
  let representative: { email: string; password: string } | null = null;
  if (!exists) {
    const password = generatePassword();
    await createUser(
      db,
      {
        email: DEMO_REPRESENTATIVE_EMAIL,
        password,
        passwordHash: await hashGeneratedPassword(password),
        displayName: 'Regiovertegenwoordiger (demo)',
      },
      { actor: 'system' },
    );
    representative = { email: DEMO_REPRESENTATIVE_EMAIL, password };
  }
  await addProgrammeMember(db, programme, DEMO_REPRESENTATIVE_EMAIL, 'representative', by);
  return { programme: DEMO_PROGRAMME, networks, representative };
}

/** Makes an account (the first start's administrator) coordinator of the demo programme, when it exists. */
export async function addDemoCoordinator(db: Kysely<Database>, email: string, now = new Date()): Promise<void> {
  const programme = await findProgramme(db, DEMO_PROGRAMME);
  if (programme) await addProgrammeMember(db, programme, email, 'coordinator', { actor: 'system', now });
}
