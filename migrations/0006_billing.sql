-- Billing (PRODUCT.md, seed 004): bills a customer can understand, third-party charges that
-- cannot be slipped in. Amounts are integer cents; every line shows its VAT. The database, not
-- only the code, guarantees that
--   * a bill's totals equal the sums of its lines (statement triggers, set-based),
--   * an issued bill never changes: lines are written only in the transaction that creates the
--     bill, and their amounts can be neither updated nor deleted (corrections go on the next bill),
--   * a third-party charge is billed once and refunded at most once, never for more than it cost,
--   * a line is disputed once, whatever the retries.
-- Every table carries customer_id (the sharding key).

-- The bill run reaches subscriptions by account.
create index if not exists subscriptions_account_idx on subscriptions (account_id);

-- Monthly plan prices (configuration; the demo operator's defaults).
create table billing_plan_prices (
  plan text primary key,
  monthly_excl_vat_cents bigint not null check (monthly_excl_vat_cents >= 0),
  vat_rate_bp integer not null default 2000 check (vat_rate_bp between 0 and 10000)
);
insert into billing_plan_prices (plan, monthly_excl_vat_cents) values
  ('Box Fibre Essentiel', 2499),
  ('Box Fibre Pop', 3249),
  ('Box Fibre Ultra 8 Gb/s', 4166),
  ('Box ADSL Révolution', 2499),
  ('Forfait 2 h', 166),
  ('Forfait 5G 150 Go', 1249),
  ('Forfait 5G 350 Go', 1666),
  ('Forfait Série Spéciale 100 Go', 749);

-- Monthly options and equipment rentals of a subscription (e.g. a TV decoder, international calls).
create table billing_recurring_items (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id),
  subscription_id uuid not null references subscriptions (id),
  kind text not null check (kind in ('option', 'equipment')),
  label text not null,
  monthly_excl_vat_cents bigint not null check (monthly_excl_vat_cents >= 0),
  vat_rate_bp integer not null default 2000 check (vat_rate_bp between 0 and 10000),
  starts_on date not null,
  ends_on date,
  check (ends_on is null or ends_on >= starts_on)
);
create index billing_recurring_items_subscription_idx on billing_recurring_items (subscription_id);

create table bills (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id),
  customer_id uuid not null references customers (id),
  reference text not null unique,
  -- the calendar month billed, first and last day (Europe/Paris)
  period_start date not null,
  period_end date not null,
  issued_at timestamptz not null,
  -- when the direct debit (or card payment) is taken; flagged charges are told before it
  payment_due_date date not null,
  total_excl_vat_cents bigint not null,
  vat_cents bigint not null,
  total_incl_vat_cents bigint not null,
  -- the transaction that created the bill: the only one allowed to write its lines
  created_txid bigint not null default txid_current(),
  created_at timestamptz not null default now(),
  unique (account_id, period_start),
  check (period_end >= period_start),
  check (payment_due_date >= period_end),
  check (total_incl_vat_cents = total_excl_vat_cents + vat_cents)
);
create index bills_customer_idx on bills (customer_id, period_start desc, id desc);

create table third_party_consents (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id),
  subscription_id uuid not null references subscriptions (id),
  merchant_code text not null,
  service_name text not null,
  -- the double confirmation on the operator-hosted page: both steps, when, and from where
  first_step_at timestamptz,
  second_step_at timestamptz,
  channel text not null check (channel in ('box', 'tv', 'mobile', 'web', 'sms')),
  source_ip text,
  source_line text,
  confirmation_page text,
  recorded_at timestamptz not null,
  check (second_step_at is null or first_step_at is not null)
);
create index third_party_consents_subscription_idx on third_party_consents (subscription_id);

create table billing_charge_batches (
  id uuid primary key default gen_random_uuid(),
  -- who sent it (billing system or partner) and their reference for the batch
  source text not null check (length(source) between 1 and 100),
  reference text not null check (length(reference) between 1 and 200),
  -- the same batch sent twice is applied once; the same reference with other content is refused
  content_sha256 text not null,
  received_at timestamptz not null,
  received_by_user_id uuid references users (id),
  accepted integer not null check (accepted >= 0),
  rejected integer not null check (rejected >= 0),
  result jsonb not null,
  unique (source, reference)
);

create table third_party_charges (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id),
  account_id uuid not null references accounts (id),
  subscription_id uuid not null references subscriptions (id),
  batch_id uuid references billing_charge_batches (id),
  merchant_code text not null,
  merchant_name text not null,
  service_name text not null,
  charge_type text not null check (charge_type in ('purchase', 'subscription')),
  -- the partner's own id for the charge: a charge is accepted once per merchant
  external_ref text not null,
  occurred_at timestamptz not null,
  amount_incl_vat_cents bigint not null check (amount_incl_vat_cents > 0),
  vat_rate_bp integer not null default 2000 check (vat_rate_bp between 0 and 10000),
  consent_id uuid references third_party_consents (id),
  consent_complete boolean not null,
  -- detection flags set on arrival: no_consent, after_block, new_merchant, burst, first_subscription
  flags jsonb not null default '[]',
  received_at timestamptz not null,
  billed_on_bill_id uuid references bills (id),
  unique (merchant_code, external_ref),
  check (consent_complete = false or consent_id is not null)
);
create index third_party_charges_subscription_idx on third_party_charges (subscription_id, occurred_at);
create index third_party_charges_customer_idx on third_party_charges (customer_id, occurred_at desc, id desc);
create index third_party_charges_unbilled_idx on third_party_charges (account_id) where billed_on_bill_id is null;

-- Charges refused on arrival (the line had third-party billing blocked): logged, never billed.
create table third_party_rejections (
  id bigint generated always as identity primary key,
  batch_id uuid not null references billing_charge_batches (id),
  customer_id uuid not null references customers (id),
  subscription_id uuid not null references subscriptions (id),
  merchant_code text not null,
  merchant_name text not null,
  service_name text not null,
  external_ref text not null,
  occurred_at timestamptz not null,
  amount_incl_vat_cents bigint not null,
  reason text not null check (reason in ('line_blocked')),
  at timestamptz not null
);
create index third_party_rejections_customer_idx on third_party_rejections (customer_id, at desc);

-- Third-party billing per line: no row means allowed (the default the law permits); blocking is
-- free and immediate. Every change is kept.
create table third_party_settings (
  subscription_id uuid primary key references subscriptions (id),
  customer_id uuid not null references customers (id),
  status text not null check (status in ('allowed', 'blocked')),
  changed_at timestamptz not null,
  changed_by_user_id uuid references users (id)
);
create table third_party_setting_changes (
  id bigint generated always as identity primary key,
  subscription_id uuid not null references subscriptions (id),
  customer_id uuid not null references customers (id),
  status text not null check (status in ('allowed', 'blocked')),
  at timestamptz not null,
  actor_user_id uuid references users (id),
  channel text not null check (channel in ('portal', 'phone', 'shop', 'letter', 'email', 'system')),
  reason text
);
create index third_party_setting_changes_subscription_idx on third_party_setting_changes (subscription_id, at);

create table billing_disputes (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id),
  bill_id uuid references bills (id),
  bill_line_id uuid,
  third_party_charge_id uuid references third_party_charges (id),
  case_id uuid not null references cases (id),
  reason text not null,
  channel text not null,
  opened_at timestamptz not null,
  opened_by_user_id uuid not null references users (id),
  outcome text not null check (outcome in ('refunded', 'under_review')),
  idempotency_key text,
  check (bill_line_id is not null or third_party_charge_id is not null)
);
-- One dispute per bill line and per charge, whatever the retries or the door it came through.
create unique index billing_disputes_line_idx on billing_disputes (bill_line_id) where bill_line_id is not null;
create unique index billing_disputes_charge_idx on billing_disputes (third_party_charge_id)
  where third_party_charge_id is not null;
create unique index billing_disputes_key_idx on billing_disputes (customer_id, idempotency_key)
  where idempotency_key is not null;
create index billing_disputes_customer_idx on billing_disputes (customer_id, opened_at desc);

-- Money owed to or by the customer outside the monthly plans: refunds, goodwill credits, one-off
-- fees, usage beyond the plan (from the rating system). Each lands on the next bill
-- (billed_on_bill_id).
create table billing_ledger_entries (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id),
  account_id uuid not null references accounts (id),
  subscription_id uuid references subscriptions (id),
  kind text not null check (kind in ('refund', 'credit', 'fee', 'usage')),
  -- always positive; the sign comes from the kind (refund and credit reduce the bill)
  amount_incl_vat_cents bigint not null check (amount_incl_vat_cents > 0),
  vat_rate_bp integer not null default 2000 check (vat_rate_bp between 0 and 10000),
  label text not null,
  details jsonb not null default '{}',
  third_party_charge_id uuid references third_party_charges (id),
  dispute_id uuid references billing_disputes (id),
  created_at timestamptz not null,
  created_by_user_id uuid references users (id),
  billed_on_bill_id uuid references bills (id)
);
-- Exactly one refund per charge.
create unique index billing_ledger_refund_once_idx on billing_ledger_entries (third_party_charge_id)
  where kind = 'refund' and third_party_charge_id is not null;
create index billing_ledger_unbilled_idx on billing_ledger_entries (account_id) where billed_on_bill_id is null;
create index billing_ledger_customer_idx on billing_ledger_entries (customer_id, created_at desc);

create table bill_lines (
  id uuid primary key default gen_random_uuid(),
  bill_id uuid not null references bills (id),
  -- the bill's customer (the sharding key), checked against the bill when the line is written
  customer_id uuid not null,
  subscription_id uuid references subscriptions (id),
  position integer not null,
  kind text not null check (kind in ('plan', 'option', 'usage', 'equipment', 'one_off', 'credit', 'refund', 'third_party')),
  label text not null,
  -- what the explanation needs (units, plan dates…); the words are built by the application
  details jsonb not null default '{}',
  amount_excl_vat_cents bigint not null,
  vat_rate_bp integer not null check (vat_rate_bp between 0 and 10000),
  vat_cents bigint not null,
  amount_incl_vat_cents bigint not null,
  third_party_charge_id uuid references third_party_charges (id),
  ledger_entry_id uuid references billing_ledger_entries (id),
  unique (bill_id, position),
  check (amount_incl_vat_cents = amount_excl_vat_cents + vat_cents),
  -- VAT is the rate applied to the amount before tax, to the cent
  check (abs(vat_cents * 10000 - amount_excl_vat_cents * vat_rate_bp) <= 10000),
  check ((kind in ('credit', 'refund')) = (amount_incl_vat_cents < 0) or amount_incl_vat_cents = 0),
  check ((kind = 'third_party') = (third_party_charge_id is not null)),
  check (kind not in ('credit', 'refund') or ledger_entry_id is not null)
);
create index bill_lines_subscription_idx on bill_lines (subscription_id) where subscription_id is not null;
-- A charge, a refund or a fee is billed once (partial: most lines have neither, and stay out of these indexes).
create unique index bill_lines_charge_once_idx on bill_lines (third_party_charge_id) where third_party_charge_id is not null;
create unique index bill_lines_entry_once_idx on bill_lines (ledger_entry_id) where ledger_entry_id is not null;
alter table billing_disputes add foreign key (bill_line_id) references bill_lines (id);

-- A bill's totals equal the sums of its lines, and a bill's lines are written in the statement
-- that writes the bill (the bill run writes both in one statement; see src/billing/bill-run.ts).
-- Checked set-based once per statement, from the transition tables; each bill is reached by its
-- key (lateral), so the cost grows with the rows written, never with the size of the tables.
-- enable_seqscan off inside these functions: the tables just grew in this transaction and their
-- statistics may say "empty"; a sequential scan per bill would make a bill run quadratic.
create function bills_reconcile(bill_ids uuid[]) returns void language plpgsql
set enable_seqscan = off as $$
declare
  bad record;
begin
  select b.reference, s.n, s.excl, s.vat, s.incl, b.total_excl_vat_cents, b.vat_cents, b.total_incl_vat_cents
    into bad
    from unnest(bill_ids) as x(id)
    cross join lateral (select * from bills where bills.id = x.id) b
    cross join lateral (
      select count(*) as n,
             coalesce(sum(amount_excl_vat_cents), 0) as excl,
             coalesce(sum(vat_cents), 0) as vat,
             coalesce(sum(amount_incl_vat_cents), 0) as incl
        from bill_lines where bill_lines.bill_id = b.id
    ) s
   where s.n = 0 or s.excl <> b.total_excl_vat_cents or s.vat <> b.vat_cents or s.incl <> b.total_incl_vat_cents
   limit 1;
  if found then
    raise exception 'bill % does not reconcile with its lines (lines: % + % = %, bill: % + % = %)',
      bad.reference, bad.excl, bad.vat, bad.incl, bad.total_excl_vat_cents, bad.vat_cents, bad.total_incl_vat_cents
      using errcode = '23514', constraint = 'bills_reconcile_with_lines';
  end if;
end $$;

create function bills_check_totals() returns trigger language plpgsql as $$
begin
  perform bills_reconcile(array(select id from new_bills));
  return null;
end $$;
create trigger bills_reconcile_on_insert after insert on bills
  referencing new table as new_bills for each statement execute function bills_check_totals();
create trigger bills_reconcile_on_update after update on bills
  referencing new table as new_bills for each statement execute function bills_check_totals();

-- Lines are written with their bill, in the same transaction, and never afterwards; a line
-- belongs to its bill's customer; the bill still reconciles.
create function bill_lines_with_their_bill() returns trigger language plpgsql
set enable_seqscan = off as $$
declare
  bill_ids uuid[] := array(select distinct bill_id from new_lines);
begin
  if exists (
    select 1 from unnest(bill_ids) as x(id) cross join lateral (select created_txid from bills where bills.id = x.id) b
     where b.created_txid <> txid_current()
  ) then
    raise exception 'an issued bill cannot change: post a credit or refund for the next bill'
      using errcode = '55000';
  end if;
  if exists (
    select 1 from new_lines l cross join lateral (select customer_id from bills where bills.id = l.bill_id) b
     where l.customer_id <> b.customer_id
  ) then
    raise exception 'a bill line must carry its bill''s customer' using errcode = '23514';
  end if;
  perform bills_reconcile(bill_ids);
  return null;
end $$;
create trigger bill_lines_with_their_bill after insert on bill_lines
  referencing new table as new_lines for each statement execute function bill_lines_with_their_bill();

create function bill_lines_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'an issued bill cannot change: post a credit or refund for the next bill'
    using errcode = '55000';
end $$;
-- customer_id may move (merging duplicate customers); amounts and what the line is may not.
create trigger bill_lines_immutable
  before update of bill_id, kind, amount_excl_vat_cents, vat_rate_bp, vat_cents, amount_incl_vat_cents,
    third_party_charge_id, ledger_entry_id
  or delete on bill_lines for each statement execute function bill_lines_immutable();

-- A refund never exceeds what the charge cost (the unique index above makes it one refund).
create function billing_refund_within_charge() returns trigger language plpgsql as $$
declare
  charged bigint;
  refunded bigint;
begin
  if new.kind <> 'refund' or new.third_party_charge_id is null then
    return new;
  end if;
  select amount_incl_vat_cents into charged from third_party_charges
    where id = new.third_party_charge_id and account_id = new.account_id for update;
  if not found then
    raise exception 'refund % is for a charge of another account', new.id using errcode = '23503';
  end if;
  select coalesce(sum(amount_incl_vat_cents), 0) into refunded from billing_ledger_entries
    where third_party_charge_id = new.third_party_charge_id and kind = 'refund' and id <> new.id;
  if refunded + new.amount_incl_vat_cents > charged then
    raise exception 'refunds of charge % would exceed what it cost (% > %)',
      new.third_party_charge_id, refunded + new.amount_incl_vat_cents, charged
      using errcode = '23514', constraint = 'billing_refund_within_charge';
  end if;
  return new;
end $$;
create trigger billing_refund_within_charge before insert or update on billing_ledger_entries
  for each row execute function billing_refund_within_charge();
