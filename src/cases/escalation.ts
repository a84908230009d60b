/**
 * What a supervisor must look at now: promises at risk (most of the delay used), promises
 * broken (past due, still open), and written complaints past their reply deadline. Pure.
 */
import type { CaseType, PromiseKind } from './policy.js';
import { promiseProgress, promiseRisk } from './promises.js';

export type EscalationReason = 'complaint_overdue' | 'broken' | 'at_risk';

export interface OpenPromiseFacts {
  caseType: CaseType;
  kind: PromiseKind;
  startsAt: Date;
  dueAt: Date;
  dueDate: string;
}

/** Share of the delay from which a promise is at risk (PRODUCT.md: 80 %). */
export const AT_RISK_FRACTION = 0.8;

export function escalationReason(promise: OpenPromiseFacts, now: Date): EscalationReason | null {
  const risk = promiseRisk(promise, now, AT_RISK_FRACTION);
  if (risk === 'broken') {
    return promise.caseType === 'written_complaint' && promise.kind === 'written_reply'
      ? 'complaint_overdue'
      : 'broken';
  }
  return risk === 'at_risk' ? 'at_risk' : null;
}

export function delayUsed(promise: OpenPromiseFacts, now: Date): number {
  return Math.round(promiseProgress(promise, now) * 100) / 100;
}
