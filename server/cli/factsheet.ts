import fs from 'node:fs';
import path from 'node:path';
import { AnalysisService } from '../analysis/service.js';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { AnalysisUnavailableError, analysisSource } from '../factsheet/load-data.js';
import { withNetworkFigures } from '../factsheet/network/load.js';
import { ChromiumMissingError, DEFAULT_CHROMIUM, FactsheetRenderer } from '../factsheet/pdf.js';
import { openDraft, publishedOutput, renderDraft } from '../factsheet/service.js';
import { findStudyBySlug } from '../studies/repository.js';
import type { FactsheetDocument } from '../factsheet/document.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

export const factsheetCommand: Command = {
  name: 'factsheet',
  usage: `rondo factsheet --study SLUG --lang nl|en --out FILE.pdf|FILE.html|FILE.docx
                [--format pdf|html|docx] [--published latest|N] [--charts DIR] [--chromium PATH] [--data DIR]

Without --published: the current draft as composed on the factsheet screen (the default
composition when nobody composed one yet), with today's numbers.
--published latest|N   a published version exactly as it was published (frozen numbers)
--out FILE.pdf         A4 PDF rendered by headless Chromium (apt-get install chromium)
--out FILE.html        one self-contained HTML file: opens offline, prints the same (A4)
--out FILE.docx        an editable Word document: the same sections, text, tables and charts (Chromium draws the chart images)
--format pdf|html|docx the output format when FILE's extension does not say it
--charts DIR           also write each chart as a PNG (Chromium)
--chromium PATH        the Chromium executable (default ${DEFAULT_CHROMIUM})`,
  async run(argv, io) {
    const { values } = parse(argv, {
      ...DATA_OPTION,
      study: { type: 'string' },
      lang: { type: 'string' },
      out: { type: 'string' },
      published: { type: 'string' },
      charts: { type: 'string' },
      chromium: { type: 'string' },
      format: { type: 'string' },
    });
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (!values.study) throw new CliError('--study SLUG is required');
    const lang = values.lang ?? 'nl';
    if (lang !== 'nl' && lang !== 'en') throw new CliError('--lang must be nl or en');
    if (!values.out) throw new CliError('--out FILE.pdf, --out FILE.html or --out FILE.docx is required');
    if (values.format !== undefined && !['pdf', 'html', 'docx'].includes(values.format))
      throw new CliError('--format must be pdf, html or docx');
    const ext = path.extname(values.out).toLowerCase();
    const format = values.format ? `.${values.format}` : ext === '.htm' ? '.html' : ext;
    if (format !== '.pdf' && format !== '.html' && format !== '.docx')
      throw new CliError('--out must end in .pdf, .html or .docx (or say --format pdf|html|docx)');
    let version: number | 'latest' | null = null;
    if (values.published !== undefined) {
      if (values.published === 'latest') version = 'latest';
      else if (/^[1-9][0-9]{0,5}$/.test(values.published)) version = Number(values.published);
      else throw new CliError('--published must be latest or a version number');
    }
    const renderer = new FactsheetRenderer(values.chromium ?? DEFAULT_CHROMIUM);
    if ((format === '.pdf' || format === '.docx' || values.charts) && !renderer.available) {
      throw new CliError(
        `Chromium was not found at ${renderer.executablePath}; install it with \`apt-get install chromium\` (or pass --chromium PATH), or write --out FILE.html and print that to PDF from a browser (A4, background graphics on)`,
        1,
      );
    }

    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    const analysis = new AnalysisService(data.store.sqlite);
    const started = Date.now();
    try {
      if (format === '.pdf' || format === '.docx' || values.charts) renderer.warm();
      const study = await findStudyBySlug(data.store.db, values.study);
      if (!study) throw new CliError(`no study "${values.study}" in ${config.dataDir}`, 1);
      if (!study.definition.languages.includes(lang))
        throw new CliError(`study "${study.slug}" has no ${lang} version (languages: ${study.definition.languages.join(', ')})`);
      let html: string;
      let document: FactsheetDocument;
      let label: string;
      if (version !== null) {
        const out = await publishedOutput(data.store.db, study, version, lang);
        if (!out)
          throw new CliError(
            version === 'latest'
              ? `study "${study.slug}" has no published factsheet in ${lang}`
              : `study "${study.slug}" has no published version ${version} in ${lang}`,
            1,
          );
        html = out.html;
        document = out.document;
        label = `published version ${out.version}`;
      } else {
        const now = new Date();
        const draft = await openDraft(data.store.db, study, { userId: null, label: 'cli' }, now);
        try {
          const source = withNetworkFigures(analysisSource(analysis), analysis, data.store.db, () => now);
          const rendered = await renderDraft(data.store.db, source, study, draft.composition, lang, now, {
            fitter: renderer.available && format !== '.docx' ? (render) => renderer.fit(render) : undefined,
          });
          html = rendered.html;
          document = rendered.document;
        } catch (err) {
          if (err instanceof AnalysisUnavailableError) throw new CliError('the analysis engine is not available in this build of rondo', 1);
          throw err;
        }
        label = 'draft';
        for (const w of document.warnings) io.err(`warning: ${w.message}`);
      }
      fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
      if (format === '.pdf') fs.writeFileSync(values.out, await renderer.pdf(html));
      else if (format === '.docx') {
        const { renderFactsheetDocx } = await import('../factsheet/docx/render.js');
        fs.writeFileSync(values.out, await renderFactsheetDocx(document, (svgs) => renderer.pngs(svgs)));
      } else fs.writeFileSync(values.out, html);
      if (values.charts) {
        fs.mkdirSync(values.charts, { recursive: true });
        for (const chart of document.charts) {
          fs.writeFileSync(path.join(values.charts, `${chart.id}-${lang}.png`), await renderer.png(chart.svg));
        }
      }
      const size = Math.round(fs.statSync(values.out).size / 1024);
      io.out(
        `wrote ${values.out} (${label}, ${lang}, ${size} kB) in ${((Date.now() - started) / 1000).toFixed(1)} s${values.charts ? `; ${document.charts.length} chart PNGs in ${values.charts}` : ''}\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof ChromiumMissingError) throw new CliError(err.message, 1);
      throw err;
    } finally {
      await renderer.close();
      await analysis.close();
      await data.store.close();
    }
  },
};
