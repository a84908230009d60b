/**
 * Piscina worker for planning jobs: a scenario's result or a site's week of shifts, off the
 * server's event loop. Progress goes back through the MessagePort handed in with the task.
 */
import type { MessagePort } from 'node:worker_threads';
import { type ComputeInput, type ComputeResult, computeScenario } from './compute.js';
import { type ScheduleSiteInput, type SiteSchedule, scheduleSiteWeek } from './schedule.js';

export type PlanningTask =
  | { kind: 'scenario'; input: ComputeInput; port?: MessagePort }
  | { kind: 'schedule'; input: ScheduleSiteInput; port?: MessagePort };

export type PlanningTaskResult = ComputeResult | SiteSchedule;

export default async function run(task: PlanningTask): Promise<PlanningTaskResult> {
  try {
    return await runTask(task);
  } catch (error) {
    // Only plain errors cross the thread boundary cleanly.
    throw new Error(error instanceof Error ? error.message : String(error));
  } finally {
    task.port?.close();
  }
}

async function runTask(task: PlanningTask): Promise<PlanningTaskResult> {
  if (task.kind === 'schedule') {
    task.port?.postMessage(0.1);
    const schedule = await scheduleSiteWeek(task.input);
    task.port?.close();
    return schedule;
  }
  let last = 0;
  const result = computeScenario(task.input, (done, total) => {
    const progress = done / total;
    if (progress - last >= 0.01 || done === total) {
      last = progress;
      task.port?.postMessage(progress);
    }
  });
  task.port?.close();
  return result;
}
