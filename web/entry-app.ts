// The staff app: <rondo-app> and its shell; views load on demand (web/app/routes.ts).
import './app/rondo-app.js';
