-- Loyalty: an append-only, double-entry points ledger; rewards whose thresholds change only
-- after notice, with members close to the old threshold (or with an announced goal) protected;
-- and offers recorded with their audience, so existing customers are never worse off than prospects.
--
-- What the database itself guarantees (not only the code):
--   * every loyalty transaction's postings sum to zero and there are at least two of them
--     (statement trigger over the inserted rows: a transaction's postings are written in one INSERT);
--   * a member's balance is the sum of their postings, maintained by trigger, and can never go
--     below zero: the UPDATE locks the member's row, so two concurrent redemptions serialise and the
--     second one fails the check instead of spending the same points twice;
--   * postings and transactions are never updated or deleted.

create table loyalty_accounts (
  id uuid primary key default gen_random_uuid(),
  -- member accounts belong to a customer; the other kinds are the operator's side of each entry
  kind text not null check (kind in ('member', 'earnings', 'redemptions', 'expiries', 'adjustments')),
  customer_id uuid unique references customers (id),
  -- members of one household may transfer points to each other
  household_id uuid,
  tier text check (tier in ('essentiel', 'argent', 'or')),
  -- derived from postings by trigger (member accounts only); never written by the application
  balance integer not null default 0,
  joined_at timestamptz not null default now(),
  check ((kind = 'member') = (customer_id is not null)),
  check ((kind = 'member') = (tier is not null)),
  check (kind <> 'member' or balance >= 0)
);
create unique index loyalty_accounts_operator_kind_idx on loyalty_accounts (kind) where kind <> 'member';
create index loyalty_accounts_household_idx on loyalty_accounts (household_id) where household_id is not null;
insert into loyalty_accounts (id, kind) values
  ('00000000-0000-4000-8000-00000000e001', 'earnings'),
  ('00000000-0000-4000-8000-00000000e002', 'redemptions'),
  ('00000000-0000-4000-8000-00000000e003', 'expiries'),
  ('00000000-0000-4000-8000-00000000e004', 'adjustments');

create table loyalty_rewards (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z0-9-]{2,60}$'),
  name_fr text not null check (length(name_fr) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  active boolean not null default true,
  created_at timestamptz not null default now()
);

-- The threshold schedule of a reward per tier: the row in force is the latest effective_from <= now.
-- An increase is a new row announced at least the notice period before it takes effect.
create table loyalty_reward_thresholds (
  id uuid primary key default gen_random_uuid(),
  reward_id uuid not null references loyalty_rewards (id),
  tier text not null check (tier in ('essentiel', 'argent', 'or')),
  points integer not null check (points > 0),
  effective_from timestamptz not null,
  announced_at timestamptz not null,
  announced_by_user_id uuid references users (id),
  -- for a change: the threshold it replaces and until when protected members keep it
  previous_points integer check (previous_points > 0),
  protection_until timestamptz,
  reason text,
  unique (reward_id, tier, effective_from),
  check (announced_at <= effective_from),
  check (protection_until is null or protection_until >= effective_from)
);

create table loyalty_goals (
  customer_id uuid not null references customers (id),
  reward_id uuid not null references loyalty_rewards (id),
  announced_at timestamptz not null,
  primary key (customer_id, reward_id)
);

-- Members who keep the old threshold of a change until protected_until.
create table loyalty_threshold_protections (
  threshold_id uuid not null references loyalty_reward_thresholds (id),
  customer_id uuid not null references customers (id),
  reward_id uuid not null references loyalty_rewards (id),
  points integer not null check (points > 0),
  protected_until timestamptz not null,
  reason text not null check (reason in ('near_threshold', 'goal')),
  primary key (threshold_id, customer_id)
);
create index loyalty_threshold_protections_customer_idx on loyalty_threshold_protections (customer_id, reward_id);

create table loyalty_transactions (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (
    kind in ('earn_tenure', 'earn_spend', 'earn_event', 'redemption', 'expiry', 'adjustment', 'transfer')
  ),
  -- the member the entry is about (the sender of a transfer)
  customer_id uuid not null references customers (id),
  occurred_at timestamptz not null,
  description text not null check (length(description) between 1 and 500),
  -- adjustments carry their reason and author; other entries may
  reason text,
  author_user_id uuid references users (id),
  reward_id uuid references loyalty_rewards (id),
  -- the threshold applied to a redemption and whether it was a protected (old) threshold
  threshold_points integer,
  protected_threshold boolean,
  idempotency_key text,
  request_hash text,
  created_at timestamptz not null default now(),
  check (kind <> 'adjustment' or (reason is not null and author_user_id is not null)),
  check (kind <> 'redemption' or reward_id is not null)
);
create index loyalty_transactions_customer_idx on loyalty_transactions (customer_id, occurred_at desc, id desc);
create unique index loyalty_transactions_idempotency_idx on loyalty_transactions (author_user_id, idempotency_key)
  where idempotency_key is not null;

create table loyalty_postings (
  id bigint generated always as identity primary key,
  transaction_id uuid not null references loyalty_transactions (id),
  account_id uuid not null references loyalty_accounts (id),
  amount integer not null check (amount <> 0),
  -- member credits: when these points expire (oldest expire first; debits consume oldest first)
  expires_on date,
  check (expires_on is null or amount > 0)
);
create index loyalty_postings_transaction_idx on loyalty_postings (transaction_id);
create index loyalty_postings_account_idx on loyalty_postings (account_id, id);

create function loyalty_postings_apply() returns trigger language plpgsql as $$
declare
  unbalanced uuid;
begin
  select t.transaction_id into unbalanced
  from (select distinct transaction_id from new_postings) t
  join loyalty_postings p on p.transaction_id = t.transaction_id
  group by t.transaction_id
  having sum(p.amount) <> 0 or count(*) < 2
  limit 1;
  if unbalanced is not null then
    raise exception 'loyalty transaction % is unbalanced: its postings must sum to zero', unbalanced
      using errcode = '23514', constraint = 'loyalty_postings_balanced';
  end if;
  -- Member balances follow their postings; the row lock serialises concurrent writers and the
  -- balance >= 0 check refuses any spending beyond what the member has.
  update loyalty_accounts a
  set balance = a.balance + d.delta
  from (select account_id, sum(amount)::integer as delta from new_postings group by account_id) d
  where a.id = d.account_id and a.kind = 'member';
  return null;
end;
$$;
create trigger loyalty_postings_apply after insert on loyalty_postings
  referencing new table as new_postings for each statement execute function loyalty_postings_apply();

create function loyalty_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: record a correcting entry instead', tg_table_name
    using errcode = '42501';
end;
$$;
create trigger loyalty_postings_append_only before update or delete on loyalty_postings
  for each statement execute function loyalty_append_only();
create trigger loyalty_transactions_append_only before update or delete on loyalty_transactions
  for each statement execute function loyalty_append_only();

-- The balance column is the ledger's: only the postings trigger may move it.
create function loyalty_balance_from_postings() returns trigger language plpgsql as $$
begin
  if new.balance <> old.balance and pg_trigger_depth() < 2 then
    raise exception 'loyalty balances derive from postings; write a loyalty transaction instead'
      using errcode = '42501';
  end if;
  return new;
end;
$$;
create trigger loyalty_accounts_balance_guard before update on loyalty_accounts
  for each row execute function loyalty_balance_from_postings();

-- Offers and their audience: "customers before prospects".
create table offers (
  id uuid primary key default gen_random_uuid(),
  product text not null check (product ~ '^[a-z0-9-]{2,60}$'),
  name text not null check (length(name) between 1 and 200),
  audience text not null check (audience in ('new_customers', 'existing_customers', 'all_customers', 'segment')),
  -- for audience 'segment': a loyalty tier ('essentiel', 'argent', 'or')
  segment text check (segment in ('essentiel', 'argent', 'or')),
  monthly_price_cents integer not null check (monthly_price_cents >= 0),
  valid_from timestamptz not null,
  valid_until timestamptz,
  published_at timestamptz not null,
  published_by_user_id uuid references users (id),
  created_at timestamptz not null default now(),
  check ((audience = 'segment') = (segment is not null)),
  check (valid_until is null or valid_until > valid_from)
);
create index offers_product_idx on offers (product, valid_from);

-- A prospects' offer published although it beats what existing customers get: someone must act.
create table offer_retention_alerts (
  id uuid primary key default gen_random_uuid(),
  offer_id uuid not null references offers (id),
  product text not null,
  prospect_price_cents integer not null,
  existing_price_cents integer not null,
  raised_at timestamptz not null,
  raised_by_user_id uuid references users (id),
  resolved_at timestamptz
);
