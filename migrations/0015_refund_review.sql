-- Refund review (issue 7): a dispute of a charge WITH a complete consent waits for a review by
-- billing staff, who grant a refund (the full amount, or part of what is still refundable) or
-- decline it with a reason the customer is shown. The database, not only the code, guarantees that
--   * a charge is never refunded more than it cost, whatever the decisions and concurrent
--     requests (billing_refund_within_charge, 0006, locks the charge and sums its refunds),
--   * the automatic refund of a charge without consent stays once per charge,
--   * a granted decision posts exactly one refund, and a decision's Idempotency-Key is used once
--     per dispute,
--   * a dispute is declined at most once.

alter table billing_disputes drop constraint if exists billing_disputes_outcome_check;
alter table billing_disputes add constraint billing_disputes_outcome_check
  check (outcome in ('refunded', 'under_review', 'granted', 'partially_granted', 'declined'));

create table billing_dispute_decisions (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id),
  dispute_id uuid not null references billing_disputes (id),
  decision text not null check (decision in ('grant', 'decline')),
  -- what the grant refunds (VAT included); none for a decline
  amount_cents bigint check (amount_cents > 0),
  -- shown to the customer; required to decline
  reason text check (reason is null or length(reason) between 1 and 2000),
  decided_at timestamptz not null,
  decided_by_user_id uuid not null references users (id),
  idempotency_key text,
  check ((decision = 'grant') = (amount_cents is not null)),
  check (decision = 'grant' or reason is not null)
);
create index billing_dispute_decisions_dispute_idx on billing_dispute_decisions (dispute_id, decided_at);
create index billing_dispute_decisions_customer_idx on billing_dispute_decisions (customer_id);
create unique index billing_dispute_decisions_key_idx on billing_dispute_decisions (dispute_id, idempotency_key)
  where idempotency_key is not null;
create unique index billing_dispute_decisions_decline_once_idx on billing_dispute_decisions (dispute_id)
  where decision = 'decline';

-- A refund may now come from a review decision: one refund per granted decision. The automatic
-- refund (no decision) stays once per charge; the sum of all refunds of a charge never exceeds it.
alter table billing_ledger_entries add column decision_id uuid references billing_dispute_decisions (id);
drop index if exists billing_ledger_refund_once_idx;
create unique index billing_ledger_refund_once_idx on billing_ledger_entries (third_party_charge_id)
  where kind = 'refund' and third_party_charge_id is not null and decision_id is null;
create unique index billing_ledger_decision_once_idx on billing_ledger_entries (decision_id)
  where decision_id is not null;
