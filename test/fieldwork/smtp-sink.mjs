// A real SMTP server in its own process, for fieldwork tests: receives mail on 127.0.0.1 and
// writes one JSON line per message to stdout. It can be told to die at a given moment, to
// play an SMTP server going away:
//   --port N            listen on N (default: a free port)
//   --die-at-mail N     exit when the N-th MAIL FROM arrives (nothing of that mail was handed over)
//   --die-after-data N  exit after the whole N-th message arrived, before answering it
//   --auth USER:PASS    require this login
//   --reject PREFIX     refuse recipients whose address starts with PREFIX (550)
//   --quiet             write only each message's number, not the message (bench/mail.ts)
//   --too-fast-at N     refuse the N-th message, once, as Microsoft 365 refuses a sender over its
//                       per-minute limit (451 4.4.2 … rate … exceeded the configured limit)
import { SMTPServer } from 'smtp-server';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dieAtMail = Number(opt('--die-at-mail') ?? 0);
const dieAfterData = Number(opt('--die-after-data') ?? 0);
const auth = opt('--auth');
const reject = opt('--reject');
const quiet = args.includes('--quiet');
const tooFastAt = Number(opt('--too-fast-at') ?? 0);
let refused = false;
let mails = 0;
let messages = 0;

const server = new SMTPServer({
  logger: false,
  disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
  authOptional: !auth,
  allowInsecureAuth: true,
  onAuth(a, _session, cb) {
    const [user, pass] = auth.split(':');
    if (a.username === user && a.password === pass) return cb(null, { user });
    const err = new Error('Authentication credentials invalid');
    err.responseCode = 535;
    cb(err);
  },
  onMailFrom(_address, _session, cb) {
    mails++;
    if (dieAtMail && mails === dieAtMail) process.exit(3);
    cb();
  },
  onRcptTo(address, _session, cb) {
    if (reject && address.address.startsWith(reject)) {
      const err = new Error('5.1.1 No such user here');
      err.responseCode = 550;
      return cb(err);
    }
    cb();
  },
  onData(stream, session, cb) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      if (tooFastAt && !refused && messages + 1 === tooFastAt) {
        refused = true;
        const err = new Error('4.4.2 Message submission rate for this client has exceeded the configured limit');
        err.responseCode = 451;
        return cb(err);
      }
      messages++;
      const raw = Buffer.concat(chunks).toString('utf8');
      const mail = quiet
        ? { n: messages }
        : { n: messages, at: Date.now(), from: session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address), raw };
      process.stdout.write(JSON.stringify(mail) + '\n', () => {
        if (dieAfterData && messages === dieAfterData) process.exit(4);
        cb();
      });
    });
  },
});
server.listen(Number(opt('--port') ?? 0), '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ ready: server.server.address().port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
