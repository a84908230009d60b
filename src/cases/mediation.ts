/**
 * Mediation doors for a written complaint (PRODUCT.md): without a satisfactory answer within
 * 1 month the customer may write to the consumer service (second level); after 2 months
 * (a further month, or without any answer) to the Médiateur des communications électroniques,
 * within 1 year of the written complaint. Dates are Paris calendar days.
 */
import { PARIS, toLocalDate } from '../calendar/index.js';

export interface MediationDates {
  complaintDate: string;
  secondLevelFrom: string;
  mediatorFrom: string;
  mediatorUntil: string;
}

/** Same day `months` later, clamped to the month's last day (31 January + 1 month → 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export function mediationDates(complaintAt: Date): MediationDates {
  const complaintDate = toLocalDate(complaintAt, PARIS);
  return {
    complaintDate,
    secondLevelFrom: addMonths(complaintDate, 1),
    mediatorFrom: addMonths(complaintDate, 2),
    mediatorUntil: addMonths(complaintDate, 12),
  };
}
