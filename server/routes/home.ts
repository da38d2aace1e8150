import { TextFile } from '../../model/api/common.js';
import { renderPage } from '../html.js';
import type { RoutePlugin } from './route-plugin.js';

/** The front page: what rondo is and where to log in. */
const homeRoutes: RoutePlugin = async (app) => {
  app.get('/', { schema: { response: { 200: TextFile } } }, async (_req, reply) => {
    const studies = await app.rondo.store.db
      .selectFrom('study')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deleting_since', 'is', null)
      .executeTakeFirstOrThrow();
    return reply.type('text/html; charset=utf-8').send(
      renderPage({
        lang: 'nl',
        title: 'rondo',
        body: `<main class="narrow">
  <h1>rondo</h1>
  <p>Onderzoek in meetrondes: vragenlijsten, respons, eerlijke statistiek en factsheets.</p>
  <p>Deze server beheert ${studies.n} ${studies.n === 1 ? 'onderzoek' : 'onderzoeken'}.</p>
  <p><a class="button" href="/login">Inloggen</a></p>
</main>`,
      }),
    );
  });
};
export default homeRoutes;
