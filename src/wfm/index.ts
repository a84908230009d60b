/**
 * Workforce-management engine: queueing maths, staffing, simulation,
 * forecasting, multi-site split and shift scheduling. Pure TypeScript, no I/O.
 */

export { dayNumber, isoDate, weekdayOf } from './calendar.js';
export { erlangB, erlangBParts, erlangC, type ErlangBParts } from './erlang.js';
export { erlangAMetricsRaw, type ErlangAMetrics } from './erlangA.js';
export {
  WfmInputError,
  requireCount,
  requireFinite,
  requireFraction,
  requireNonNegative,
  requireOpenUnit,
  requirePositive,
  requireUnitUpper,
} from './errors.js';
export {
  backtest,
  fitHoltWinters,
  forecastDaily,
  wape,
  type DailySeries,
  type DayOverride,
  type FitOptions,
  type HoltWintersModel,
  type SmoothingParameters,
} from './forecast.js';
export {
  distributeIntraday,
  intradayProfiles,
  type IntervalForecast,
  type IntradayDay,
  type WeekdayProfiles,
} from './intraday.js';
export { launchForecast, type LaunchForecast, type LaunchForecastInput, type TakeUpCurve } from './launch.js';
export {
  erlangAMetrics,
  erlangCMetrics,
  erlangCMetricsRaw,
  trafficErlangs,
  type ErlangAInput,
  type ErlangAIntervalMetrics,
  type ErlangCInput,
  type ErlangCMetrics,
  type IntervalLoad,
} from './metrics.js';
export { splitAcrossSites, type Site, type SiteAllocation, type SplitInput, type SplitResult } from './multisite.js';
export { naiveErlangC, naiveStaffing } from './naive.js';
export { SeededRandom } from './random.js';
export { type MeanWithInterval, meanWithInterval, studentT975 } from './confidence.js';
export {
  simulateReplications,
  type ReplicationMetrics,
  type ReplicationOptions,
  type ReplicationsResult,
} from './replications.js';
export {
  greedySchedule,
  scheduleShifts,
  scheduleToLp,
  shiftTemplates,
  type ScheduleInput,
  type ScheduleResult,
  type ShiftPattern,
  type ShiftTemplate,
} from './scheduling.js';
export { replicationSeed, type ReplicationTotals } from './simulation-worker.js';
export {
  handleTimeSampler,
  simulate,
  validateSimulationInput,
  type HandleTimeDistribution,
  type SimulationInput,
  type SimulationResult,
} from './simulation.js';
export { greedyTours, type RosteredAgent, scheduleTours, type TourScheduleResult } from './tourSchedule.js';
export {
  type DaysOffRule,
  prepareTours,
  type TourScheduleInput,
  type TourShift,
  toursToLp,
  tourShifts,
} from './tours.js';
export {
  requiredAgents,
  requiredAgentsSeries,
  scheduledWithShrinkage,
  type SeriesStaffing,
  type StaffingConstraint,
  type StaffingOptions,
  type StaffingResult,
  type StaffingTargets,
} from './staffing.js';
