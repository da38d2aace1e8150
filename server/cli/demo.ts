import path from 'node:path';
import { createDemoStudy } from '../studies/demo.js';
import { createDemoNetworks, demoMemberLines } from '../studies/demo-networks.js';
import { createDemoProgramme } from '../programmes/demo.js';
import { openData } from '../data.js';
import { loadConfig } from '../config.js';
import { DATA_OPTION, parse, type Command } from './command.js';

export const demo: Command = {
  name: 'demo',
  usage: `rondo demo [--data DIR]

Creates the demo study "1000 Kansen — IMH training" with synthetic data calibrated to the
published factsheet, and a synthetic IMH region: three local networks (imh-netwerk-venlo,
imh-netwerk-horst, imh-netwerk-peel) from the Quick Scan template, each with two half-yearly
scans, parents' anonymous answers and an improvement plan, grouped in the programme
imh-regio-demo. Prints, once, the login of one team member per network who owns plan actions
and of the demo regional representative. Does nothing for what already exists.`,
  async run(argv, io) {
    const { values } = parse(argv, DATA_OPTION);
    if (values.help) return (io.out(this.usage + '\n'), 0);
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const created = await createDemoStudy(data.store.db, data.secret);
      io.out(created ? `created the demo study in ${path.join(config.dataDir)}\n` : 'the demo study already exists; nothing changed\n');
      // quickscan (issue 17): the synthetic IMH region's three networks.
      const networks = await createDemoNetworks(data.store.db, data.secret);
      const made = networks.filter((n) => n.created).map((n) => n.slug);
      io.out(made.length ? `created the demo IMH networks ${made.join(', ')}\n` : 'the demo IMH networks already exist; nothing changed\n');
      const members = networks.flatMap((n) => (n.member ? [{ slug: n.slug, ...n.member }] : []));
      if (members.length) io.out(demoMemberLines(members).join('\n') + '\n');
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
