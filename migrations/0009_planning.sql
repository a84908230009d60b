-- Planning workspace: queues and their targets, which sites serve them (seats, hours, cost,
-- shrinkage, contractual minimums), contact history per 15-minute interval, versioned what-if
-- scenarios, background jobs that compute them, their results, and weekly shift schedules.
-- Intervals are 15 minutes of Europe/Paris wall-clock time; instants are stored UTC.

create table planning_queues (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_fr text not null check (length(name_fr) between 1 and 100),
  name_en text not null check (length(name_en) between 1 and 100),
  -- e.g. 0.80 of calls answered within 20 seconds
  service_level_target numeric(4, 3) not null check (service_level_target > 0 and service_level_target <= 1),
  service_level_seconds integer not null check (service_level_seconds between 1 and 3600),
  aht_seconds integer not null check (aht_seconds between 10 and 7200),
  -- mean caller patience: switches staffing from Erlang C to Erlang A
  patience_seconds integer check (patience_seconds between 5 and 3600),
  -- staffing order when sites share seats: lower first
  priority integer not null default 100,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Planning settings of a call-centre site (in-house or vendor), one row per site.
create table planning_sites (
  site_id uuid primary key references sites (id),
  -- cost of one productive hour on the phones, in euros
  cost_per_productive_hour numeric(8, 2) not null check (cost_per_productive_hour >= 0),
  -- share of paid time off the phones (breaks, training, absence)
  shrinkage numeric(4, 3) not null check (shrinkage >= 0 and shrinkage < 1),
  -- opening hours in Paris time, minutes after midnight; weekdays 1 (Monday) .. 7 (Sunday)
  opens_minute integer not null check (opens_minute between 0 and 1440 and opens_minute % 15 = 0),
  closes_minute integer not null check (closes_minute between 0 and 1440 and closes_minute % 15 = 0),
  open_weekdays text not null default '123456' check (open_weekdays ~ '^[1-7]{1,7}$'),
  languages text not null default 'fr',
  updated_at timestamptz not null default now(),
  check (opens_minute < closes_minute)
);

-- Which sites serve which queues, with the seats dedicated to the queue and the contract's minimum.
create table planning_site_queues (
  site_id uuid not null references planning_sites (site_id),
  queue_id uuid not null references planning_queues (id),
  seats integer not null check (seats >= 0),
  -- contractual minimum calls per opening hour (vendors), 0 for none
  minimum_calls_per_hour numeric(8, 2) not null default 0 check (minimum_calls_per_hour >= 0),
  -- a site's own handle time on this queue when it differs from the queue's
  aht_seconds integer check (aht_seconds between 10 and 7200),
  primary key (site_id, queue_id)
);
create index planning_site_queues_queue_idx on planning_site_queues (queue_id);

create table planning_imports (
  id uuid primary key default gen_random_uuid(),
  file_name text not null,
  rows integer not null,
  imported_by_user_id uuid references users (id),
  created_at timestamptz not null default now()
);

-- Contact history per queue and 15-minute interval; per site when the source knows it.
-- A year is over 100,000 rows: no foreign keys here (their per-row checks would triple the
-- time of an import and of the first start); the import validates every queue and site code
-- first, and queues and sites are never deleted.
create table planning_history (
  queue_id uuid not null,
  site_id uuid,
  interval_start timestamptz not null,
  offered integer not null check (offered >= 0),
  answered integer not null check (answered >= 0),
  abandoned integer not null check (abandoned >= 0),
  -- answered within the queue's service-level threshold, when the source reports it
  answered_in_sl integer check (answered_in_sl >= 0),
  aht_seconds real not null check (aht_seconds >= 0),
  import_id uuid,
  check (answered + abandoned <= offered),
  check (answered_in_sl is null or answered_in_sl <= answered)
);
create unique index planning_history_queue_idx on planning_history (queue_id, interval_start) where site_id is null;
create unique index planning_history_site_idx on planning_history (queue_id, site_id, interval_start)
  where site_id is not null;

create table planning_scenarios (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 120),
  current_version integer not null default 1,
  -- the plan of record: achieved figures are compared with it
  is_reference boolean not null default false,
  created_by_user_id uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index planning_scenarios_reference_idx on planning_scenarios (is_reference) where is_reference;

-- Every edit of a scenario is a new version; old versions and their results stay readable.
create table planning_scenario_versions (
  scenario_id uuid not null references planning_scenarios (id),
  version integer not null check (version >= 1),
  name text not null,
  definition jsonb not null,
  created_by_user_id uuid references users (id),
  created_at timestamptz not null default now(),
  primary key (scenario_id, version)
);

-- Long computations (scenario results, schedules), run in worker threads and polled.
create table planning_jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('scenario', 'schedule')),
  scenario_id uuid not null references planning_scenarios (id),
  version integer not null,
  -- schedule jobs: the site and the week
  site_id uuid references sites (id),
  week_start date,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress real not null default 0 check (progress >= 0 and progress <= 1),
  error text,
  created_by_user_id uuid references users (id),
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index planning_jobs_scenario_idx on planning_jobs (scenario_id, version);

-- A computed scenario version: one row per (site, queue) with per-interval series. The series
-- are json, not jsonb: written and read whole, never queried inside, and a year of them is
-- several MB that jsonb would parse and re-encode for nothing.
create table planning_results (
  scenario_id uuid not null,
  version integer not null,
  site_id uuid not null references sites (id),
  queue_id uuid not null references planning_queues (id),
  -- first local day of the horizon and the number of 15-minute intervals (96 a day)
  start_date date not null,
  intervals integer not null,
  -- per interval: calls placed on this site, productive agents, agents to schedule (shrinkage)
  calls json not null,
  agents json not null,
  scheduled json not null,
  cost numeric(14, 2) not null,
  primary key (scenario_id, version, site_id, queue_id),
  foreign key (scenario_id, version) references planning_scenario_versions (scenario_id, version)
);

-- Per queue: the volume, pooled staffing and what no site could take.
create table planning_result_queues (
  scenario_id uuid not null,
  version integer not null,
  queue_id uuid not null references planning_queues (id),
  calls json not null,
  pooled_agents json not null,
  unallocated json not null,
  primary key (scenario_id, version, queue_id),
  foreign key (scenario_id, version) references planning_scenario_versions (scenario_id, version)
);

create table planning_schedules (
  id uuid primary key default gen_random_uuid(),
  scenario_id uuid not null,
  version integer not null,
  site_id uuid not null references sites (id),
  week_start date not null,
  method text not null,
  -- tours: [{ shift, start, lengthIntervals, daysOff, count, lunchOffsets }]
  tours jsonb not null,
  required jsonb not null,
  coverage jsonb not null,
  agents integer not null,
  created_by_user_id uuid references users (id),
  created_at timestamptz not null default now(),
  foreign key (scenario_id, version) references planning_scenario_versions (scenario_id, version)
);
create index planning_schedules_scenario_idx on planning_schedules (scenario_id, version, site_id, week_start);
