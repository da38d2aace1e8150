import { DeleteHouseStyleRoute, GetHouseStyleRoute, SaveHouseStyleRoute } from '../../model/api/factsheet-share.js';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { ApiError, refusal } from '../errors.js';
import { actorOf } from '../setup/request-meta.js';
import { checkLogo, MAX_LOGO_BYTES } from '../factsheet/house-style/check-logo.js';
import { colourIssues, TYPEFACES, type Typeface } from '../factsheet/house-style/house-style.js';
import { deleteHouseStyle, loadHouseStyle, saveHouseStyle } from '../factsheet/house-style/store.js';
import type { RoutePlugin } from './route-plugin.js';

/** The logo arrives as base64 in JSON: room for a 1 MB file and the rest of the form. */
const bodyLimit = Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 16 * 1024;

/**
 * A study's house style for its factsheets (researchers): logo, two colours, typeface. Every
 * part is checked before anything is stored (house-style/); a refusal says why and stores nothing.
 */
const factsheetStyleRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;
  const view = async (studyId: number) => ({ ...(await loadHouseStyle(db, studyId)), typefaces: [...TYPEFACES] });

  app.get('/api/studies/:slug/factsheet/style', { schema: GetHouseStyleRoute, config: { permission: 'factsheet:compose' } }, async (req) =>
    view(req.study!.id),
  );

  app.put(
    '/api/studies/:slug/factsheet/style',
    { schema: SaveHouseStyleRoute, bodyLimit, config: { permission: 'factsheet:compose' } },
    async (req) => {
      const meta = actorOf(req);
      const body = req.body;
      const issues = colourIssues(body);
      if (issues.length) throw new ApiError('VALIDATION', issues.map((i) => i.message).join(' '), { issues });
      if (!(TYPEFACES as readonly string[]).includes(body.typeface))
        throw refusal(
          'VALIDATION',
          {
            nl: `Kies een van de ingebouwde lettertypen: ${TYPEFACES.join(', ')}.`,
            en: `Choose one of the embedded typefaces: ${TYPEFACES.join(', ')}.`,
          },
          { issues: [{ field: 'typeface', reason: 'typeface' }] },
        );
      let logo: { type: 'svg' | 'png'; data: Buffer } | null | undefined;
      if (body.logo) {
        const bytes = Buffer.from(body.logo.data, 'base64');
        if (bytes.length > MAX_LOGO_BYTES) throw new ApiError('BODY_TOO_LARGE', 'The logo is larger than 1 MB.');
        const checked = checkLogo(bytes, body.logo.type);
        if (!checked.ok)
          throw new ApiError('VALIDATION', checked.message, {
            issues: [{ field: 'logo', reason: checked.reason, message: checked.message }],
          });
        logo = { type: checked.type, data: checked.data };
      } else if (body.logo === null) logo = null;
      await writeTx(db, async (trx) => {
        await saveHouseStyle(
          trx,
          req.study!.id,
          { primary: body.primary, accent: body.accent, typeface: body.typeface as Typeface, logo },
          meta.userId,
          meta.now,
        );
        await audit(trx, {
          actor: meta.actor,
          studyId: req.study!.id,
          action: 'factsheet.style.save',
          details: {
            primary: body.primary,
            accent: body.accent,
            typeface: body.typeface,
            logo: logo === undefined ? 'kept' : (logo?.type ?? 'removed'),
          },
          session: meta.session,
          at: meta.now,
        });
      });
      return view(req.study!.id);
    },
  );

  app.delete(
    '/api/studies/:slug/factsheet/style',
    { schema: DeleteHouseStyleRoute, config: { permission: 'factsheet:compose' } },
    async (req) => {
      const meta = actorOf(req);
      await writeTx(db, async (trx) => {
        await deleteHouseStyle(trx, req.study!.id);
        await audit(trx, {
          actor: meta.actor,
          studyId: req.study!.id,
          action: 'factsheet.style.reset',
          session: meta.session,
          at: meta.now,
        });
      });
      return view(req.study!.id);
    },
  );
};

export default factsheetStyleRoutes;
