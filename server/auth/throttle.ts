import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type {} from '../setup/schema.js';

/**
 * Login throttling that slows guessing without letting anyone lock an account for good.
 *
 * Three counters, each with a window that resets by itself:
 * - per account and address ("pair"): after 5 failures the pair waits 1 minute, then 2, 4 …
 *   up to 15 minutes. This is what a guesser at one address meets.
 * - per address ("ip"): after 30 failures (any accounts) the address waits 15 minutes.
 * - per account ("account"): after 20 failures from any address, attempts on the account are
 *   spaced 30 seconds apart. This is deliberately a pace, not a lock: an attacker spread over
 *   many addresses can slow the real user to one attempt per half minute, never shut them out.
 * Unknown accounts are throttled exactly like known ones, so throttling says nothing about
 * which addresses have accounts. A successful login clears the pair and account counters.
 */
export const THROTTLE = {
  pair: { free: 5, window: 15 * 60_000, baseBlock: 60_000, maxBlock: 15 * 60_000 },
  ip: { free: 30, window: 15 * 60_000, block: 15 * 60_000 },
  account: { free: 20, window: 60 * 60_000, pace: 30_000 },
} as const;

export interface ThrottleKeys {
  account: string;
  pair: string;
  ip: string;
}

export function throttleKeys(email: string, ip: string): ThrottleKeys {
  return { account: `account:${email}`, pair: `pair:${email}|${ip}`, ip: `ip:${ip}` };
}

/** Milliseconds the caller must still wait before trying, or 0 when an attempt is allowed. */
export async function throttleWait(db: Kysely<Database>, keys: ThrottleKeys, now: Date): Promise<number> {
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', [keys.account, keys.pair, keys.ip]).execute();
  const t = now.getTime();
  let wait = 0;
  for (const r of rows) {
    if (r.blocked_until) wait = Math.max(wait, Date.parse(r.blocked_until) - t);
  }
  return Math.max(0, wait);
}

/** Records a failed attempt and sets the waits that follow from it. */
export async function recordFailure(db: Kysely<Database>, keys: ThrottleKeys, now: Date): Promise<void> {
  const t = now.getTime();
  const bump = async (key: string, window: number, blockFor: (failures: number) => number) => {
    const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    const fresh = !row || Date.parse(row.window_start) + window <= t;
    const failures = fresh ? 1 : row.failures + 1;
    const block = blockFor(failures);
    const values = {
      failures,
      window_start: fresh ? now.toISOString() : row.window_start,
      blocked_until: block > 0 ? new Date(t + block).toISOString() : null,
    };
    if (row) await db.updateTable('login_throttle').set(values).where('key', '=', key).execute();
    else
      await db
        .insertInto('login_throttle')
        .values({ key, ...values })
        .execute();
  };
  const { pair, ip, account } = THROTTLE;
  await bump(keys.pair, pair.window, (n) => (n < pair.free ? 0 : Math.min(pair.maxBlock, pair.baseBlock * 2 ** (n - pair.free))));
  await bump(keys.ip, ip.window, (n) => (n < ip.free ? 0 : ip.block));
  await bump(keys.account, account.window, (n) => (n < account.free ? 0 : account.pace));
}

/** After a successful login the account starts with a clean slate (the address does not). */
export async function clearThrottle(db: Kysely<Database>, keys: ThrottleKeys): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', 'in', [keys.account, keys.pair]).execute();
}

/** Removes rows whose window and block are over; called now and then so the table stays small. */
export async function pruneThrottle(db: Kysely<Database>, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - THROTTLE.account.window).toISOString();
  await db
    .deleteFrom('login_throttle')
    .where('window_start', '<', cutoff)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now.toISOString())]))
    .execute();
}
