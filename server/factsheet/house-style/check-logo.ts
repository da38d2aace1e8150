import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The largest logo accepted, in bytes (PNG or SVG). */
export const MAX_LOGO_BYTES = 1024 * 1024;

/** Why a logo was refused, for a message in the interface's language. */
export type LogoProblem = 'empty' | 'too-large' | 'not-png' | 'not-svg' | 'unsafe-svg';
export type LogoCheck = { ok: true; type: 'svg' | 'png'; data: Buffer } | { ok: false; reason: LogoProblem; message: string };

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Elements a logo may use: shapes, text, gradients, clipping and grouping. Anything else is refused. */
const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'defs',
  'title',
  'desc',
  'lineargradient',
  'radialgradient',
  'stop',
  'clippath',
  'mask',
  'use',
  'symbol',
  'style',
  'metadata',
]); // prettier-ignore

/**
 * Checks a logo before it is stored: a PNG by its signature and header, an SVG by reading it as
 * XML and refusing — not silently repairing — anything that could run or fetch: scripts, event
 * attributes (on…), foreignObject, a DOCTYPE (entities), any reference that is not to a part of
 * the logo itself (href, xlink:href, url(…) outside "#…"), @import. Whatever passes is still
 * shown only as an <img> (html/render.ts), where a browser runs no script and loads nothing.
 * Errors are data (`{ ok: false, message }`), never thrown.
 */
export function checkLogo(bytes: Buffer, declared: 'svg' | 'png'): LogoCheck {
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'The logo file is empty.' };
  if (bytes.length > MAX_LOGO_BYTES)
    return { ok: false, reason: 'too-large', message: `The logo is larger than 1 MB (${(bytes.length / 1048576).toFixed(1)} MB).` };
  return declared === 'png' ? checkPng(bytes) : checkSvg(bytes);
}

function checkPng(bytes: Buffer): LogoCheck {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_MAGIC) || bytes.toString('latin1', 12, 16) !== 'IHDR')
    return { ok: false, reason: 'not-png', message: 'The logo is not a PNG image (its first bytes are not a PNG signature).' };
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0 || width > 8000 || height > 8000)
    return { ok: false, reason: 'not-png', message: `The PNG logo has an impossible size (${width} × ${height} pixels).` };
  return { ok: true, type: 'png', data: bytes };
}

type Node = Record<string, unknown>;

function checkSvg(bytes: Buffer): LogoCheck {
  const text = bytes.toString('utf8');
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return { ok: false, reason: 'unsafe-svg', message: 'The SVG logo has a DOCTYPE or entities; save it without them.' };
  if (XMLValidator.validate(text) !== true)
    return { ok: false, reason: 'not-svg', message: 'The logo is not a readable SVG (it is not well-formed XML).' };
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, processEntities: false });
  const tree = parser.parse(text) as Node[];
  let root: string | null = null;
  const problems: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      for (const [key, value] of Object.entries(node)) {
        if (key === ':@') {
          for (const [name, v] of Object.entries(value as Record<string, string>)) checkAttribute(name, String(v), problems);
          continue;
        }
        if (key === '#text') {
          if (/@import|url\(\s*['"]?(?!#)/i.test(String(value))) problems.push('a style that loads something from elsewhere');
          continue;
        }
        if (key.startsWith('?')) continue;
        const local = key.toLowerCase().replace(/^.*:/, '');
        root ??= local;
        if (!SVG_ELEMENTS.has(local)) problems.push(`the element <${key}>`);
        walk(value as Node[]);
      }
    }
  };
  walk(tree);
  if (root !== 'svg') return { ok: false, reason: 'not-svg', message: 'The logo is not an SVG image (its root element is not <svg>).' };
  if (problems.length)
    return {
      ok: false,
      reason: 'unsafe-svg',
      message: `The SVG logo was refused because it contains ${[...new Set(problems)].slice(0, 3).join(', ')}.`,
    };
  return { ok: true, type: 'svg', data: bytes };
}

function checkAttribute(name: string, value: string, problems: string[]): void {
  const local = name.toLowerCase().replace(/^.*:/, '');
  if (local.startsWith('on')) problems.push(`an event attribute (${name})`);
  else if (local === 'href' || local === 'src') {
    if (!value.trim().startsWith('#')) problems.push(`a reference to elsewhere (${name}="${value.slice(0, 40)}")`);
  } else if (/url\(\s*['"]?(?!#)/i.test(value) || /javascript:/i.test(value) || /@import/i.test(value)) {
    problems.push(`a reference to elsewhere in ${name}`);
  }
}
