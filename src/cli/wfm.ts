/** `suivi wfm …`: the workforce engine from the command line, for planners and scripts. */
import type { Command } from 'commander';
import { erlangAMetrics, erlangCMetrics, requiredAgents } from '../wfm/index.js';
import { CliError } from './database.js';
import { registerWfmFileCommands } from './wfm-files.js';
import { asCliError } from './wfm-errors.js';

function number(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new CliError(`--${flag} must be a number, got "${raw}"`);
  return value;
}

function required(flag: string, raw: string | undefined): number {
  const value = number(flag, raw);
  if (value === undefined) throw new CliError(`--${flag} is required`);
  return value;
}

function print(result: Record<string, unknown>, json: boolean | undefined) {
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const width = Math.max(...Object.keys(result).map((key) => key.length));
  for (const [key, value] of Object.entries(result)) {
    const shown = typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(6)) : value;
    console.log(`${key.padEnd(width)}  ${Array.isArray(shown) ? shown.join(', ') : String(shown)}`);
  }
}

interface LoadFlags {
  calls?: string;
  interval?: string;
  aht?: string;
  threshold?: string;
  patience?: string;
  json?: boolean;
}

export function registerWfmCommands(program: Command): void {
  const wfm = program
    .command('wfm')
    .description('workforce management: staffing, queue metrics, forecasts, simulation, shifts');
  registerWfmFileCommands(wfm);

  wfm
    .command('staff')
    .description('smallest agent count meeting every target given (Erlang C, or Erlang A with --patience)')
    .requiredOption('--calls <n>', 'calls offered in the interval')
    .option('--interval <seconds>', 'interval length', '900')
    .requiredOption('--aht <seconds>', 'average handle time')
    .option('--target <fraction>', 'service-level target, e.g. 0.8')
    .option('--threshold <seconds>', 'service-level threshold', '20')
    .option('--max-asa <seconds>', 'cap on the average speed of answer')
    .option('--max-abandonment <fraction>', 'cap on abandonment (needs --patience)')
    .option('--max-occupancy <fraction>', 'cap on occupancy, e.g. 0.85')
    .option('--patience <seconds>', 'mean caller patience: switches to Erlang A')
    .option('--shrinkage <fraction>', 'share of paid time off the phones, e.g. 0.3', '0')
    .option('--json', 'print JSON')
    .action(
      (
        flags: LoadFlags & {
          target?: string;
          maxAsa?: string;
          maxAbandonment?: string;
          maxOccupancy?: string;
          shrinkage: string;
        },
      ) => {
        const load = {
          callsOffered: required('calls', flags.calls),
          intervalSeconds: required('interval', flags.interval),
          ahtSeconds: required('aht', flags.aht),
        };
        const thresholdSeconds = required('threshold', flags.threshold);
        const target = number('target', flags.target);
        const patienceSeconds = number('patience', flags.patience);
        try {
          const result = requiredAgents(load, {
            targets: {
              serviceLevel: target === undefined ? undefined : { target, thresholdSeconds },
              maxAsaSeconds: number('max-asa', flags.maxAsa),
              maxAbandonment: number('max-abandonment', flags.maxAbandonment),
              maxOccupancy: number('max-occupancy', flags.maxOccupancy),
            },
            patienceSeconds,
            shrinkage: required('shrinkage', flags.shrinkage),
          });
          const atAgents =
            patienceSeconds === undefined
              ? erlangCMetrics({ ...load, agents: result.agents, thresholdSeconds })
              : erlangAMetrics({ ...load, agents: result.agents, thresholdSeconds, patienceSeconds });
          print(
            {
              model: patienceSeconds === undefined ? 'erlang-c' : 'erlang-a',
              ...result,
              probabilityOfWaiting: atAgents.probabilityOfWaiting,
            },
            flags.json,
          );
        } catch (error) {
          asCliError(error);
        }
      },
    );

  wfm
    .command('evaluate')
    .description('queue metrics for a fixed number of agents')
    .option('--model <model>', 'erlang-c or erlang-a', 'erlang-c')
    .requiredOption('--calls <n>', 'calls offered in the interval')
    .option('--interval <seconds>', 'interval length', '900')
    .requiredOption('--aht <seconds>', 'average handle time')
    .requiredOption('--agents <n>', 'agents on the phones')
    .option('--threshold <seconds>', 'service-level threshold', '20')
    .option('--patience <seconds>', 'mean caller patience (erlang-a)')
    .option('--json', 'print JSON')
    .action((flags: LoadFlags & { model: string; agents: string }) => {
      if (flags.model !== 'erlang-c' && flags.model !== 'erlang-a')
        throw new CliError('--model must be erlang-c or erlang-a');
      const input = {
        callsOffered: required('calls', flags.calls),
        intervalSeconds: required('interval', flags.interval),
        ahtSeconds: required('aht', flags.aht),
        agents: required('agents', flags.agents),
        thresholdSeconds: required('threshold', flags.threshold),
      };
      try {
        if (flags.model === 'erlang-c') {
          print({ model: 'erlang-c', ...erlangCMetrics(input) }, flags.json);
        } else {
          const metrics = erlangAMetrics({ ...input, patienceSeconds: required('patience', flags.patience) });
          print({ model: 'erlang-a', ...metrics, probabilityOfAbandon: metrics.probabilityOfAbandonment }, flags.json);
        }
      } catch (error) {
        asCliError(error);
      }
    });
}
