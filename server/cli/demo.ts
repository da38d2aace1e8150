import path from 'node:path';
import { createDemoStudy } from '../studies/demo.js';
import { createDemoProgramme } from '../programmes/demo.js';
import { openData } from '../data.js';
import { loadConfig } from '../config.js';
import { DATA_OPTION, parse, type Command } from './command.js';

export const demo: Command = {
  name: 'demo',
  usage: `rondo demo [--data DIR]

Creates the demo study "1000 Kansen — IMH training" with synthetic data calibrated to the
published factsheet. Does nothing when it already exists.`,
  async run(argv, io) {
    const { values } = parse(argv, DATA_OPTION);
    if (values.help) return (io.out(this.usage + '\n'), 0);
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const created = await createDemoStudy(data.store.db, data.secret);
      io.out(created ? `created the demo study in ${path.join(config.dataDir)}\n` : 'the demo study already exists; nothing changed\n');
      // regional (issue 17): after the demo networks, the programme that groups them and its representative.
      const region = await createDemoProgramme(data.store.db);
      if (region) {
        io.out(`created the demo programme ${region.programme} (${region.networks.join(', ')})\n`);
        if (region.representative)
          io.out(
            `  demo regional representative: ${region.representative.email}, ` +
              `password ${region.representative.password} (shown only once)\n`,
          );
      }
      return 0;
    } finally {
      await data.store.close();
    }
  },
};
