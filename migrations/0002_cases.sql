-- Case files (dossiers): one per problem, with a named owner, tracked promises, a timeline of
-- every contact, and their history. Child tables carry customer_id so that everything about a
-- customer can be sharded together (e.g. Citus, distributed by customer_id).

-- One sequence for all years: the reference shows the year of opening beside it
-- (DOS-2026-000123). Numbers are unique, not gap-free (a rolled-back insert burns one).
create sequence case_reference_seq start 1;

create table cases (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  customer_id uuid not null references customers (id),
  subscription_id uuid references subscriptions (id),
  type text not null check (type in ('line_move', 'fault_repair', 'number_porting', 'device_swap',
    'billing_dispute', 'written_complaint', 'contract_change', 'termination', 'general_request')),
  status text not null default 'open' check (status in ('open', 'in_progress', 'waiting_on_customer',
    'resolved', 'closed')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  summary text not null check (length(summary) between 1 and 4000),
  opened_channel text not null,
  -- when the problem reached us (a letter's date, an import): deadlines count from here
  opened_at timestamptz not null,
  opened_by_user_id uuid not null references users (id),
  owner_user_id uuid not null references users (id),
  -- the team: the owner's site when assigned
  site_id uuid references sites (id),
  tags jsonb not null default '[]',
  flags jsonb not null default '[]',
  -- repeat-contact routing: who the next contact goes to, and why
  routed_to_user_id uuid references users (id),
  routed_at timestamptz,
  routing_reason text,
  -- while waiting on the customer the promises pause: since when, and what the customer must do
  waiting_since timestamptz,
  waiting_reason text,
  resolved_at timestamptz,
  closed_at timestamptz,
  -- optimistic concurrency: every change to the row increments it
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index cases_customer_idx on cases (customer_id, opened_at desc, id desc);
create index cases_owner_idx on cases (owner_user_id) where status not in ('resolved', 'closed');

-- Owner, status, priority and routing changes: the case's own audit trail.
create table case_history (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases (id),
  customer_id uuid not null references customers (id),
  at timestamptz not null,
  actor_user_id uuid references users (id),
  field text not null check (field in ('owner', 'status', 'priority', 'tags', 'routing')),
  from_value text,
  to_value text,
  reason text
);
create index case_history_case_idx on case_history (case_id, id);

create table case_promises (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id),
  customer_id uuid not null references customers (id),
  kind text not null check (kind in ('resolution', 'callback', 'written_reply', 'technician_visit',
    'device_delivery')),
  promised_by_user_id uuid not null references users (id),
  -- the delay runs from here (the case's opening for the first promise)
  starts_at timestamptz not null,
  due_at timestamptz not null,
  -- the Europe/Paris calendar day of due_at, as told to the customer
  due_date date not null,
  status text not null default 'open' check (status in ('open', 'kept', 'broken', 'superseded')),
  superseded_by uuid references case_promises (id),
  settled_at timestamptz,
  created_at timestamptz not null default now(),
  check (due_at >= starts_at)
);
-- at most one open promise of each kind per case: changing a date supersedes the old one
create unique index case_promises_open_idx on case_promises (case_id, kind) where status = 'open';
create index case_promises_due_idx on case_promises (due_at) where status = 'open';

-- Every change of a promise, with the reason the customer is shown.
create table case_promise_events (
  id bigint generated always as identity primary key,
  promise_id uuid not null references case_promises (id),
  case_id uuid not null references cases (id),
  at timestamptz not null,
  actor_user_id uuid references users (id),
  event text not null check (event in ('made', 'kept', 'broken', 'superseded')),
  reason text not null check (length(reason) between 1 and 1000)
);
create index case_promise_events_case_idx on case_promise_events (case_id, id);

create table case_interactions (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id),
  customer_id uuid not null references customers (id),
  channel text not null check (channel in ('phone_in', 'phone_out', 'email', 'letter', 'sms', 'chat',
    'portal', 'shop_visit', 'community')),
  direction text not null check (direction in ('inbound', 'outbound')),
  summary text not null check (length(summary) between 1 and 4000),
  occurred_at timestamptz not null,
  handled_by_user_id uuid references users (id),
  recorded_by_user_id uuid not null references users (id),
  -- the client's Idempotency-Key: a retried request stores nothing new
  idempotency_key text,
  created_at timestamptz not null default now(),
  unique (case_id, idempotency_key)
);
create index case_interactions_case_idx on case_interactions (case_id, occurred_at, id);
