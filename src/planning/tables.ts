import type { Generated, JSONColumnType } from 'kysely';

export interface PlanningQueuesTable {
  id: Generated<string>;
  code: string;
  name_fr: string;
  name_en: string;
  /** numeric: returned as a string. */
  service_level_target: string | number;
  service_level_seconds: number;
  aht_seconds: number;
  patience_seconds: number | null;
  priority: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PlanningSitesTable {
  site_id: string;
  cost_per_productive_hour: string | number;
  shrinkage: string | number;
  opens_minute: number;
  closes_minute: number;
  open_weekdays: Generated<string>;
  languages: Generated<string>;
  updated_at: Generated<Date>;
}

export interface PlanningSiteQueuesTable {
  site_id: string;
  queue_id: string;
  seats: number;
  minimum_calls_per_hour: Generated<string | number>;
  aht_seconds: number | null;
}

export interface PlanningImportsTable {
  id: Generated<string>;
  file_name: string;
  rows: number;
  imported_by_user_id: string | null;
  created_at: Generated<Date>;
}

export interface PlanningHistoryTable {
  queue_id: string;
  site_id: string | null;
  interval_start: Date;
  offered: number;
  answered: number;
  abandoned: number;
  answered_in_sl: number | null;
  aht_seconds: number;
  import_id: string | null;
}

export interface PlanningScenariosTable {
  id: Generated<string>;
  name: string;
  current_version: Generated<number>;
  is_reference: Generated<boolean>;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PlanningScenarioVersionsTable {
  scenario_id: string;
  version: number;
  name: string;
  definition: JSONColumnType<Record<string, unknown>, string, string>;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface PlanningJobsTable {
  id: Generated<string>;
  kind: 'scenario' | 'schedule';
  scenario_id: string;
  version: number;
  site_id: string | null;
  week_start: string | null;
  status: Generated<JobStatus>;
  progress: Generated<number>;
  error: string | null;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

type NumberSeries = JSONColumnType<number[], string, string>;

export interface PlanningResultsTable {
  scenario_id: string;
  version: number;
  site_id: string;
  queue_id: string;
  start_date: string;
  intervals: number;
  calls: NumberSeries;
  agents: NumberSeries;
  scheduled: NumberSeries;
  cost: string | number;
}

export interface PlanningResultQueuesTable {
  scenario_id: string;
  version: number;
  queue_id: string;
  calls: NumberSeries;
  pooled_agents: NumberSeries;
  unallocated: NumberSeries;
}

export interface ScheduledTour {
  shift: string;
  /** Start in intervals after local midnight, and length (breaks and lunch included). */
  start: number;
  lengthIntervals: number;
  daysOff: [number, number];
  count: number;
}

export interface PlanningSchedulesTable {
  id: Generated<string>;
  scenario_id: string;
  version: number;
  site_id: string;
  week_start: string;
  method: string;
  tours: JSONColumnType<ScheduledTour[], string, string>;
  required: NumberSeries;
  coverage: NumberSeries;
  agents: number;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
}
