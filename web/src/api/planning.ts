import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, withQuery } from './client';

export interface PlanningQueue {
  id: string;
  code: string;
  nameFr: string;
  nameEn: string;
  serviceLevelTarget: number;
  serviceLevelSeconds: number;
  ahtSeconds: number;
  patienceSeconds: number | null;
  priority: number;
  /** Sent back as `expectedUpdatedAt` on a save: a newer one on the server answers 409. */
  updatedAt: string;
}

export interface PlanningSite {
  id: string;
  code: string;
  name: string;
  kind: 'inhouse' | 'vendor';
  vendorName: string | null;
  country: string;
  seats: number;
  configured: boolean;
  costPerProductiveHour: number | null;
  shrinkage: number | null;
  opensAt: string | null;
  closesAt: string | null;
  openWeekdays: number[];
  languages: string[];
  queues: Array<{ queueId: string; seats: number; minimumCallsPerHour: number; ahtSeconds: number | null }>;
  /** When the planning settings were last saved (null: not planned yet). */
  updatedAt: string | null;
}

export interface ScenarioDefinition {
  startDate: string;
  weeks: number;
  useForecast: boolean;
  volumePercent: number;
  ahtPercent: number;
  queues: Array<{ queue: string; volumePercent: number; ahtPercent: number }>;
  launch: {
    startDate: string;
    newCustomers: number;
    takeUpDays: number;
    contactsPerNewCustomer: number;
    contactDecayDays: number;
    queueShares: Array<{ queue: string; share: number }>;
  } | null;
  sites: Array<{ site: string; seatsDelta: number; costPerProductiveHour?: number; closed: boolean }>;
  holidayFactor: number;
}

export interface PlanningJob {
  id: string;
  kind: 'scenario' | 'schedule';
  scenarioId: string;
  version: number;
  siteId: string | null;
  weekStart: string | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  error: string | null;
}

export interface ScenarioListItem {
  id: string;
  name: string;
  version: number;
  isReference: boolean;
  computed: boolean;
  updatedAt: string;
  createdBy: string | null;
}

export interface Scenario {
  id: string;
  name: string;
  version: number;
  currentVersion: number;
  isReference: boolean;
  definition: ScenarioDefinition;
  versions: Array<{ version: number; name: string; createdAt: string; createdBy: string | null }>;
  computed: boolean;
  job: PlanningJob | null;
}

export interface SiteSummary {
  siteId: string;
  code: string;
  name: string;
  kind: string;
  vendorName: string | null;
  calls: number;
  productiveHours: number;
  peakAgents: number;
  peakScheduled: number;
  cost: number;
  weekly: Array<{ weekStart: string; cost: number }>;
}

export interface ResultSummary {
  startDate: string;
  weeks: number;
  cost: number;
  costPerWeek: number;
  calls: number;
  unallocatedCalls: number;
  productiveHours: number;
  poolingLossHours: number;
  weekly: Array<{ weekStart: string; cost: number }>;
  sites: SiteSummary[];
  queues: Array<{
    queueId: string;
    code: string;
    calls: number;
    unallocatedCalls: number;
    productiveHours: number;
    pooledHours: number;
    poolingLossHours: number;
  }>;
}

export interface IntervalRow {
  start: string;
  sites: Record<string, { agents: number; scheduled: number; calls: number }>;
  calls: Record<string, number>;
  pooledAgents: number;
  unallocated: number;
}

export interface ScenarioResult {
  id: string;
  name: string;
  version: number;
  summary: ResultSummary;
  window: { from: string; days: number; intervals: IntervalRow[] };
  sites: Array<{ id: string; code: string; name: string; kind: string; vendorName: string | null }>;
  queues: PlanningQueue[];
}

export interface ScheduleListItem {
  id: string;
  version: number;
  siteId: string;
  siteCode: string;
  siteName: string;
  weekStart: string;
  method: string;
  agents: number;
}

export interface Schedule extends ScheduleListItem {
  scenarioId: string;
  tours: Array<{ shift: string; start: number; lengthIntervals: number; daysOff: [number, number]; count: number }>;
  required: number[];
  coverage: number[];
  gaps: number[];
  underStaffedIntervals: number;
  overStaffedIntervals: number;
  missingAgentIntervals: number;
}

export interface ForecastResponse {
  queue: { id: string; code: string };
  wape: number;
  holdoutDays: number;
  days: Array<{ date: string; actual: number | null; backtest: number | null; forecast: number | null }>;
}

export interface HistoryResponse {
  queues: Array<{
    queueId: string;
    firstDay: string | null;
    lastDay: string | null;
    intervals: number;
    offered: number;
  }>;
  imports: Array<{ id: string; fileName: string; rows: number; createdAt: string; importedBy: string | null }>;
}

export interface AchievedDay {
  date: string;
  plannedCalls: number | null;
  plannedProductiveHours: number | null;
  targetServiceLevel: number | null;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  abandonmentRate: number | null;
  ahtSeconds: number | null;
  caseContacts: number;
  missedTarget: boolean;
}

export interface AchievedSite {
  siteId: string;
  code: string;
  name: string;
  kind: string;
  vendorName: string | null;
  offered: number;
  plannedCalls: number | null;
  serviceLevel: number | null;
  abandonmentRate: number | null;
  missedDays: string[];
  days: AchievedDay[];
}

export interface AchievedResponse {
  plan: {
    scenarioId: string;
    name: string;
    version: number;
    status: 'computed' | 'computing';
    job?: PlanningJob;
  } | null;
  from: string;
  to: string;
  sites: AchievedSite[];
  vendors: Array<{ vendorName: string; offered: number; missedDays: string[] }>;
}

export interface Comparison {
  a: { id: string; name: string; version: number };
  b: { id: string; name: string; version: number };
  totals: Array<{ measure: string; a: number; b: number; difference: number }>;
  sites: Array<{
    siteId: string;
    code: string;
    name: string;
    a: { cost: number; calls: number; peakAgents: number } | null;
    b: { cost: number; calls: number; peakAgents: number } | null;
  }>;
}

export const usePlanningQueues = () =>
  useQuery({
    queryKey: ['planning', 'queues'],
    queryFn: ({ signal }) => apiRequest<{ items: PlanningQueue[] }>('/api/planning/queues', { signal }),
  });

export const usePlanningSites = () =>
  useQuery({
    queryKey: ['planning', 'sites'],
    queryFn: ({ signal }) => apiRequest<{ items: PlanningSite[] }>('/api/planning/sites', { signal }),
  });

export const useHistory = () =>
  useQuery({
    queryKey: ['planning', 'history'],
    queryFn: ({ signal }) => apiRequest<HistoryResponse>('/api/planning/history', { signal }),
  });

export const useForecast = (code: string | null) =>
  useQuery({
    queryKey: ['planning', 'forecast', code],
    enabled: code !== null,
    queryFn: ({ signal }) =>
      apiRequest<ForecastResponse>(`/api/planning/queues/${code}/forecast?holdoutDays=28&days=28`, { signal }),
  });

export const useScenarios = () =>
  useQuery({
    queryKey: ['planning', 'scenarios'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: ScenarioListItem[]; nextCursor: string | null }>('/api/planning/scenarios?limit=100', {
        signal,
      }),
  });

export const useScenario = (id: string) =>
  useQuery({
    queryKey: ['planning', 'scenario', id],
    queryFn: ({ signal }) => apiRequest<Scenario>(`/api/planning/scenarios/${id}`, { signal }),
  });

export const useScenarioResult = (id: string, enabled: boolean, from: string | null) =>
  useQuery({
    queryKey: ['planning', 'result', id, from],
    enabled,
    queryFn: ({ signal }) =>
      apiRequest<ScenarioResult>(withQuery(`/api/planning/scenarios/${id}/result`, { from, days: 1 }), { signal }),
  });

export const useSchedules = (scenarioId: string) =>
  useQuery({
    queryKey: ['planning', 'schedules', scenarioId],
    queryFn: ({ signal }) =>
      apiRequest<{ items: ScheduleListItem[] }>(`/api/planning/scenarios/${scenarioId}/schedules`, { signal }),
  });

export const useSchedule = (id: string) =>
  useQuery({
    queryKey: ['planning', 'schedule', id],
    queryFn: ({ signal }) => apiRequest<Schedule>(`/api/planning/schedules/${id}`, { signal }),
  });

export const useJob = (id: string | null) =>
  useQuery({
    queryKey: ['planning', 'job', id],
    enabled: id !== null,
    queryFn: ({ signal }) => apiRequest<PlanningJob>(`/api/planning/jobs/${id}`, { signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' || status === 'cancelled' ? false : 500;
    },
  });

export const useAchieved = (from: string | null, to: string | null) =>
  useQuery({
    queryKey: ['planning', 'achieved', from, to],
    queryFn: ({ signal }) =>
      apiRequest<AchievedResponse>(withQuery('/api/planning/achieved', { from, to }), { signal }),
    refetchInterval: (query) => (query.state.data?.plan?.status === 'computing' ? 1000 : false),
  });

export const useComparison = (a: string | null, b: string | null) =>
  useQuery({
    queryKey: ['planning', 'compare', a, b],
    enabled: a !== null && b !== null && a !== b,
    queryFn: ({ signal }) => apiRequest<Comparison>(withQuery('/api/planning/compare', { a, b }), { signal }),
  });

export const createScenario = (name: string, definition: ScenarioDefinition) =>
  apiRequest<{ id: string; version: number }>('/api/planning/scenarios', {
    method: 'POST',
    body: { name, definition },
  });

export const updateScenario = (id: string, expectedVersion: number, name: string, definition: ScenarioDefinition) =>
  apiRequest<{ id: string; version: number }>(`/api/planning/scenarios/${id}`, {
    method: 'PUT',
    body: { expectedVersion, name, definition },
  });

export const computeScenario = (id: string) =>
  apiRequest<PlanningJob>(`/api/planning/scenarios/${id}/compute`, { method: 'POST', body: {} });

export const cancelJob = (id: string) => apiRequest<PlanningJob>(`/api/planning/jobs/${id}`, { method: 'DELETE' });

export const generateSchedule = (scenarioId: string, site: string, weekStart: string) =>
  apiRequest<PlanningJob>(`/api/planning/scenarios/${scenarioId}/schedules`, {
    method: 'POST',
    body: { site, weekStart },
  });

export const importHistory = (file: File) =>
  apiRequest<{ id: string; rows: number }>(withQuery('/api/planning/history', { fileName: file.name }), {
    method: 'POST',
    body: new Blob([file], { type: 'text/csv' }),
  });

/** PUT /api/planning/queues/:code body. */
export interface QueueSettings {
  code: string;
  nameFr: string;
  nameEn: string;
  serviceLevelTarget: number;
  serviceLevelSeconds: number;
  ahtSeconds: number;
  patienceSeconds: number | null;
  priority: number;
  expectedUpdatedAt: string;
}

/** PUT /api/planning/sites/:code body. */
export interface SiteSettings {
  seats: number;
  costPerProductiveHour: number;
  shrinkage: number;
  opensAt: string;
  closesAt: string;
  openWeekdays: number[];
  languages: string[];
  queues: Array<{ queue: string; seats: number; minimumCallsPerHour: number; ahtSeconds: number | null }>;
  expectedUpdatedAt: string | null;
}

/**
 * Saves a queue. `onSaved` runs in the hook's own onSuccess, before the lists are refetched, so the
 * confirmation is shown even though the refetch closes the form.
 */
export function useSaveQueue(onSaved: (queue: PlanningQueue) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: QueueSettings) =>
      apiRequest<PlanningQueue>(`/api/planning/queues/${encodeURIComponent(body.code)}`, { method: 'PUT', body }),
    onSuccess: (queue) => {
      onSaved(queue);
      return client.invalidateQueries({ queryKey: ['planning'] });
    },
  });
}

/** Saves a site's planning settings; `onSaved` as for useSaveQueue. */
export function useSaveSiteSettings(onSaved: (site: PlanningSite) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: SiteSettings }) =>
      apiRequest<PlanningSite>(`/api/planning/sites/${encodeURIComponent(code)}`, { method: 'PUT', body }),
    onSuccess: (site) => {
      onSaved(site);
      return client.invalidateQueries({ queryKey: ['planning'] });
    },
  });
}
