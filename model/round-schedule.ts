import { roundKeyFromName, roundKeyProblem } from './round-key.js';
import { term, type Vocabulary } from './vocabulary.js';

/** The most rounds a study can have (the set-up API's limit). */
export const MAX_ROUNDS = 20;

/** A repeating schedule as the researcher fills it in: every N months, K rounds, the first on a date. */
export interface RepeatingSchedule {
  /** Months between two rounds, 1–24. */
  everyMonths: number;
  /** How many rounds, 1–20. */
  count: number;
  /** The first round's opening date, `YYYY-MM-DD` (Dutch time). */
  start: string;
  /** Days each round stays open, 1–180. */
  openDays: number;
}

/** One round the schedule makes: its name in both languages, its key and its opening and closing time (UTC). */
export interface PlannedRound {
  key: string;
  label: { nl: string; en: string };
  opensAt: string;
  closesAt: string;
}

export type ScheduleProblemReason = 'every' | 'count' | 'start' | 'open-days' | 'past' | 'too-many' | 'keys-taken' | 'overlap';

/** Why a schedule cannot be saved, in both interface languages. */
export interface ScheduleProblem {
  reason: ScheduleProblemReason;
  field: keyof RepeatingSchedule | null;
  nl: string;
  en: string;
  /** The round keys concerned (keys already taken). */
  keys?: string[];
}

const MONTHS_NL = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ORDINAL_NL = ['1e', '2e', '3e', '4e'];
const ORDINAL_EN = ['first', 'second', 'third', 'fourth'];

/**
 * The name of the period a round opens in, and its code: a year (every 12 months: `2027`), a half year
 * (every 6: "1e helft 2027", `2027h1`), a tertial (every 4: `2027t1`), a quarter (every 3: `2027q1`) or
 * else the month ("maart 2027", `2027m03`). The round's key is made from the code by roundKeyFromName,
 * so a half-yearly round gets `r2027h1` (a key starts with a letter: it becomes an export column name).
 */
export function periodOf(year: number, month0: number, everyMonths: number): { code: string; nl: string; en: string } {
  const part = (size: number) => Math.floor(month0 / size);
  if (everyMonths === 12) return { code: `${year}`, nl: `${year}`, en: `${year}` };
  if (everyMonths === 6) {
    const h = part(6);
    return { code: `${year}h${h + 1}`, nl: `${ORDINAL_NL[h]} helft ${year}`, en: `${cap(ORDINAL_EN[h])} half of ${year}` };
  }
  if (everyMonths === 4) {
    const t = part(4);
    return { code: `${year}t${t + 1}`, nl: `${ORDINAL_NL[t]} tertiaal ${year}`, en: `Term ${t + 1} of ${year}` };
  }
  if (everyMonths === 3) {
    const q = part(3);
    return { code: `${year}q${q + 1}`, nl: `${ORDINAL_NL[q]} kwartaal ${year}`, en: `Q${q + 1} ${year}` };
  }
  const mm = String(month0 + 1).padStart(2, '0');
  return { code: `${year}m${mm}`, nl: `${cap(MONTHS_NL[month0])} ${year}`, en: `${MONTHS_EN[month0]} ${year}` };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The UTC instant of a wall-clock time in Dutch time (the zone rondo shows every date in). */
export function dutchTime(date: string, hour: number): string {
  const guess = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', timeZoneName: 'shortOffset' })
    .formatToParts(guess)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-]\d+)?/.exec(offset ?? '');
  const hours = m?.[1] ? Number(m[1]) : 0;
  return new Date(guess.getTime() - hours * 3_600_000).toISOString();
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The rounds a repeating schedule makes, or why it cannot: each round opens at 09:00 Dutch time on its
 * date and closes at 17:00 `openDays` later; rounds are `everyMonths` apart from the start date (the 31st
 * becomes the month's last day). `taken` are the study's round keys: a key already taken is a problem
 * (nothing is renamed silently), as is a first round in the past or more than MAX_ROUNDS rounds in all.
 * Pure: the preview on the screen and the server's save run the same function.
 */
export function planRounds(
  schedule: RepeatingSchedule,
  taken: readonly string[],
  now: Date,
  vocabulary?: Vocabulary,
): { rounds: PlannedRound[]; problems: ScheduleProblem[] } {
  const problems: ScheduleProblem[] = [];
  // The messages name rounds in the study's own words ("metingen", "scans").
  const one = { nl: term(vocabulary, 'round', 'nl'), en: term(vocabulary, 'round', 'en') };
  const many = { nl: term(vocabulary, 'round', 'nl', 'many'), en: term(vocabulary, 'round', 'en', 'many') };
  const { everyMonths, count, start, openDays } = schedule;
  if (!Number.isInteger(everyMonths) || everyMonths < 1 || everyMonths > 24)
    problems.push({ reason: 'every', field: 'everyMonths', nl: 'Kies om de 1 tot 24 maanden.', en: 'Choose every 1 to 24 months.' });
  if (!Number.isInteger(count) || count < 1 || count > MAX_ROUNDS)
    problems.push({
      reason: 'count',
      field: 'count',
      nl: `Kies 1 tot ${MAX_ROUNDS} ${many.nl}.`,
      en: `Choose 1 to ${MAX_ROUNDS} ${many.en}.`,
    });
  const startOk = /^\d{4}-\d{2}-\d{2}$/.test(start) && !Number.isNaN(Date.parse(`${start}T12:00:00Z`));
  if (!startOk) problems.push({ reason: 'start', field: 'start', nl: 'Vul een geldige begindatum in.', en: 'Enter a valid start date.' });
  if (!Number.isInteger(openDays) || openDays < 1 || openDays > 180)
    problems.push({
      reason: 'open-days',
      field: 'openDays',
      nl: `Een ${one.nl} staat 1 tot 180 dagen open.`,
      en: `A ${one.en} is open for 1 to 180 days.`,
    });
  if (problems.length) return { rounds: [], problems };

  const [y, mo, d] = start.split('-').map(Number);
  const rounds: PlannedRound[] = [];
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const month = mo - 1 + i * everyMonths;
    const year = y + Math.floor(month / 12);
    const month0 = month % 12;
    const last = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
    const date = `${year}-${String(month0 + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
    const period = periodOf(year, month0, everyMonths);
    // Keys are made against the rounds planned so far only: a clash with an existing round is reported, not renamed.
    const key = roundKeyFromName(period.code, keys);
    keys.push(key);
    rounds.push({
      key,
      label: { nl: period.nl, en: period.en },
      opensAt: dutchTime(date, 9),
      closesAt: dutchTime(addDays(date, openDays), 17),
    });
  }
  if (Date.parse(rounds[0].opensAt) < now.getTime())
    problems.push({
      reason: 'past',
      field: 'start',
      nl: `De eerste ${one.nl} zou in het verleden openen; kies een begindatum na vandaag.`,
      en: `The first ${one.en} would open in the past; choose a start date after today.`,
    });
  if (taken.length + count > MAX_ROUNDS)
    problems.push({
      reason: 'too-many',
      field: 'count',
      nl: `Een onderzoek heeft hoogstens ${MAX_ROUNDS} ${many.nl}; er zijn er al ${taken.length}.`,
      en: `A study has at most ${MAX_ROUNDS} ${many.en}; it already has ${taken.length}.`,
    });
  const clash = rounds.map((r) => r.key).filter((k) => roundKeyProblem(k, taken, vocabulary)?.reason === 'key-duplicate');
  if (clash.length)
    problems.push({
      reason: 'keys-taken',
      field: 'start',
      keys: clash,
      nl: `Deze ${many.nl} bestaan al: ${clash.join(', ')}. Kies een andere begindatum of minder ${many.nl}; er is niets toegevoegd.`,
      en: `These ${many.en} already exist: ${clash.join(', ')}. Choose another start date or fewer ${many.en}; nothing was added.`,
    });
  const gap = rounds.findIndex((r, i) => i > 0 && Date.parse(r.opensAt) < Date.parse(rounds[i - 1].closesAt));
  if (gap > 0)
    problems.push({
      reason: 'overlap',
      field: 'openDays',
      nl: `De ${many.nl} zouden elkaar overlappen: kies minder open dagen of meer maanden ertussen.`,
      en: `The ${many.en} would overlap: choose fewer open days or more months between them.`,
    });
  return { rounds, problems };
}
