-- Transactional outbox: a message to a customer is a row written in the same transaction as the
-- change that causes it; a background worker sends it, retries it, and never sends it twice
-- (see src/outbox/worker.ts). Rows carry customer_id so they shard with the customer.

create table outbox_messages (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id),
  case_id uuid references cases (id),
  channel text not null check (channel in ('email', 'sms', 'letter')),
  recipient text not null check (length(recipient) between 1 and 500),
  subject text not null check (length(subject) between 1 and 500),
  body text not null check (length(body) between 1 and 20000),
  -- what the message is about (e.g. 'promise_broken'), for reports and templates
  kind text not null,
  -- a second enqueue of the same fact (a retried transaction, a rerun scan) is a no-op
  dedupe_key text not null unique,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  -- send attempts started (a claim counts, so a message that crashes workers still runs out)
  attempts integer not null default 0 check (attempts >= 0),
  -- when it is due: the next retry while pending, the end of the lease while sending
  next_attempt_at timestamptz not null,
  last_error text,
  -- a claimed message belongs to its worker until then; after it, another worker may take it
  locked_until timestamptz,
  -- who holds the current claim: only the holder may reschedule a failure
  claim_token uuid,
  sent_at timestamptz,
  provider_message_id text,
  created_at timestamptz not null default now(),
  check ((status = 'sending') = (locked_until is not null)),
  check ((status = 'sent') = (sent_at is not null))
);
-- The worker's scan: due messages only, oldest due first.
create index outbox_messages_due_idx on outbox_messages (next_attempt_at) where status in ('pending', 'sending');
create index outbox_messages_customer_idx on outbox_messages (customer_id, created_at desc, id desc);

-- What the embedded drivers delivered (no SMTP server, no SMS provider): the in-app mailbox for
-- e-mail and the log of SMS. Like a real peer it keeps one copy per Message-ID, so a message
-- re-sent after a worker crash is stored once.
create table outbox_local_deliveries (
  id bigint generated always as identity primary key,
  message_id text not null unique,
  outbox_message_id uuid not null references outbox_messages (id),
  customer_id uuid not null references customers (id),
  channel text not null check (channel in ('email', 'sms')),
  sender text not null,
  recipient text not null,
  subject text not null,
  body text not null,
  delivered_at timestamptz not null
);
create index outbox_local_deliveries_customer_idx on outbox_local_deliveries (customer_id, id desc);
