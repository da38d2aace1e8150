import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PAGE } from '../../server/factsheet/html/styles.js';

/** How much of a printed page's content area is left empty. */
export interface PageFill {
  page: number;
  /** Fraction of the content area's height below the last printed line (0 = filled to the bottom). */
  emptyBelow: number;
  /** Fraction of the content area's rows with no ink at all (gaps between blocks included). */
  blankRows: number;
}

/**
 * Measures each page of a PDF the way a reader sees it: rasterised with pdftoppm (grey, 40
 * dpi), then, within the content area (A4 minus the page margins, so the running footer does
 * not count), the rows with no ink (no pixel darker than 240 of 255) are counted, and the empty
 * stretch below the last inked row.
 */
export function pageFill(pdf: string): PageFill[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-fill-'));
  try {
    execFileSync('pdftoppm', ['-r', '40', '-gray', pdf, path.join(dir, 'p')]);
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)![1]) - Number(/(\d+)\.pgm$/.exec(b)![1]));
    return files.map((f, i) => measure(fs.readFileSync(path.join(dir, f)), i + 1));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function measure(pgm: Buffer, page: number): PageFill {
  // P5 header: "P5\n<width> <height>\n<maxval>\n", then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 40));
  if (!header) throw new Error('pageFill requires binary PGM output from pdftoppm');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(header[0].length);
  const mmY = height / PAGE.height;
  const mmX = width / PAGE.width;
  const top = Math.round(PAGE.top * mmY);
  const bottom = Math.round((PAGE.height - PAGE.bottom) * mmY);
  const left = Math.round(PAGE.left * mmX);
  const right = Math.round((PAGE.width - PAGE.right) * mmX);
  let blank = 0;
  let lastInk = top - 1;
  for (let y = top; y < bottom; y++) {
    let ink = false;
    for (let x = left; x < right && !ink; x++) ink = data[y * width + x] < 240;
    if (ink) lastInk = y;
    else blank++;
  }
  const area = bottom - top;
  return { page, emptyBelow: (bottom - 1 - lastInk) / area, blankRows: blank / area };
}
