/**
 * Background planning jobs: a row in planning_jobs (status, progress) that the UI polls, and
 * the computation in a piscina worker thread so the server keeps answering. Cancelling sets
 * the row to 'cancelled' and aborts the worker task; a job whose row was cancelled (by any
 * server) stops at its next progress report, and its result is never written.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/schema.js';
import { getJob, updateJob } from './queries.js';
import type { PlanningTask, PlanningTaskResult } from './worker.js';

function workerSetup(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  const typescript = here.endsWith('.ts');
  const filename = new URL(typescript ? './worker.ts' : './worker.js', here).href;
  const execArgv = [...process.execArgv];
  if (typescript && !execArgv.some((arg) => arg.includes('tsx'))) {
    execArgv.push('--import', pathToFileURL(createRequire(here).resolve('tsx')).href);
  }
  return { filename, execArgv };
}

type Task = Omit<PlanningTask, 'port'>;

export class PlanningJobs {
  private pool: Piscina<PlanningTask, PlanningTaskResult> | null = null;
  private readonly running = new Map<string, AbortController>();
  private readonly settled = new Set<Promise<void>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly threads = 2,
  ) {}

  private workers(): Piscina<PlanningTask, PlanningTaskResult> {
    this.pool ??= new Piscina<PlanningTask, PlanningTaskResult>({
      ...workerSetup(),
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: 60_000,
    });
    return this.pool;
  }

  /**
   * Runs `task` for job `jobId` in a worker; `save` writes the result (in the server thread)
   * unless the job was cancelled meanwhile. Returns at once; `whenSettled` waits for it.
   */
  start<R extends PlanningTaskResult>(jobId: string, task: Task, save: (result: R) => Promise<void>): void {
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const done = this.run(jobId, task, save, controller).finally(() => {
      this.running.delete(jobId);
      this.settled.delete(done);
    });
    this.settled.add(done);
  }

  private async run<R extends PlanningTaskResult>(
    jobId: string,
    task: Task,
    save: (result: R) => Promise<void>,
    controller: AbortController,
  ): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    let lastWrite = 0;
    let writing: Promise<unknown> = Promise.resolve();
    port1.on('message', (progress: number) => {
      const now = Date.now();
      if (now - lastWrite < 200 && progress < 1) return;
      lastWrite = now;
      writing = writing.then(async () => {
        const stillRunning = await updateJob(this.db, jobId, { progress: Math.min(0.99, progress) });
        if (!stillRunning) controller.abort(); // cancelled elsewhere
      });
    });
    try {
      if (!(await updateJob(this.db, jobId, { status: 'running', startedAt: this.clock.now() }))) return;
      const result = (await this.workers().run({ ...task, port: port2 } as PlanningTask, {
        transferList: [port2 as never],
        signal: controller.signal,
      })) as R;
      await writing;
      const current = await getJob(this.db, jobId);
      if (current?.status !== 'running') return;
      await save(result);
      await updateJob(this.db, jobId, { status: 'succeeded', progress: 1, finishedAt: this.clock.now() });
    } catch (error) {
      await writing.catch(() => undefined);
      if (controller.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      await updateJob(this.db, jobId, { status: 'failed', error: message.slice(0, 500), finishedAt: this.clock.now() });
    } finally {
      port1.close();
    }
  }

  isRunningHere(jobId: string): boolean {
    return this.running.has(jobId);
  }

  /** Marks the job cancelled and stops its worker if it runs here; false if it had already ended. */
  async cancel(jobId: string): Promise<boolean> {
    const changed = await updateJob(this.db, jobId, { status: 'cancelled', finishedAt: this.clock.now() });
    this.running.get(jobId)?.abort();
    return changed;
  }

  /** Waits for every job started here to end (tests, shutdown). */
  async whenSettled(): Promise<void> {
    while (this.settled.size > 0) await Promise.allSettled([...this.settled]);
  }

  async close(): Promise<void> {
    for (const controller of this.running.values()) controller.abort();
    await this.whenSettled();
    await this.pool?.destroy();
    this.pool = null;
  }
}
