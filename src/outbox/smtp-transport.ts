/** E-mail through an SMTP server (nodemailer), with the outbox id as the Message-ID. */
import nodemailer from 'nodemailer';
import { PermanentDeliveryError, type Transport } from './transports.js';

/** Kept well below the outbox lease, so a hung server fails the attempt before another worker takes it. */
const SMTP_TIMEOUT_MS = 30_000;

export function createSmtpTransport(options: { url: string; from: string }): Transport & { close(): void } {
  const mailer = nodemailer.createTransport(options.url, {
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    name: 'smtp',
    async send(message) {
      try {
        const info = await mailer.sendMail({
          from: options.from,
          to: message.recipient,
          subject: message.subject,
          text: message.body,
          messageId: message.messageId,
          headers: { 'X-Suivi-Outbox-Id': message.outboxId },
        });
        return { providerMessageId: info.messageId || message.messageId };
      } catch (error) {
        // 5xx is the server's final word (unknown mailbox, refused content): retrying cannot help.
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) {
          throw new PermanentDeliveryError((error as Error).message);
        }
        throw error;
      }
    },
    close: () => mailer.close(),
  };
}
