import type { Generated } from 'kysely';

export const messageChannels = ['email', 'sms', 'letter'] as const;
export type MessageChannel = (typeof messageChannels)[number];
export type MessageStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxMessagesTable {
  id: Generated<string>;
  customer_id: string;
  case_id: string | null;
  channel: MessageChannel;
  recipient: string;
  subject: string;
  body: string;
  kind: string;
  dedupe_key: string;
  status: Generated<MessageStatus>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  last_error: string | null;
  locked_until: Date | null;
  claim_token: string | null;
  sent_at: Date | null;
  provider_message_id: string | null;
  created_at: Generated<Date>;
}

export interface OutboxLocalDeliveriesTable {
  id: Generated<number>;
  message_id: string;
  outbox_message_id: string;
  customer_id: string;
  channel: 'email' | 'sms';
  sender: string;
  recipient: string;
  subject: string;
  body: string;
  delivered_at: Date;
}
