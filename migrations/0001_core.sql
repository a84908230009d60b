-- Core model: sites, customers, accounts, subscriptions, staff and subscriber users, sessions,
-- API tokens, the log of staff reads of customer files, and the audit trail.

create table sites (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('inhouse', 'vendor', 'shop')),
  vendor_name text,
  city text not null,
  country text not null check (length(country) = 2),
  timezone text not null,
  seats integer not null default 0 check (seats >= 0),
  created_at timestamptz not null default now(),
  check ((kind = 'vendor') = (vendor_name is not null))
);

create sequence customer_reference_seq start 1;

create table customers (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  civility text not null check (civility in ('M.', 'Mme', 'Mx')),
  first_name text not null check (length(first_name) between 1 and 100),
  last_name text not null check (length(last_name) between 1 and 100),
  -- lower-case, accent-free "last first" so that a prefix search can use a btree index
  search_name text not null,
  email text,
  phone text,
  address_line1 text not null,
  address_line2 text,
  postcode text not null,
  city text not null,
  country text not null default 'FR',
  preferred_channel text not null default 'email' check (preferred_channel in ('email', 'sms', 'phone', 'letter')),
  preferred_language text not null default 'fr' check (preferred_language in ('fr', 'en')),
  serving_site_id uuid references sites (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index customers_search_name_idx on customers (search_name text_pattern_ops);
create index customers_email_idx on customers (lower(email) text_pattern_ops);
create index customers_phone_idx on customers (phone);
create index customers_serving_site_idx on customers (serving_site_id);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id),
  reference text not null unique,
  billing_method text not null check (billing_method in ('direct_debit', 'card', 'transfer')),
  status text not null default 'active' check (status in ('active', 'closed')),
  created_at timestamptz not null default now()
);
create index accounts_customer_idx on accounts (customer_id);

create table subscriptions (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id),
  account_id uuid not null references accounts (id),
  reference text not null unique,
  kind text not null check (kind in ('fixed_box', 'mobile_line')),
  plan text not null,
  status text not null check (status in ('active', 'suspended', 'pending', 'terminated')),
  msisdn text,
  line_number text,
  service_address_line1 text,
  service_postcode text,
  service_city text,
  started_at timestamptz not null,
  terminated_at timestamptz,
  check ((kind = 'mobile_line') = (msisdn is not null)),
  check ((kind = 'fixed_box') = (service_address_line1 is not null))
);
create index subscriptions_customer_idx on subscriptions (customer_id);
create index subscriptions_msisdn_idx on subscriptions (msisdn);
create index subscriptions_line_number_idx on subscriptions (line_number);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  display_name text not null,
  -- shown to customers beside the first name, so that nobody is anonymous (e.g. "VIT-0042")
  advisor_code text unique,
  password_hash text,
  role text not null check (role in ('subscriber', 'advisor', 'senior_advisor', 'supervisor',
    'complaints_officer', 'planner', 'director', 'shop_staff', 'admin')),
  site_id uuid references sites (id),
  customer_id uuid references customers (id),
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  check ((role = 'subscriber') = (customer_id is not null)),
  check (role = 'subscriber' or site_id is not null)
);
create unique index users_email_idx on users (lower(email));
create index users_site_idx on users (site_id);

create table sessions (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  name text not null,
  token_hash text not null unique,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table customer_access_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  staff_user_id uuid not null references users (id),
  customer_id uuid not null references customers (id),
  route text not null,
  request_id text
);
create index customer_access_log_customer_idx on customer_access_log (customer_id, at desc);
create index customer_access_log_at_idx on customer_access_log (at desc, id desc);

create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id uuid references users (id),
  action text not null,
  subject_type text not null,
  subject_id text not null,
  details jsonb not null default '{}'
);
create index audit_events_subject_idx on audit_events (subject_type, subject_id);

-- One row per completed seed; written in the seed's own transaction, so it exists only if the
-- seed finished.
create table seed_runs (
  name text primary key,
  customers integer not null,
  completed_at timestamptz not null default now()
);
