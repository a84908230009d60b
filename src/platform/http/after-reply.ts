/**
 * Work a route starts once its answer is on its way, so that the caller cannot time it (e.g. a
 * password reset for an existing account versus an unknown address). The work never rejects into
 * the process: a failure is logged with the request's logger. Pending work is awaited when the app
 * closes, and tests can await it with `afterReplyWorkDone(app)`.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

const pendingByApp = new WeakMap<FastifyInstance, Set<Promise<void>>>();

function pendingOf(app: FastifyInstance): Set<Promise<void>> {
  let pending = pendingByApp.get(app);
  if (!pending) {
    pending = new Set();
    pendingByApp.set(app, pending);
  }
  return pending;
}

/** Call while registering routes: the app's close waits for work still running. */
export function trackAfterReplyWork(app: FastifyInstance): void {
  if (pendingByApp.has(app)) return;
  pendingOf(app);
  app.addHook('onClose', async () => {
    await afterReplyWorkDone(app);
  });
}

/** Starts `work` after the current reply has been sent (next turn of the event loop), without awaiting it. */
export function runAfterReply(
  app: FastifyInstance,
  log: FastifyBaseLogger,
  description: string,
  work: () => Promise<unknown>,
): void {
  const pending = pendingOf(app);
  const task = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .then(
      () => undefined,
      (error: unknown) => {
        try {
          log.error({ err: error }, `${description} failed after the reply`);
        } catch {
          // A logger that throws must not turn into an unhandled rejection either.
        }
      },
    )
    .finally(() => {
      pending.delete(task);
    });
  pending.add(task);
}

/** Resolves once all work started with `runAfterReply` on this app (including work it started) is over. */
export async function afterReplyWorkDone(app: FastifyInstance): Promise<void> {
  const pending = pendingByApp.get(app);
  while (pending && pending.size > 0) await Promise.all([...pending]);
}
