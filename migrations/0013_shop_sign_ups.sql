-- Subscribing at the shop counter: who was signed up, on which line, by whom, and how their
-- identity was checked. The identity document itself is not kept: only its kind, the last
-- characters of its number and its expiry date, which is what a later dispute needs. The holder's
-- age is checked at the counter; the birth date is not kept.
create table shop_sign_ups (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  customer_id uuid not null references customers (id),
  account_id uuid not null references accounts (id),
  subscription_id uuid not null unique references subscriptions (id),
  -- whether the customer was created at the counter or already had a file
  new_customer boolean not null,
  identity_document text not null
    check (identity_document in ('national_id_card', 'passport', 'residence_permit', 'driving_licence')),
  identity_number_end text not null check (length(identity_number_end) between 2 and 4),
  identity_expires_on date not null,
  identity_checked_by_user_id uuid not null references users (id),
  identity_checked_at timestamptz not null,
  offer_id uuid references offers (id),
  monthly_price_cents integer check (monthly_price_cents >= 0),
  device_id uuid references shop_devices (id),
  appointment_id uuid references shop_appointments (id),
  idempotency_key text not null,
  request_hash text not null,
  created_at timestamptz not null
);
create unique index shop_sign_ups_key_idx on shop_sign_ups (identity_checked_by_user_id, idempotency_key);
create index shop_sign_ups_customer_idx on shop_sign_ups (customer_id);
create index shop_sign_ups_site_idx on shop_sign_ups (site_id, created_at desc);

