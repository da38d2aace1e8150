import { describe, expect, it } from 'vitest';
import { classifySmtpFailure } from '../../server/fieldwork/smtp.js';
import { smtpConfig } from './smtp.js';

/** What a refusal from the SMTP server means for the mail and its batch (server/fieldwork/smtp.ts). */
describe('an SMTP refusal', () => {
  const smtp = smtpConfig(587, { host: 'smtp.example.nl' });
  const refusal = (responseCode: number, response: string, code = 'EMESSAGE', command = 'DATA') =>
    classifySmtpFailure(Object.assign(new Error(response), { code, command, responseCode, response }), true, smtp);

  it.each([
    ['Microsoft 365', 451, '451 4.4.2 Message submission rate for this client has exceeded the configured limit'],
    ['Gmail', 421, '421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address'],
    ['Postfix', 450, '450 4.7.1 Error: too many messages from 192.0.2.10'],
    ['a throttling relay', 452, '452 4.3.1 Throttled: try again later'],
  ])('from %s for going too fast pauses the batch, and says what to set', (_server, code, response) => {
    const outcome = refusal(code, response);
    expect(outcome.status).toBe('slower');
    expect(outcome.reason).toContain('too many came too fast');
    expect(outcome.reason).toContain('RONDO_SMTP_RATE');
    expect(outcome.reason).toContain(response.slice(4, 30));
  });

  it('for one recipient for now is retried for that recipient only', () => {
    expect(refusal(450, '450 4.2.1 Mailbox busy, try again', 'EENVELOPE', 'RCPT TO').status).toBe('later');
    expect(refusal(452, '452 4.2.2 Mailbox full').status).toBe('later');
  });

  it('for good is never taken for a pause, whatever its words', () => {
    expect(refusal(550, '550 5.7.1 Sending rate exceeded, message rejected').status).toBe('recipient');
    expect(refusal(550, '550 5.1.1 No such user', 'EENVELOPE', 'RCPT TO').status).toBe('recipient');
  });
});
