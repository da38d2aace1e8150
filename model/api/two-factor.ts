import { Type, type Static } from '@sinclair/typebox';

/**
 * The two-factor login API (server/routes/two-factor.ts): the second login step and, on the
 * account screen, enrolment, recovery codes and turning it off.
 */

/** A 6-digit code from the authenticator app, or a recovery code (`abcde-fghij`). */
const Code = Type.String({ minLength: 6, maxLength: 40 });

export const SecondFactorBody = Type.Object({ code: Code }, { additionalProperties: false });
export type SecondFactorBody = Static<typeof SecondFactorBody>;

export const TwoFactorStatusResponse = Type.Object(
  {
    enabled: Type.Boolean(),
    /** The configured policy asks this account to use it (administrators, or everyone). */
    required: Type.Boolean(),
    recoveryCodesLeft: Type.Integer(),
  },
  { additionalProperties: false },
);
export type TwoFactorStatusResponse = Static<typeof TwoFactorStatusResponse>;

export const EnrolmentResponse = Type.Object(
  {
    /** The secret in base32, for typing into an app by hand. */
    secret: Type.String(),
    /** The `otpauth://` URI the QR code holds. */
    uri: Type.String(),
    /** The QR code as an SVG document, drawn by the server. */
    qrSvg: Type.String(),
  },
  { additionalProperties: false },
);
export type EnrolmentResponse = Static<typeof EnrolmentResponse>;

export const ConfirmEnrolmentBody = Type.Object({ code: Code }, { additionalProperties: false });
export type ConfirmEnrolmentBody = Static<typeof ConfirmEnrolmentBody>;

/** Ten single-use recovery codes, shown this once. */
export const RecoveryCodesResponse = Type.Object({ recoveryCodes: Type.Array(Type.String()) }, { additionalProperties: false });
export type RecoveryCodesResponse = Static<typeof RecoveryCodesResponse>;

/** Turning it off or new recovery codes: the password and a current code (or a recovery code). */
export const ReauthBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }), code: Code },
  { additionalProperties: false },
);
export type ReauthBody = Static<typeof ReauthBody>;

export const DisableResponse = Type.Object(
  {
    ok: Type.Boolean(),
    /** It is required for this account: the session may now only enrol again (a new phone). */
    mustEnrolTwoFactor: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type DisableResponse = Static<typeof DisableResponse>;
