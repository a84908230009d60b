import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

// Wednesday 6 January 2027, 10:00 in Paris.
const clock = fixedClock(new Date('2027-01-06T09:00:00Z'));
let t: TestApp;
let advisor: LoggedIn;
let complaints: LoggedIn;

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: Body) =>
  t.app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
const receiveLetter = async (customer: number, openedAt: string) => {
  const response = await send(advisor, 'POST', '/api/cases', {
    customerId: customerIdOf(customer),
    type: 'written_complaint',
    channel: 'letter',
    summary: 'Courrier : la ligne ne fonctionne toujours pas.',
    openedAt,
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; reference: string };
};

beforeAll(async () => {
  t = await createTestApp({ customers: 10, clock, config: { sessionTtlHours: 24 * 400 } });
  [advisor, complaints] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'complaints@demo.suivi'),
  ]);
});
afterAll(() => t.close());

describe('written complaints by deadline', () => {
  it('lists unfinished complaints, nearest reply deadline first, answered ones last, page by page', async () => {
    const answered = await receiveLetter(1, '2026-12-28T09:00:00Z');
    const reply = await send(advisor, 'POST', `/api/cases/${answered.id}/reply-letter`, {
      body: 'Nous avons rétabli votre ligne le 4 janvier.',
    });
    expect(reply.statusCode).toBe(201);
    const late = await receiveLetter(2, '2026-12-30T09:00:00Z'); // reply due Friday 1 Jan → holiday → Monday 4 Jan
    const dueToday = await receiveLetter(3, '2027-01-04T09:00:00Z'); // 2 business days: Wednesday 6 Jan
    const fresh = await receiveLetter(4, '2027-01-06T08:00:00Z'); // Friday 8 Jan
    const lineMove = await send(advisor, 'POST', '/api/cases', {
      customerId: customerIdOf(5),
      type: 'line_move',
      channel: 'phone_in',
      summary: 'Déménagement',
    });
    expect(lineMove.statusCode).toBe(201);

    const seen: Array<{ case: { id: string }; reply: Body | null; mediation: Body }> = [];
    let cursor: string | null = null;
    do {
      const url = `/api/cases/queues/written-complaints?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await send(complaints, 'GET', url);
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items);
      cursor = page.json().nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen.map((item) => item.case.id)).toEqual([late.id, dueToday.id, fresh.id, answered.id]);
    expect(seen[0]?.reply).toMatchObject({ dueDate: '2027-01-04', escalation: 'complaint_overdue' });
    // 10:00 on its due day: 77 % of the delay used, not yet at risk.
    expect(seen[1]?.reply).toMatchObject({ dueDate: '2027-01-06', escalation: null });
    expect(seen[2]?.reply).toMatchObject({ dueDate: '2027-01-08', escalation: null });
    expect(seen[3]?.reply).toBeNull();
    expect(seen[0]?.mediation).toEqual({
      complaintDate: '2026-12-30',
      secondLevelFrom: '2027-01-30',
      mediatorFrom: '2027-02-28',
      mediatorUntil: '2027-12-30',
    });
    // 19:00 the same day: past 80 % of the delay, the complaint due tonight is at risk.
    clock.set(new Date('2027-01-06T18:00:00Z'));
    const evening = (await send(complaints, 'GET', '/api/cases/queues/written-complaints')).json();
    expect(evening.items[1].reply).toMatchObject({ dueDate: '2027-01-06', escalation: 'at_risk' });
    expect(evening.nextCursor).toBeNull();
  });

  it('is for the complaints team and supervisors, not for advisors', async () => {
    expect((await send(advisor, 'GET', '/api/cases/queues/written-complaints')).statusCode).toBe(403);
    const bad = await send(complaints, 'GET', '/api/cases/queues/written-complaints?limit=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.limit');
  });
});

describe("an advisor's own cases", () => {
  it('lists the unfinished cases I own, the nearest promise first, page by page', async () => {
    clock.set(new Date('2027-01-06T09:00:00Z'));
    const supervisor = await login(t.app, 'supervisor@demo.suivi');
    const open = async (session: LoggedIn, type: string) => {
      const response = await send(session, 'POST', '/api/cases', {
        customerId: customerIdOf(6),
        type,
        channel: 'phone_in',
        summary: 'Appel du client',
      });
      expect(response.statusCode).toBe(201);
      return response.json() as { id: string; version: number };
    };
    const lineMove = await open(supervisor, 'line_move'); // 10 business days
    const fault = await open(supervisor, 'fault_repair'); // 48 hours
    const porting = await open(supervisor, 'number_porting'); // 3 business days
    const done = await open(supervisor, 'general_request');
    const resolved = await send(supervisor, 'PATCH', `/api/cases/${done.id}`, {
      version: done.version,
      status: 'resolved',
    });
    expect(resolved.statusCode).toBe(200);
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await send(
        supervisor,
        'GET',
        `/api/cases/mine?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.statusCode).toBe(200);
      listed.push(...page.json().items.map((item: { id: string }) => item.id));
      cursor = page.json().nextCursor;
    } while (cursor && listed.length < 10);
    expect(listed).toEqual([fault.id, porting.id, lineMove.id]);
    const advisorsOwn = (await send(advisor, 'GET', '/api/cases/mine?limit=100')).json().items as Array<{ id: string }>;
    expect(advisorsOwn.map((item) => item.id)).not.toContain(fault.id);
  });
});
