import { setScryptCostForTests } from '../../server/auth/password.js';

// Every test file starts at the cost of rondo before the OWASP upgrade (2^14), so the suite's
// hundreds of logins stay fast; server/auth/password.test.ts and the rehash test in
// test/authz/session-lifecycle.test.ts run at the production cost.
setScryptCostForTests({ N: 2 ** 14, r: 8, p: 1 });
