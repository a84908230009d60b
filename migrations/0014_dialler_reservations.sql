-- Dialler reservations: a dialler agent takes the next compliant customers of a campaign for a
-- lease, so that two agents (or two dialler processes) asking at the same time never get the same
-- customer. A customer has at most one live reservation (unique index below, whatever the
-- campaign); recording an attempt releases it, the agent may release it, and a lease that ran out
-- frees the customer (the row is marked 'expired' by the next reservation or attempt).

-- One reservation request (POST /api/outreach/campaigns/:id/reservations), kept for Idempotency-Key replays.
create table outreach_reservation_batches (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references outreach_campaigns (id),
  reserved_by_user_id uuid not null references users (id),
  requested_count integer not null check (requested_count between 1 and 500),
  lease_seconds integer not null check (lease_seconds between 1 and 86400),
  reserved_at timestamptz not null,
  lease_expires_at timestamptz not null,
  -- where the next request of this agent goes on (the response's nextCursor); null: from the start
  resume_after_customer_id uuid,
  idempotency_key text,
  request_hash text not null
);
create unique index outreach_reservation_batches_key_idx
  on outreach_reservation_batches (reserved_by_user_id, idempotency_key) where idempotency_key is not null;

create table outreach_reservations (
  id uuid primary key default gen_random_uuid(),
  batch_id uuid not null references outreach_reservation_batches (id),
  campaign_id uuid not null references outreach_campaigns (id),
  customer_id uuid not null references customers (id),
  reserved_by_user_id uuid not null references users (id),
  -- the rule that made the customer callable when reserved: consent, contract_in_progress, before_consent_law
  basis text not null check (basis in ('consent', 'contract_in_progress', 'before_consent_law')),
  reserved_at timestamptz not null,
  lease_expires_at timestamptz not null,
  -- null while held; 'attempt': the call was recorded; 'released': the agent gave it back; 'expired': the lease ran out
  released_at timestamptz,
  release_reason text check (release_reason in ('attempt', 'released', 'expired')),
  attempt_id uuid references outreach_attempts (id),
  check ((released_at is null) = (release_reason is null)),
  check (lease_expires_at > reserved_at)
);
-- The guarantee: never two unreleased reservations of one customer, even for simultaneous requests.
create unique index outreach_reservations_held_idx on outreach_reservations (customer_id) where released_at is null;
create index outreach_reservations_batch_idx on outreach_reservations (batch_id);
create index outreach_reservations_holder_idx on outreach_reservations (reserved_by_user_id, campaign_id)
  where released_at is null;
