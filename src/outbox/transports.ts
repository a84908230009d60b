/**
 * How a message leaves Suivi. A transport either resolves (the peer accepted the message) or
 * throws; `PermanentDeliveryError` means retrying cannot help (an address the peer rejects).
 */
import type { MessageChannel } from './tables.js';

export interface OutgoingMessage {
  outboxId: string;
  customerId: string;
  channel: MessageChannel;
  recipient: string;
  subject: string;
  body: string;
  /**
   * Derived from the outbox id only, so every attempt at the same message carries the same id:
   * a peer that already has it can drop the copy sent after a worker crash.
   */
  messageId: string;
}

export interface Transport {
  /** A short name for logs and for the message list ('smtp', 'mailbox', 'sms-log'). */
  readonly name: string;
  /** Resolves with the peer's id for the message once the peer has accepted it. */
  send(message: OutgoingMessage): Promise<{ providerMessageId: string }>;
}

/** One transport per channel; a channel without one waits (e.g. letters until a print driver exists). */
export type Transports = Partial<Record<MessageChannel, Transport>>;

export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/** `<outbox-id@domain>`: the domain of the From address, as RFC 5322 recommends. */
export function messageIdFor(outboxId: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'suivi.local';
  return `<${outboxId}@${domain}>`;
}
