/** `suivi wfm forecast|simulate|schedule`: the engine on files (CSV or JSON in, CSV or JSON out). */
import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  type DailySeries,
  type ScheduleInput,
  type ShiftPattern,
  type SimulationInput,
  backtest,
  fitHoltWinters,
  forecastDaily,
  scheduleShifts,
  shiftTemplates,
  simulate,
  simulateReplications,
} from '../wfm/index.js';
import { CliError } from './database.js';
import { asCliError } from './wfm-errors.js';

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`cannot read ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** History as CSV (`date,contacts` per line, a header allowed) or JSON `{startDate, values}`. */
export function readDailyHistory(path: string): DailySeries {
  if (path.endsWith('.json')) return readJson(path) as DailySeries;
  const rows = readFileSync(path, 'utf8').split(/\r?\n/);
  const values: number[] = [];
  let startDate = '';
  let previous: number | null = null;
  rows.forEach((line, index) => {
    if (line.trim() === '' || (index === 0 && /[a-z]/i.test(line.split(',')[1] ?? ''))) return;
    const [date, raw] = line.split(',').map((cell) => cell.trim());
    const value = Number(raw);
    const day = Date.parse(`${date}T00:00:00Z`);
    if (!date || Number.isNaN(day)) throw new CliError(`${path}:${index + 1}: "${date}" is not a date (YYYY-MM-DD)`);
    if (raw === undefined || raw === '' || !Number.isFinite(value) || value < 0) {
      throw new CliError(`${path}:${index + 1}: "${raw ?? ''}" is not a number of contacts`);
    }
    if (previous !== null && day - previous !== 86_400_000)
      throw new CliError(`${path}:${index + 1}: dates must be consecutive days`);
    if (!startDate) startDate = date;
    previous = day;
    values.push(value);
  });
  if (values.length === 0) throw new CliError(`${path} has no rows`);
  return { startDate, values };
}

function output(path: string | undefined, text: string) {
  if (path) writeFileSync(path, text);
  else process.stdout.write(text);
}

const isoDay = (startDate: string, offset: number) =>
  new Date(Date.parse(`${startDate}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

export function registerWfmFileCommands(wfm: Command): void {
  wfm
    .command('forecast')
    .description('forecast daily contacts (Holt-Winters, weekly and yearly seasonality) from a history file')
    .requiredOption('--history <file>', 'CSV "date,contacts" or JSON {startDate, values}')
    .option('--days <n>', 'days to forecast', '28')
    .option('--holdout <n>', 'also backtest on the last N days and report WAPE')
    .option('--out <file>', 'write there instead of the terminal')
    .option('--json', 'JSON instead of CSV')
    .action((flags: { history: string; days: string; holdout?: string; out?: string; json?: boolean }) => {
      const history = readDailyHistory(flags.history);
      const days = Number(flags.days);
      if (!Number.isInteger(days) || days < 1) throw new CliError('--days must be a whole number ≥ 1');
      try {
        const scored = flags.holdout ? backtest(history, Number(flags.holdout)) : null;
        const forecast = forecastDaily(fitHoltWinters(history), days);
        const rows = Array.from(forecast.values, (value, offset) => ({
          date: isoDay(forecast.startDate, offset),
          contacts: Math.round(value * 10) / 10,
        }));
        if (scored)
          console.error(`backtest WAPE over the last ${flags.holdout} days: ${(scored.wape * 100).toFixed(1)} %`);
        output(
          flags.out,
          flags.json
            ? `${JSON.stringify({ wape: scored?.wape ?? null, forecast: rows }, null, 2)}\n`
            : `date,contacts\n${rows.map((row) => `${row.date},${row.contacts}`).join('\n')}\n`,
        );
      } catch (error) {
        asCliError(error);
      }
    });

  wfm
    .command('simulate')
    .description(
      'simulate a day of calls (JSON: intervalSeconds, callsPerInterval, agentsPerInterval, ahtSeconds, thresholdSeconds, patienceSeconds?, seed)',
    )
    .requiredOption('--input <file>', 'simulation input as JSON')
    .option('--replications <n>', 'independent replications in worker threads: prints means with 95 % intervals')
    .option('--threads <n>', 'worker threads for replications (default: one per core)')
    .option('--out <file>', 'write there instead of the terminal')
    .option('--json', 'JSON instead of CSV')
    .action(async (flags: { input: string; replications?: string; threads?: string; out?: string; json?: boolean }) => {
      try {
        const input = readJson(flags.input) as SimulationInput;
        if (flags.replications !== undefined) {
          const replications = Number(flags.replications);
          const bar = process.stderr.isTTY
            ? new SingleBar({ format: 'Simulating |{bar}| {value}/{total} replications' })
            : null;
          bar?.start(replications, 0);
          const result = await simulateReplications(input, {
            replications,
            threads: flags.threads === undefined ? undefined : Number(flags.threads),
            onProgress: (done) => bar?.update(done),
          });
          bar?.stop();
          output(flags.out, `${JSON.stringify({ threads: result.threads, summary: result.summary }, null, 2)}\n`);
          return;
        }
        const result = simulate(input);
        const rows = Array.from(result.offered, (offered, interval) => ({
          interval,
          offered,
          answered: result.answered[interval] ?? 0,
          serviceLevel: offered ? (result.answeredWithinThreshold[interval] ?? 0) / offered : null,
          abandoned: result.abandoned[interval] ?? 0,
          asaSeconds: result.answered[interval]
            ? (result.waitSecondsAnswered[interval] ?? 0) / (result.answered[interval] ?? 1)
            : null,
        }));
        output(
          flags.out,
          flags.json
            ? `${JSON.stringify({ totals: result.totals, intervals: rows }, null, 2)}\n`
            : `interval,offered,answered,serviceLevel,abandoned,asaSeconds\n${rows.map((r) => [r.interval, r.offered, r.answered, r.serviceLevel ?? '', r.abandoned, r.asaSeconds ?? ''].join(',')).join('\n')}\n`,
        );
      } catch (error) {
        asCliError(error);
      }
    });

  wfm
    .command('schedule')
    .description(
      'build shifts covering a requirement (JSON: requiredAgents, pattern or templates, underCoveragePenalty, maxAgents?)',
    )
    .requiredOption('--input <file>', 'schedule input as JSON')
    .option('--out <file>', 'write there instead of the terminal')
    .option('--json', 'JSON instead of CSV')
    .action(async (flags: { input: string; out?: string; json?: boolean }) => {
      const input = readJson(flags.input) as Omit<ScheduleInput, 'templates'> & {
        templates?: ScheduleInput['templates'];
        pattern?: ShiftPattern;
      };
      try {
        const templates = input.templates ?? (input.pattern ? shiftTemplates(input.pattern) : null);
        if (!templates) throw new CliError(`${flags.input}: give "templates" or "pattern"`);
        const result = await scheduleShifts({ ...input, templates });
        console.error(
          `${result.method}: ${result.shifts.reduce((sum, shift) => sum + shift.count, 0)} shifts, ${result.uncovered.length} intervals short, solved in ${result.solveSeconds.toFixed(2)} s`,
        );
        output(
          flags.out,
          flags.json
            ? `${JSON.stringify({ ...result, coverage: Array.from(result.coverage) }, null, 2)}\n`
            : `shift,count\n${result.shifts.map((shift) => `${shift.name},${shift.count}`).join('\n')}\n`,
        );
      } catch (error) {
        asCliError(error);
      }
    });
}
