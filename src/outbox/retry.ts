/** When a failed message is tried again. Pure. */

/** Retries stop growing here: a message should not sit a day behind a server that is back. */
export const MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * Exponential backoff: base, 2×base, 4×base… after the 1st, 2nd, 3rd failed attempt, capped at
 * an hour; null once `attempts` reached `maxAttempts` (the message is given up).
 */
export function nextRetryAt(
  now: Date,
  attempts: number,
  policy: { retryBaseMs: number; maxAttempts: number },
): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.retryBaseMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
  return new Date(now.getTime() + delay);
}
