/**
 * Workforce-management benchmark: `npx tsx bench/wfm.ts` prints a table;
 * runWfmBench() returns the figures for the project-wide bench runner.
 *
 * Each figure is measured in the same run as its baseline, so ratios are
 * comparable on whatever machine runs it. The baseline is the textbook method
 * (a^N/N! Erlang C, staffing by counting up from one agent).
 */

import { pathToFileURL } from 'node:url';
import { naiveStaffing } from '../src/wfm/naive.js';
import { requiredAgentsSeries } from '../src/wfm/staffing.js';
import { scheduleShifts, type ShiftTemplate, shiftTemplates } from '../src/wfm/scheduling.js';
import { simulateReplications } from '../src/wfm/replications.js';
import { simulate } from '../src/wfm/simulation.js';
import { scheduleTours } from '../src/wfm/tourSchedule.js';
import { tourShifts } from '../src/wfm/tours.js';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const AHT = 180;
const INTERVAL = 900;
const TARGET = { target: 0.8, thresholdSeconds: 20 };

/** Calls per interval jittered +-10% around a traffic level, so no two intervals are identical. */
function callsAround(traffic: number, count: number): Float64Array {
  const calls = new Float64Array(count);
  for (let i = 0; i < count; i++) calls[i] = ((traffic * INTERVAL) / AHT) * (0.9 + (0.2 * ((i * 7919) % 1000)) / 1000);
  return calls;
}

/** Intervals per second of our staffing, time-boxed. */
function ourThroughput(traffic: number, patienceSeconds?: number): number {
  const options =
    patienceSeconds === undefined
      ? { targets: { serviceLevel: TARGET } }
      : { targets: { serviceLevel: TARGET, maxAbandonment: 0.05 }, patienceSeconds };
  const batch = callsAround(traffic, 256);
  requiredAgentsSeries(batch.subarray(0, 16), INTERVAL, AHT, options); // warm-up
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    requiredAgentsSeries(batch, INTERVAL, AHT, options);
    done += batch.length;
  }
  return done / ((performance.now() - start) / 1000);
}

/** Intervals per second of the textbook method, time-boxed; also whether it produced answers. */
function naiveThroughput(traffic: number): { perSecond: number; answered: boolean; finished: boolean } {
  const batch = callsAround(traffic, 64);
  const budgetMs = 1500;
  const start = performance.now();
  const deadline = start + budgetMs;
  let done = 0;
  let answered = true;
  let finished = true;
  for (let i = 0; performance.now() < deadline; i = (i + 1) % batch.length) {
    const a = ((batch[i] as number) * AHT) / INTERVAL;
    const result = naiveStaffing(a, AHT, TARGET.thresholdSeconds, TARGET.target, Math.ceil(2 * a + 50), deadline);
    if (performance.now() >= deadline && result === undefined) {
      finished = false;
      break;
    }
    if (result === undefined) answered = false;
    done++;
  }
  const elapsed = (performance.now() - start) / 1000;
  // If not even one interval finished, the best that can be said is "< 1 per budget".
  return { perSecond: done > 0 ? done / elapsed : 1 / elapsed, answered, finished: finished || done > 0 };
}

function simulationThroughput(): number {
  const intervals = 4000;
  const input = {
    intervalSeconds: INTERVAL,
    ahtSeconds: AHT,
    thresholdSeconds: 20,
    patienceSeconds: 120,
    seed: 42,
    callsPerInterval: new Float64Array(intervals).fill((200 * INTERVAL) / AHT),
    agentsPerInterval: new Float64Array(intervals).fill(205),
  };
  simulate({
    ...input,
    callsPerInterval: input.callsPerInterval.subarray(0, 200),
    agentsPerInterval: input.agentsPerInterval.subarray(0, 200),
  });
  const start = performance.now();
  const result = simulate(input);
  return result.totals.offered / ((performance.now() - start) / 1000);
}

/** A week of 15-minute intervals staffed from a 7-22h demand curve, 8 h and 4 h shift templates. */
async function schedulingWeek(): Promise<BenchFigure[]> {
  const horizon = 7 * 96;
  const required = Array.from({ length: horizon }, (_, t) => {
    const hour = (t % 96) / 4;
    return hour >= 7 && hour < 22 ? Math.round(40 + 30 * Math.sin((Math.PI * (hour - 7)) / 15)) : 0;
  });
  const templates: ShiftTemplate[] = [];
  for (let d = 0; d < 7; d++) {
    const day = d * 96;
    templates.push(
      ...shiftTemplates({
        horizonIntervals: horizon,
        lengthIntervals: 34,
        breakOffsets: [16, 17],
        firstStart: day + 28,
        lastStart: day + 56,
        startEvery: 2,
        cost: 200,
        namePrefix: `d${d}-8h`,
      }),
      ...shiftTemplates({
        horizonIntervals: horizon,
        lengthIntervals: 16,
        breakOffsets: [8],
        firstStart: day + 28,
        lastStart: day + 72,
        startEvery: 2,
        cost: 110,
        namePrefix: `d${d}-4h`,
      }),
    );
  }
  const result = await scheduleShifts({
    requiredAgents: required,
    templates,
    underCoveragePenalty: 60,
    timeLimitSeconds: 60,
  });
  return [
    {
      name: 'scheduling instance',
      value: templates.length,
      unit: 'integer shift variables',
      note: `${result.size.coverageConstraints} coverage rows, 672 intervals`,
    },
    {
      name: 'scheduling solve',
      value: Number(result.solveSeconds.toFixed(3)),
      unit: 's',
      note: `HiGHS ${result.method}, ${result.uncovered.length} intervals short`,
    },
  ];
}

/**
 * Independent replications (10 days of 15-min intervals, Erlang A): in the calling thread, then with 1 and 2
 * worker threads, pool start-up included. The speed-up is bounded by the free cores of the machine.
 */
async function replicationThroughput(): Promise<BenchFigure[]> {
  const intervals = 960;
  const input = {
    intervalSeconds: INTERVAL,
    ahtSeconds: AHT,
    thresholdSeconds: 20,
    patienceSeconds: 120,
    seed: 42,
    callsPerInterval: new Float64Array(intervals).fill((200 * INTERVAL) / AHT),
    agentsPerInterval: new Float64Array(intervals).fill(205),
  };
  const replications = 16;
  const figures: BenchFigure[] = [];
  for (const threads of [0, 1, 2]) {
    const start = performance.now();
    const result = await simulateReplications(input, { replications, threads });
    const seconds = (performance.now() - start) / 1000;
    const calls = result.replications.reduce((n, r) => n + r.totals.offered, 0);
    figures.push({
      name:
        threads === 0
          ? 'replications, calling thread'
          : `replications, ${threads} worker thread${threads > 1 ? 's' : ''}`,
      value: Math.round(calls / seconds),
      unit: 'calls/s',
      note: `${replications} x 960 intervals, ${(replications / seconds).toFixed(1)} replications/s, worker start-up included`,
    });
  }
  return figures;
}

/** A week of 15-minute intervals as 5-day tours: 8.5 h shifts, lunch window, consecutive or any two days off. */
async function toursWeek(daysOff: 'consecutive' | 'any'): Promise<BenchFigure[]> {
  const required = Array.from({ length: 7 * 96 }, (_, t) => {
    const hour = (t % 96) / 4;
    const weekend = t >= 5 * 96 ? 0.6 : 1;
    return hour >= 7 && hour < 22 ? Math.round(weekend * (40 + 30 * Math.sin((Math.PI * (hour - 7)) / 15))) : 0;
  });
  const shifts = tourShifts({
    namePrefix: '8h30',
    firstStart: 28,
    lastStart: 54,
    startEvery: 2,
    lengthIntervals: 34,
    breakOffsets: [8, 26],
    lunch: { earliestOffset: 14, latestOffset: 20, lengthIntervals: 2 },
    costPerDay: 200,
  });
  const result = await scheduleTours({
    intervalsPerDay: 96,
    requiredAgents: required,
    shifts,
    daysOff,
    underCoveragePenalty: 60,
    timeLimitSeconds: 60,
    mipGap: 0.005,
  });
  return [
    {
      name: `tours instance (${daysOff})`,
      value: result.size.tourVariables + result.size.lunchVariables,
      unit: 'integer variables',
      note: `${result.size.tourVariables} tours + ${result.size.lunchVariables} lunch, ${result.size.coverageConstraints} coverage rows`,
    },
    {
      name: `tours solve (${daysOff})`,
      value: Number(result.solveSeconds.toFixed(3)),
      unit: 's',
      note: `HiGHS ${result.method} (gap 0.5 %), ${result.agents.length} agents, ${result.uncovered.length} intervals short`,
    },
  ];
}

export async function runWfmBench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const traffic of [10, 100, 1000, 100_000]) {
    const ours = ourThroughput(traffic);
    const naive = naiveThroughput(traffic);
    const label = traffic.toLocaleString('en-US');
    figures.push({ name: `staffing Erlang C @ ${label} Erl`, value: Math.round(ours), unit: 'intervals/s' });
    const naiveNote = !naive.finished
      ? 'did not finish one interval in the 1.5 s budget (value is an upper bound)'
      : naive.answered
        ? 'textbook a^N/N!, linear search from 1'
        : 'textbook formula overflows to NaN: no answer at all';
    figures.push({
      name: `staffing textbook @ ${label} Erl`,
      value: Number(naive.perSecond.toPrecision(3)),
      unit: 'intervals/s',
      note: naiveNote,
    });
    figures.push({
      name: `speed-up @ ${label} Erl`,
      value: Number((ours / naive.perSecond).toPrecision(3)),
      unit: 'x',
      ...(naive.answered && naive.finished
        ? {}
        : {
            note: naive.finished
              ? 'baseline gives no usable answer at this size'
              : 'lower bound: baseline unfinished and gives no usable answer',
          }),
    });
  }
  for (const traffic of [10, 1000, 100_000]) {
    figures.push({
      name: `staffing Erlang A @ ${traffic.toLocaleString('en-US')} Erl`,
      value: Math.round(ourThroughput(traffic, 120)),
      unit: 'intervals/s',
      note: 'SL 80/20 + abandonment <= 5%, patience 120 s',
    });
  }
  figures.push({
    name: 'simulation',
    value: Math.round(simulationThroughput()),
    unit: 'calls/s',
    note: 'Erlang A, 205 agents, 1 core',
  });
  figures.push(...(await replicationThroughput()));
  figures.push(...(await schedulingWeek()));
  figures.push(...(await toursWeek('consecutive')));
  figures.push(...(await toursWeek('any')));
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runWfmBench();
  console.table(figures.map((f) => ({ name: f.name, value: f.value, unit: f.unit, note: f.note ?? '' })));
}
