import { ApiError } from '../errors.js';
import { roundState, type RoundRow } from './rounds.js';

/**
 * Refuses mail for a round that is not open: invitations and reminders go out only while it
 * runs. A closed round gets its own reason (`ROUND_CLOSED`), so the screen can say that its
 * reminders are over and how to extend it, instead of the general "only while open"; a round
 * that has not opened yet keeps `ROUND_NOT_OPEN`. Checked before anything else about the send
 * (also before the SMTP settings), so the answer is the same with or without a mail server.
 */
export function assertMailWindow(round: Pick<RoundRow, 'opens_at' | 'closes_at'>, now: Date): void {
  const state = roundState(round, now);
  if (state === 'closed') {
    throw new ApiError(
      'CONFLICT',
      'This round has closed: no reminders or invitations can be sent. Set a later closing time to extend it.',
      {
        reason: 'ROUND_CLOSED',
      },
    );
  }
  if (state !== 'open') {
    throw new ApiError('CONFLICT', 'Mail can be sent only while the round is open.', { reason: 'ROUND_NOT_OPEN' });
  }
}
