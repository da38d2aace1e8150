import crypto from 'node:crypto';

/**
 * Invitation link tokens: 256 bits from a keyed HMAC over (participant, round, generation), so
 * a researcher can show or export the same link again without it being stored, and
 * regenerating a link (generation + 1) makes the old one stop working. The database keeps
 * only the SHA-256 of each token, for lookup.
 */
export function deriveInvitationToken(secret: Buffer, participantId: number, roundId: number, generation: number): string {
  return crypto.createHmac('sha256', secret).update(`invitation:${participantId}:${roundId}:${generation}`).digest('base64url');
}

/** A token for an anonymous round link, derived the same way. */
export function deriveAnonymousToken(secret: Buffer, roundId: number, generation: number): string {
  return crypto.createHmac('sha256', secret).update(`anonymous:${roundId}:${generation}`).digest('base64url');
}

export function hashToken(token: string): string {
  // One call, not createHash().update().digest(): half the CPU, on every respondent request.
  return crypto.hash('sha256', token, 'hex');
}

/** Tokens are 43 base64url characters; anything else is refused before any lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
