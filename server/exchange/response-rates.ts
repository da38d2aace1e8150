import type { Database as SQLiteDatabase } from 'better-sqlite3';
import { BOM, numberCell, textCell } from '../csv-cell.js';
import { headerLine, line } from './csv.js';
import type { ExportContext } from './context.js';
import type { ExchangeStudy } from './study-data.js';

export interface RoundResponse {
  round: string;
  label: { nl: string; en: string };
  /** Invited participants who had not left the study by this round: the denominator. */
  eligible: number;
  /** Submitted responses of those participants. */
  responded: number;
  /** responded / eligible, or null when nobody was eligible. */
  rate: number | null;
  /** Submitted anonymous responses (outside the rate: they have no denominator). */
  anonymous: number;
}

/**
 * Response per round (METHODS.md §2.1: respondents / eligible). Eligible: invited to the round
 * (invitation not revoked) and not left before or in it. The open invitations come from their
 * index alone (migration 20261209_0001), whether a response is anonymous from response_participant's.
 */
export function responseRates(sqlite: SQLiteDatabase, study: ExchangeStudy): RoundResponse[] {
  const eligible = sqlite
    .prepare(
      `select count(*) from invitation i indexed by invitation_round_open join participant p on p.id = i.participant_id
     left join round lr on lr.id = p.left_from_round_id
     where i.round_id = ? and i.revoked_at is null and (lr.id is null or lr.position > ?)`,
    )
    .pluck();
  const responded = sqlite
    .prepare(
      `select count(distinct r.participant_id) from response r
     join invitation i indexed by invitation_open
       on i.participant_id = r.participant_id and i.round_id = r.round_id and i.revoked_at is null
     join participant p on p.id = r.participant_id left join round lr on lr.id = p.left_from_round_id
     where r.round_id = ? and r.status = 'submitted' and (lr.id is null or lr.position > ?)`,
    )
    .pluck();
  // Without visiting the response rows: a response is anonymous when response_participant has it under null.
  const anonymous = sqlite
    .prepare(
      `select count(*) from response r indexed by response_round where r.round_id = ? and r.status = 'submitted'
     and exists (select 1 from response a indexed by response_participant where a.participant_id is null and a.id = r.id)`,
    )
    .pluck();
  return study.rounds.map((r) => {
    const e = eligible.get(r.id, r.position) as number;
    const n = responded.get(r.id, r.position) as number;
    return {
      round: r.key,
      label: { nl: r.label.nl ?? r.key, en: r.label.en ?? r.key },
      eligible: e,
      responded: n,
      rate: e > 0 ? n / e : null,
      anonymous: anonymous.get(r.id) as number,
    };
  });
}

const ofExport = new WeakMap<ExportContext, RoundResponse[]>();

/** The response rates of an export, counted once (the bundle's README and its table both show them). */
export function exportResponseRates(ctx: ExportContext): RoundResponse[] {
  let rates = ofExport.get(ctx);
  if (!rates) ofExport.set(ctx, (rates = responseRates(ctx.sqlite, ctx.study)));
  return rates;
}

/** The response-rate table as CSV; the rate at full precision (round when presenting). */
export function* responseRatesCsv(ctx: ExportContext): Generator<string> {
  const f = ctx.flavour;
  yield (f.bom ? BOM : '') + headerLine(['round', 'label_nl', 'label_en', 'eligible', 'responded', 'rate', 'anonymous'], f);
  for (const r of exportResponseRates(ctx)) {
    yield line(
      [
        textCell(r.round),
        textCell(r.label.nl),
        textCell(r.label.en),
        String(r.eligible),
        String(r.responded),
        numberCell(r.rate, f),
        String(r.anonymous),
      ],
      f,
    );
  }
}
