import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TextFile } from '../../model/api/common.js';
import { LoginPageQuery } from '../../model/api/pages.js';
import { WEB_DIST } from '../paths.js';
import { renderPage } from '../html.js';
import { safeNext } from '../auth/safe-next.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * The staff app's HTML shell for /login, /app and /app/…: an empty page that loads the app
 * bundle, which routes on the client. The shell holds no data (every API call is guarded), so
 * it is public; without JavaScript it says so.
 */
const appShellRoutes: RoutePlugin = async (app) => {
  // The builder's preview draws questions with the respondent form's elements, styled by its
  // stylesheet; app.css comes last so the app's own rules win where both speak.
  const styles = () => (fs.existsSync(path.join(WEB_DIST, 'respondent.css')) ? ['respondent.css', 'app.css'] : ['app.css']);
  const shell = async (req: FastifyRequest, reply: FastifyReply) => {
    const lang = req.session?.user.language ?? (/^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'nl');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        renderPage({
          lang,
          title: 'rondo',
          styles: styles(),
          scripts: ['entry-app.js'],
          body: `<rondo-app lang="${lang}"><noscript><main class="narrow"><h1>rondo</h1><p>Zet JavaScript aan om rondo te gebruiken. — Turn on JavaScript to use rondo.</p></main></noscript></rondo-app>`,
        }),
      );
  };
  // Someone already logged in goes straight on to where the login would have led.
  // The shell is HTML (200); /login answers a 303 without a body to someone logged in.
  const schema = { response: { 200: TextFile } };
  app.get('/login', { schema: { ...schema, querystring: LoginPageQuery } }, async (req, reply) =>
    req.session ? reply.redirect(safeNext(req.query.next), 303) : shell(req, reply),
  );
  app.get('/app', { schema }, shell);
  app.get('/app/*', { schema }, shell);
};
export default appShellRoutes;
