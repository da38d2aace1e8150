// Preload (`node --import`) for test/foundation/start-loads.test.ts: records every script the
// process parses (through an in-process inspector session, whose events arrive synchronously) and
// every Intl formatter or collator it makes. Written as JSON to TEST_LOADED_SCRIPTS at SIGUSR2 and
// at exit: { scripts: [url…], intl: [constructor name…] }.
import fs from 'node:fs';
import inspector from 'node:inspector';

const scripts = new Set();
const session = new inspector.Session();
session.connect();
session.on('Debugger.scriptParsed', (m) => scripts.add(m.params.url));
session.post('Debugger.enable');

const intl = [];
for (const name of ['NumberFormat', 'DateTimeFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Segmenter']) {
  const made = Intl[name];
  Intl[name] = new Proxy(made, {
    construct(target, args, newTarget) {
      intl.push(name);
      return Reflect.construct(target, args, newTarget);
    },
    apply(target, self, args) {
      intl.push(name);
      return Reflect.apply(target, self, args);
    },
  });
}

const report = () => fs.writeFileSync(process.env.TEST_LOADED_SCRIPTS, JSON.stringify({ scripts: [...scripts], intl }));
process.on('SIGUSR2', report);
process.on('exit', report);
