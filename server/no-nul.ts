import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors.js';

/**
 * The path of the first text in a parsed JSON value (string or key) that holds a NUL
 * character, or null. NUL is never meant in a text people type; stored, it cuts strings short
 * in C-based readers (SPSS, R's read.csv, PDF text) and breaks the generated R script.
 */
export function findNul(value: unknown, path = ''): string | null {
  // The path is only worked out for a value that has a NUL: building one string per node of
  // every request's body cost a submission of 42 answers more than checking it.
  return hasNul(value) ? nulPath(value, path) : null;
}

/** Whether any text (string or key) in a parsed JSON value holds a NUL; iterative like nulPath. */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object') return false;
  const stack: object[] = [value];
  while (stack.length) {
    const v = stack.pop() as Record<string, unknown>;
    if (Array.isArray(v)) {
      // By index: for…in would make a string key of every index (most of a body is its answers array).
      for (let i = 0; i < v.length; i++) if (nulOrPush(v[i], stack)) return true;
      continue;
    }
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      if (key.includes('\u0000') || nulOrPush(v[key], stack)) return true;
    }
  }
  return false;
}

/** Whether `child` is a string with a NUL; an object or array is pushed to be walked. */
function nulOrPush(child: unknown, stack: object[]): boolean {
  if (typeof child === 'string') return child.includes('\u0000');
  if (child !== null && typeof child === 'object') stack.push(child);
  return false;
}

function nulPath(value: unknown, path: string): string | null {
  // Iterative: a body may nest thousands deep (Ajv refuses it later), and recursion would
  // overflow the stack before that.
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return at || '/';
    } else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key.includes('\u0000')) return `${at}/${key}`;
        stack.push([child, `${at}/${key}`]);
      }
    }
  }
  return null;
}

/** Refuses any request whose JSON body, query or path holds a NUL character: 400, nothing changed. */
export function refuseNul(app: FastifyInstance): void {
  // Callback style: synchronous work, so no promise per request (see the strict JSON hook in server/app.ts).
  app.addHook('preValidation', (req, _reply, done) => {
    const where = findNul(req.body, '/body') ?? findNul(req.query, '/query') ?? findNul(req.params, '/params');
    done(
      where ? new ApiError('VALIDATION', 'Text may not contain the NUL character (U+0000).', { reason: 'NUL', field: where }) : undefined,
    );
  });
}
