-- Outreach: consents per customer and purpose (current state + full history), customers' time
-- zones for calling hours, campaigns, and every call attempt with its outcome — including the
-- attempts Suivi refused, with the rule that refused them.

create table customer_consents (
  customer_id uuid not null references customers (id),
  purpose text not null check (purpose in ('marketing_phone', 'marketing_sms', 'marketing_email', 'service_messages')),
  status text not null check (status in ('granted', 'withdrawn')),
  source text not null check (source in ('portal', 'advisor', 'call', 'shop', 'letter', 'contract')),
  recorded_at timestamptz not null,
  recorded_by_user_id uuid references users (id),
  -- what proves it (e.g. "web form v3, IP 192.0.2.1", "call recording 2026-12-08 #4411")
  evidence text check (length(evidence) <= 500),
  primary key (customer_id, purpose)
);
-- The dialler screens on marketing-phone consent only.
create index customer_consents_phone_idx on customer_consents (customer_id, status) where purpose = 'marketing_phone';

create table customer_consent_events (
  id bigint generated always as identity primary key,
  customer_id uuid not null references customers (id),
  purpose text not null,
  status text not null check (status in ('granted', 'withdrawn')),
  source text not null,
  recorded_at timestamptz not null,
  recorded_by_user_id uuid references users (id),
  evidence text
);
create index customer_consent_events_customer_idx on customer_consent_events (customer_id, id desc);

-- Customers outside mainland France (overseas departments): calling hours are theirs.
create table customer_time_zones (
  customer_id uuid primary key references customers (id),
  time_zone text not null check (length(time_zone) between 1 and 64)
);

create table outreach_campaigns (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  -- 'contract_offer': an offer related to the customer's contract in progress (callable without
  -- prior consent unless the customer refused); 'marketing': needs prior consent
  purpose text not null check (purpose in ('marketing', 'contract_offer')),
  created_by_user_id uuid not null references users (id),
  created_at timestamptz not null,
  closed_at timestamptz
);

create table outreach_attempts (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references outreach_campaigns (id),
  customer_id uuid not null references customers (id),
  attempted_at timestamptz not null,
  -- 'placed': the call went out (counts against the cap); 'blocked': Suivi refused it
  status text not null check (status in ('placed', 'blocked')),
  outcome text check (
    outcome in ('no_answer', 'voicemail', 'wrong_number', 'callback_requested', 'accepted', 'declined', 'objected')
  ),
  blocked_rule text,
  blocked_reason text,
  recorded_by_user_id uuid not null references users (id),
  idempotency_key text,
  request_hash text,
  check ((status = 'placed') = (outcome is not null)),
  check ((status = 'blocked') = (blocked_rule is not null))
);
create index outreach_attempts_customer_idx on outreach_attempts (customer_id, attempted_at desc) where status = 'placed';
create index outreach_attempts_campaign_idx on outreach_attempts (campaign_id, attempted_at desc);
create unique index outreach_attempts_idempotency_idx on outreach_attempts (recorded_by_user_id, idempotency_key)
  where idempotency_key is not null;
