/** Pure shaping of stored results into API responses: summaries, interval windows, CSV, comparisons, achieved vs planned. */
import { fromLocal } from '../calendar/index.js';
import { dayNumber, isoDate } from '../wfm/index.js';
import { INTERVAL_SECONDS, INTERVALS_PER_DAY } from './compute.js';

export interface SiteInfo {
  id: string;
  code: string;
  name: string;
  kind: string;
  vendorName: string | null;
  /** The scenario's cost per productive hour at this site. */
  costPerProductiveHour: number;
}

export interface QueueInfo {
  id: string;
  code: string;
  nameFr: string;
  nameEn: string;
  serviceLevelTarget: number;
}

export interface SiteQueueSeries {
  siteId: string;
  queueId: string;
  startDate: string;
  intervals: number;
  calls: number[];
  agents: number[];
  scheduled: number[];
  cost: number;
}

export interface QueueSeries {
  queueId: string;
  calls: number[];
  pooledAgents: number[];
  unallocated: number[];
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const total = (values: number[]) => values.reduce((s, v) => s + v, 0);

/** Totals of a computed scenario: cost per site and week, agent-hours, pooling loss, calls nobody could take. */
export function resultSummary(
  startDate: string,
  sites: SiteInfo[],
  queues: QueueInfo[],
  siteQueues: SiteQueueSeries[],
  queueSeries: QueueSeries[],
) {
  const intervals = siteQueues[0]?.intervals ?? queueSeries[0]?.calls.length ?? 0;
  const weeks = Math.ceil(intervals / (7 * INTERVALS_PER_DAY));
  const start = dayNumber('startDate', startDate);
  const bySite = sites
    .map((site) => {
      const rows = siteQueues.filter((r) => r.siteId === site.id);
      if (rows.length === 0) return null;
      const agents = new Array<number>(intervals).fill(0);
      const scheduled = new Array<number>(intervals).fill(0);
      for (const row of rows)
        for (let t = 0; t < intervals; t++) {
          agents[t] = (agents[t] as number) + (row.agents[t] ?? 0);
          scheduled[t] = (scheduled[t] as number) + (row.scheduled[t] ?? 0);
        }
      const weekly = Array.from({ length: weeks }, (_, w) => {
        const slice = agents.slice(w * 7 * INTERVALS_PER_DAY, (w + 1) * 7 * INTERVALS_PER_DAY);
        return {
          weekStart: isoDate(start + w * 7),
          cost: round((total(slice) * site.costPerProductiveHour * INTERVAL_SECONDS) / 3600, 2),
        };
      });
      return {
        siteId: site.id,
        code: site.code,
        name: site.name,
        kind: site.kind,
        vendorName: site.vendorName,
        calls: round(total(rows.map((r) => total(r.calls)))),
        productiveHours: round((total(agents) * INTERVAL_SECONDS) / 3600),
        peakAgents: Math.max(0, ...agents),
        peakScheduled: Math.max(0, ...scheduled),
        cost: round(total(rows.map((r) => r.cost)), 2),
        weekly,
        queues: rows.map((r) => ({
          queueId: r.queueId,
          calls: round(total(r.calls)),
          cost: r.cost,
        })),
      };
    })
    .filter((s) => s !== null);
  const byQueue = queues.map((queue) => {
    const series = queueSeries.find((q) => q.queueId === queue.id);
    const split = siteQueues.filter((r) => r.queueId === queue.id);
    const splitHours = (total(split.map((r) => total(r.agents))) * INTERVAL_SECONDS) / 3600;
    const pooledHours = series ? (total(series.pooledAgents) * INTERVAL_SECONDS) / 3600 : 0;
    return {
      queueId: queue.id,
      code: queue.code,
      calls: round(series ? total(series.calls) : 0),
      unallocatedCalls: round(series ? total(series.unallocated) : 0),
      productiveHours: round(splitHours),
      pooledHours: round(pooledHours),
      poolingLossHours: round(splitHours - pooledHours),
    };
  });
  const cost = round(total(bySite.map((s) => s.cost)), 2);
  const weekly = Array.from({ length: weeks }, (_, w) => ({
    weekStart: isoDate(start + w * 7),
    cost: round(total(bySite.map((s) => s.weekly[w]?.cost ?? 0)), 2),
  }));
  return {
    startDate,
    weeks,
    cost,
    costPerWeek: round(cost / Math.max(1, weeks), 2),
    calls: round(total(byQueue.map((q) => q.calls))),
    unallocatedCalls: round(total(byQueue.map((q) => q.unallocatedCalls))),
    productiveHours: round(total(byQueue.map((q) => q.productiveHours))),
    poolingLossHours: round(total(byQueue.map((q) => q.poolingLossHours))),
    weekly,
    sites: bySite,
    queues: byQueue,
  };
}

/** The Paris wall-clock start of interval `t` of a horizon, as an ISO instant. */
export function intervalStart(startDate: string, t: number): string {
  const day = isoDate(dayNumber('startDate', startDate) + Math.floor(t / INTERVALS_PER_DAY));
  const minute = (t % INTERVALS_PER_DAY) * 15;
  const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return fromLocal(day, time).toISOString();
}

/** Required agents per interval and site, calls per queue, over a window of days. */
export function intervalWindow(
  startDate: string,
  from: string,
  days: number,
  siteQueues: SiteQueueSeries[],
  queueSeries: QueueSeries[],
) {
  const offset = (dayNumber('from', from) - dayNumber('startDate', startDate)) * INTERVALS_PER_DAY;
  const intervals = siteQueues[0]?.intervals ?? queueSeries[0]?.calls.length ?? 0;
  const first = Math.max(0, offset);
  const last = Math.min(intervals, offset + days * INTERVALS_PER_DAY);
  const siteIds = [...new Set(siteQueues.map((r) => r.siteId))];
  const rows = [];
  for (let t = first; t < last; t++) {
    const sites: Record<string, { agents: number; scheduled: number; calls: number }> = {};
    for (const siteId of siteIds) sites[siteId] = { agents: 0, scheduled: 0, calls: 0 };
    for (const r of siteQueues) {
      const entry = sites[r.siteId] as { agents: number; scheduled: number; calls: number };
      entry.agents += r.agents[t] ?? 0;
      entry.scheduled += r.scheduled[t] ?? 0;
      entry.calls = round(entry.calls + (r.calls[t] ?? 0));
    }
    const calls: Record<string, number> = {};
    let pooled = 0;
    let unallocated = 0;
    for (const q of queueSeries) {
      calls[q.queueId] = q.calls[t] ?? 0;
      pooled += q.pooledAgents[t] ?? 0;
      unallocated += q.unallocated[t] ?? 0;
    }
    rows.push({
      start: intervalStart(startDate, t),
      sites,
      calls,
      pooledAgents: pooled,
      unallocated: round(unallocated),
    });
  }
  return rows;
}

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",;\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One line per interval, site and queue with calls or agents. */
export function resultCsv(
  startDate: string,
  sites: SiteInfo[],
  queues: QueueInfo[],
  siteQueues: SiteQueueSeries[],
): string {
  const siteCode = new Map(sites.map((s) => [s.id, s]));
  const queueCode = new Map(queues.map((q) => [q.id, q.code]));
  const lines = ['interval_start,site,queue,calls,agents,scheduled_agents,cost_eur'];
  const intervals = siteQueues[0]?.intervals ?? 0;
  const starts: string[] = [];
  for (let t = 0; t < intervals; t++) {
    const rows = siteQueues.filter((r) => (r.calls[t] ?? 0) > 0 || (r.agents[t] ?? 0) > 0);
    if (rows.length === 0) continue;
    starts[t] ??= intervalStart(startDate, t);
    for (const r of rows) {
      const site = siteCode.get(r.siteId);
      const agents = r.agents[t] ?? 0;
      lines.push(
        [
          starts[t] as string,
          site?.code ?? r.siteId,
          queueCode.get(r.queueId) ?? r.queueId,
          r.calls[t] ?? 0,
          agents,
          r.scheduled[t] ?? 0,
          ((agents * (site?.costPerProductiveHour ?? 0) * INTERVAL_SECONDS) / 3600).toFixed(2),
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface AchievedRow {
  date: string;
  siteId: string;
  queueId: string;
  offered: number;
  answered: number;
  abandoned: number;
  answeredInSl: number | null;
  handleSeconds: number;
}

/** Planned vs achieved per site and day, with the days each vendor site missed its service-level target. */
export function achievedVsPlanned(input: {
  from: string;
  to: string;
  sites: SiteInfo[];
  queues: QueueInfo[];
  achieved: AchievedRow[];
  caseContacts: Array<{ date: string; siteId: string; contacts: number }>;
  planned: { startDate: string; siteQueues: SiteQueueSeries[] } | null;
}) {
  const target = new Map(input.queues.map((q) => [q.id, q.serviceLevelTarget]));
  const first = dayNumber('from', input.from);
  const days = dayNumber('to', input.to) - first + 1;
  const plannedStart = input.planned ? dayNumber('startDate', input.planned.startDate) : 0;
  const sites = input.sites.map((site) => {
    const daysOut = Array.from({ length: days }, (_, d) => {
      const date = isoDate(first + d);
      const rows = input.achieved.filter((r) => r.siteId === site.id && r.date === date);
      const offered = total(rows.map((r) => r.offered));
      const answered = total(rows.map((r) => r.answered));
      const abandoned = total(rows.map((r) => r.abandoned));
      const withSl = rows.filter((r) => r.answeredInSl !== null);
      const slOffered = total(withSl.map((r) => r.offered));
      const serviceLevel = slOffered > 0 ? total(withSl.map((r) => r.answeredInSl as number)) / slOffered : null;
      const targetSl = offered > 0 ? total(rows.map((r) => r.offered * (target.get(r.queueId) ?? 0))) / offered : null;
      let plannedCalls: number | null = null;
      let plannedHours: number | null = null;
      if (input.planned) {
        const offset = (first + d - plannedStart) * INTERVALS_PER_DAY;
        const mine = input.planned.siteQueues.filter((r) => r.siteId === site.id);
        if (offset >= 0 && offset < (mine[0]?.intervals ?? 0)) {
          plannedCalls = 0;
          plannedHours = 0;
          for (const r of mine)
            for (let t = offset; t < offset + INTERVALS_PER_DAY; t++) {
              plannedCalls += r.calls[t] ?? 0;
              plannedHours += ((r.agents[t] ?? 0) * INTERVAL_SECONDS) / 3600;
            }
          plannedCalls = round(plannedCalls);
          plannedHours = round(plannedHours);
        }
      }
      return {
        date,
        plannedCalls,
        plannedProductiveHours: plannedHours,
        targetServiceLevel: targetSl === null ? null : round(targetSl, 3),
        offered,
        answered,
        abandoned,
        serviceLevel: serviceLevel === null ? null : round(serviceLevel, 3),
        abandonmentRate: offered > 0 ? round(abandoned / offered, 3) : null,
        ahtSeconds: answered > 0 ? round(total(rows.map((r) => r.handleSeconds)) / answered, 0) : null,
        caseContacts: input.caseContacts.find((c) => c.siteId === site.id && c.date === date)?.contacts ?? 0,
        missedTarget: serviceLevel !== null && targetSl !== null && serviceLevel < targetSl,
      };
    });
    const offered = total(daysOut.map((d) => d.offered));
    const withSl = daysOut.filter((d) => d.serviceLevel !== null);
    return {
      siteId: site.id,
      code: site.code,
      name: site.name,
      kind: site.kind,
      vendorName: site.vendorName,
      offered,
      plannedCalls: input.planned ? round(total(daysOut.map((d) => d.plannedCalls ?? 0))) : null,
      serviceLevel:
        withSl.length > 0
          ? round(
              total(withSl.map((d) => (d.serviceLevel as number) * d.offered)) /
                Math.max(1, total(withSl.map((d) => d.offered))),
              3,
            )
          : null,
      abandonmentRate: offered > 0 ? round(total(daysOut.map((d) => d.abandoned)) / offered, 3) : null,
      missedDays: daysOut.filter((d) => d.missedTarget).map((d) => d.date),
      days: daysOut,
    };
  });
  const vendors = [...new Set(input.sites.filter((s) => s.vendorName).map((s) => s.vendorName as string))].map(
    (vendor) => {
      const mine = sites.filter((s) => s.vendorName === vendor);
      return {
        vendorName: vendor,
        offered: total(mine.map((s) => s.offered)),
        missedDays: [...new Set(mine.flatMap((s) => s.missedDays))].sort(),
      };
    },
  );
  return { from: input.from, to: input.to, sites, vendors };
}

/** Two computed scenarios side by side. */
export function compareSummaries(
  a: { id: string; name: string; version: number; summary: ReturnType<typeof resultSummary> },
  b: { id: string; name: string; version: number; summary: ReturnType<typeof resultSummary> },
) {
  const siteIds = [...new Set([...a.summary.sites, ...b.summary.sites].map((s) => s.siteId))];
  return {
    a: { id: a.id, name: a.name, version: a.version },
    b: { id: b.id, name: b.name, version: b.version },
    totals: (['cost', 'costPerWeek', 'calls', 'unallocatedCalls', 'productiveHours', 'poolingLossHours'] as const).map(
      (measure) => ({
        measure,
        a: a.summary[measure],
        b: b.summary[measure],
        difference: round(b.summary[measure] - a.summary[measure], 2),
      }),
    ),
    sites: siteIds.map((siteId) => {
      const left = a.summary.sites.find((s) => s.siteId === siteId);
      const right = b.summary.sites.find((s) => s.siteId === siteId);
      return {
        siteId,
        code: left?.code ?? right?.code,
        name: left?.name ?? right?.name,
        a: left ? { cost: left.cost, calls: left.calls, peakAgents: left.peakAgents } : null,
        b: right ? { cost: right.cost, calls: right.calls, peakAgents: right.peakAgents } : null,
      };
    }),
  };
}
