import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WEB_DIST } from '../paths.js';
import { renderPage } from '../html.js';
import { safeNext } from '../auth/safe-next.js';

/**
 * The staff app's HTML shell for /login, /app and /app/…: an empty page that loads the app
 * bundle, which routes on the client. The shell holds no data (every API call is guarded), so
 * it is public; without JavaScript it says so.
 */
export default async function appShellRoutes(app: FastifyInstance): Promise<void> {
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
  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => (req.session ? reply.redirect(safeNext(req.query.next), 303) : shell(req, reply)));
  app.get('/app', shell);
  app.get('/app/*', shell);
}
