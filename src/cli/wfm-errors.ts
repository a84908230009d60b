import { WfmInputError } from '../wfm/index.js';
import { CliError } from './database.js';

const flagOfParameter: Record<string, string> = {
  callsOffered: '--calls',
  intervalSeconds: '--interval',
  ahtSeconds: '--aht',
  agents: '--agents',
  thresholdSeconds: '--threshold',
  patienceSeconds: '--patience',
  shrinkage: '--shrinkage',
  'targets.serviceLevel.target': '--target',
  'targets.serviceLevel.thresholdSeconds': '--threshold',
  'targets.maxAsaSeconds': '--max-asa',
  'targets.maxAbandonment': '--max-abandonment',
  'targets.maxOccupancy': '--max-occupancy',
};

/** Library errors name the parameter; the CLI names the flag that fed it. */
export function asCliError(error: unknown): never {
  if (error instanceof WfmInputError) {
    const flag = flagOfParameter[error.parameter] ?? error.parameter;
    throw new CliError(error.message.replace(`${error.parameter}:`, `${flag}:`));
  }
  throw error;
}
