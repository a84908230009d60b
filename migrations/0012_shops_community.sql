-- Shops and community (seed 000, the Nancy shop-laboratory): shop locations with opening hours,
-- device stock and swaps, appointments, equipment loans, events, the ideas board and working groups.
-- Every "no more than" rule is a constraint here, not only code: one booking per slot (partial
-- unique index), an event never above capacity (check on a counter), one open loan per item.

create table shop_locations (
  site_id uuid primary key references sites (id),
  address text not null check (length(address) between 1 and 300),
  -- weekly opening periods in the site's time zone, e.g. {"tue":[{"start":"10:00","end":"12:30"}]}
  weekly_hours jsonb not null,
  -- exceptional days replacing the weekly hours: {"2026-12-24":[{"start":"10:00","end":"16:00"}]}
  exceptions jsonb not null default '{}',
  slot_minutes integer not null default 30 check (slot_minutes between 10 and 240),
  booking_horizon_days integer not null default 30 check (booking_horizon_days between 1 and 365),
  created_at timestamptz not null default now()
);

create table shop_devices (
  id uuid primary key default gen_random_uuid(),
  model text not null check (length(model) between 1 and 100),
  serial text not null unique check (length(serial) between 3 and 64),
  -- in_stock: on a shop shelf; installed: at a customer's on a subscription; to_repair: faulty,
  -- waiting to leave for repair; in_repair: sent; scrapped: end of life.
  status text not null check (status in ('in_stock', 'installed', 'to_repair', 'in_repair', 'scrapped')),
  site_id uuid references sites (id),
  subscription_id uuid references subscriptions (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'installed') = (subscription_id is not null)),
  check (status = 'installed' or site_id is not null)
);
-- A subscription has at most one installed box.
create unique index shop_devices_installed_idx on shop_devices (subscription_id) where status = 'installed';
create index shop_devices_site_idx on shop_devices (site_id, status, model);

create table shop_device_swaps (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  customer_id uuid not null references customers (id),
  subscription_id uuid not null references subscriptions (id),
  faulty_device_id uuid not null references shop_devices (id),
  replacement_device_id uuid not null references shop_devices (id),
  case_id uuid not null references cases (id),
  fault text not null check (length(fault) between 1 and 1000),
  performed_by_user_id uuid not null references users (id),
  performed_at timestamptz not null,
  idempotency_key text,
  check (faulty_device_id <> replacement_device_id)
);
create unique index shop_device_swaps_key_idx on shop_device_swaps (performed_by_user_id, idempotency_key)
  where idempotency_key is not null;
create index shop_device_swaps_customer_idx on shop_device_swaps (customer_id, performed_at desc);

-- Every move of a unit: the faulty box tracked back to repair, the replacement leaving the shelf.
create table shop_device_movements (
  id bigint generated always as identity primary key,
  device_id uuid not null references shop_devices (id),
  at timestamptz not null,
  from_status text,
  to_status text not null,
  site_id uuid references sites (id),
  subscription_id uuid references subscriptions (id),
  swap_id uuid references shop_device_swaps (id),
  actor_user_id uuid references users (id),
  note text
);
create index shop_device_movements_device_idx on shop_device_movements (device_id, at);

create table shop_appointments (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  customer_id uuid not null references customers (id),
  subscription_id uuid references subscriptions (id),
  purpose text not null check (purpose in ('subscription', 'device_swap', 'help')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'booked' check (status in ('booked', 'cancelled', 'done', 'no_show')),
  note text check (note is null or length(note) <= 1000),
  booked_by_user_id uuid not null references users (id),
  created_at timestamptz not null,
  cancelled_at timestamptz,
  check (ends_at > starts_at)
);
-- No double booking: one live appointment per shop and slot, whatever the code does.
create unique index shop_appointments_slot_idx on shop_appointments (site_id, starts_at) where status <> 'cancelled';
create index shop_appointments_customer_idx on shop_appointments (customer_id, starts_at desc);

-- Equipment loans (the developer space).
create table loan_items (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  asset_tag text not null unique check (length(asset_tag) between 1 and 40),
  name text not null check (length(name) between 1 and 200),
  category text not null check (category in ('box', 'dev_board', 'tool', 'other')),
  condition text not null check (condition in ('new', 'good', 'worn', 'damaged')),
  retired_at timestamptz,
  created_at timestamptz not null default now()
);

create table loans (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null references loan_items (id),
  customer_id uuid not null references customers (id),
  borrowed_at timestamptz not null,
  due_date date not null,
  due_at timestamptz not null,
  condition_out text not null,
  returned_at timestamptz,
  condition_in text check (condition_in is null or condition_in in ('new', 'good', 'worn', 'damaged')),
  lent_by_user_id uuid not null references users (id),
  returned_to_user_id uuid references users (id),
  check (due_at > borrowed_at),
  check ((returned_at is null) = (condition_in is null))
);
-- An item is with one borrower at a time.
create unique index loans_open_item_idx on loans (item_id) where returned_at is null;
create index loans_open_customer_idx on loans (customer_id) where returned_at is null;
create index loans_open_due_idx on loans (due_at) where returned_at is null;

-- Events: cultural, scientific, leisure, technical.
create table community_events (
  id uuid primary key default gen_random_uuid(),
  site_id uuid references sites (id),
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 4000),
  category text not null check (category in ('cultural', 'scientific', 'leisure', 'technical')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity integer not null check (capacity between 1 and 10000),
  -- seats taken; the check makes overbooking impossible even under concurrent registrations
  registered_count integer not null default 0,
  cancelled_at timestamptz,
  created_by_user_id uuid references users (id),
  created_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (registered_count between 0 and capacity)
);
create index community_events_starts_idx on community_events (starts_at);

create table event_registrations (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references community_events (id),
  customer_id uuid not null references customers (id),
  status text not null check (status in ('registered', 'waitlisted', 'cancelled')),
  -- waiting-list order (first come, first promoted)
  queued_at timestamptz not null,
  seq bigint generated always as identity,
  promoted_at timestamptz,
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  check (checked_in_at is null or status = 'registered')
);
create unique index event_registrations_live_idx on event_registrations (event_id, customer_id)
  where status <> 'cancelled';
create index event_registrations_waitlist_idx on event_registrations (event_id, queued_at, seq)
  where status = 'waitlisted';

-- The ideas board.
create table ideas (
  id uuid primary key default gen_random_uuid(),
  author_customer_id uuid not null references customers (id),
  title text not null check (length(title) between 3 and 200),
  body text not null check (length(body) between 1 and 4000),
  status text not null default 'proposed'
    check (status in ('proposed', 'under_study', 'planned', 'released', 'declined')),
  status_reason text,
  vote_count integer not null default 0 check (vote_count >= 0),
  hidden_at timestamptz,
  hidden_by_user_id uuid references users (id),
  hidden_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (status <> 'declined' or status_reason is not null)
);
create index ideas_created_idx on ideas (created_at desc, id desc);

create table idea_votes (
  idea_id uuid not null references ideas (id),
  customer_id uuid not null references customers (id),
  created_at timestamptz not null,
  primary key (idea_id, customer_id)
);

create table idea_comments (
  id uuid primary key default gen_random_uuid(),
  idea_id uuid not null references ideas (id),
  author_customer_id uuid references customers (id),
  author_user_id uuid references users (id),
  body text not null check (length(body) between 1 and 2000),
  hidden_at timestamptz,
  hidden_by_user_id uuid references users (id),
  created_at timestamptz not null,
  check ((author_customer_id is null) <> (author_user_id is null))
);
create index idea_comments_idea_idx on idea_comments (idea_id, created_at);

create table idea_status_changes (
  id bigint generated always as identity primary key,
  idea_id uuid not null references ideas (id),
  from_status text not null,
  to_status text not null,
  reason text,
  actor_user_id uuid not null references users (id),
  at timestamptz not null
);
create index idea_status_changes_idea_idx on idea_status_changes (idea_id, at);

create table abuse_reports (
  id uuid primary key default gen_random_uuid(),
  idea_id uuid not null references ideas (id),
  comment_id uuid references idea_comments (id),
  reporter_user_id uuid not null references users (id),
  reason text not null check (length(reason) between 1 and 1000),
  created_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by_user_id uuid references users (id),
  resolution text check (resolution is null or resolution in ('hidden', 'dismissed'))
);
create unique index abuse_reports_once_idx on abuse_reports (reporter_user_id, idea_id, coalesce(comment_id, idea_id));
create index abuse_reports_open_idx on abuse_reports (created_at) where resolved_at is null;

-- Community working groups ("à quoi ressembleront les communautés de demain ?").
create table working_groups (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  question text not null check (length(question) between 1 and 1000),
  created_by_user_id uuid not null references users (id),
  created_at timestamptz not null
);

create table working_group_members (
  group_id uuid not null references working_groups (id),
  customer_id uuid not null references customers (id),
  joined_at timestamptz not null,
  primary key (group_id, customer_id)
);

create table working_group_notes (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references working_groups (id),
  met_on date not null,
  notes text not null check (length(notes) between 1 and 8000),
  written_by_user_id uuid not null references users (id),
  created_at timestamptz not null
);
create index working_group_notes_group_idx on working_group_notes (group_id, met_on desc);
