import { loadConfig } from '../config.js';
import { startServer } from '../start.js';
import { parse, type Command } from './command.js';

export const serve: Command = {
  name: 'serve',
  usage: `rondo serve [--data DIR] [--port N] [--host ADDR] [--no-demo]

Starts rondo. On the first start of an empty data directory it creates the 1000 Kansen
demo study (unless --no-demo or RONDO_DEMO=0) and an administrator account whose
generated password is printed once. Stops gracefully on SIGTERM and SIGINT.`,
  async run(argv, io) {
    const { values } = parse(argv, {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
    });
    if (values.help) return (io.out(this.usage + '\n'), 0);
    const env = { ...io.env };
    if (values.port !== undefined) env.PORT = values.port;
    if (values.host !== undefined) env.HOST = values.host;
    if (values.data !== undefined) env.RONDO_DATA_DIR = values.data;
    if (values['no-demo']) env.RONDO_DEMO = '0';
    const config = loadConfig(env);
    // Listen for signals before starting, so a stop during start-up still closes cleanly.
    const signalled = new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    const running = await startServer(config);
    const signal = await signalled;
    io.err(`received ${signal}, closing…`);
    await running.close();
    return 0;
  },
};
