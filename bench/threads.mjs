// CPU per thread of this process, for the benchmarks that run a child of their own: plain JavaScript,
// so that a child running rondo's compiled code (bench/export-cli-child.mjs) needs no TypeScript loader.
import fs from 'node:fs';

/**
 * CPU ticks (user + system) per thread of this process, from /proc (Linux; empty elsewhere):
 * the main thread (its id is the process id) against the others, libuv's pool where zlib deflates.
 */
export function threadTicks() {
  const ticks = new Map();
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(tid), Number(fields[11]) + Number(fields[12]));
    }
  } catch {
    // No /proc: the split is not reported.
  }
  return ticks;
}

/** Seconds of CPU between two readings, on the main thread and on all others. */
export function threadSeconds(before, after) {
  if (!after.size) return {};
  let main = 0;
  let other = 0;
  for (const [tid, t] of after) {
    const used = (t - (before.get(tid) ?? 0)) / 100; // USER_HZ is 100 on Linux
    if (tid === process.pid) main += used;
    else other += used;
  }
  return { mainSeconds: main, otherSeconds: other };
}
