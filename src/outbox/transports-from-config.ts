/**
 * Which transport each channel uses: SMTP when SMTP_URL is set, else the in-app mailbox; SMS to
 * the log driver; letters to the print spool when one is configured.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { OutboxConfig } from '../platform/config.js';
import type { Database } from '../platform/db/schema.js';
import { createMailboxTransport, createSmsLogTransport } from './local-transports.js';
import { createPrintSpoolTransport } from './print-spool.js';
import { createSmtpTransport } from './smtp-transport.js';
import type { Transports } from './transports.js';

export function transportsFromConfig(
  config: OutboxConfig,
  deps: { db: Kysely<Database>; clock: Clock; log: (line: string, details: Record<string, unknown>) => void },
): { transports: Transports; close(): void } {
  const smtp = config.smtpUrl ? createSmtpTransport({ url: config.smtpUrl, from: config.mailFrom }) : null;
  return {
    transports: {
      email: smtp ?? createMailboxTransport(deps.db, deps.clock, config.mailFrom),
      // No SMS provider driver yet: messages are logged and kept in the in-app list.
      sms: createSmsLogTransport(deps.db, deps.clock, deps.log),
      ...(config.printSpoolDir ? { letter: createPrintSpoolTransport(deps.db, config.printSpoolDir) } : {}),
    },
    close: () => smtp?.close(),
  };
}
