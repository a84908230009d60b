/** Paris wall-clock time ↔ instants, for forms whose times are meant in the shop's time zone. */
const PARIS = 'Europe/Paris';

/** Today's date in Paris, 'YYYY-MM-DD'. */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PARIS }).format(now);
}

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Paris is ahead of UTC at this instant, in milliseconds. */
function parisOffsetMs(at: number): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(at))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/** '2026-12-20T18:30' read as Paris time → ISO instant with its zone ('2026-12-20T17:30:00.000Z'); null if invalid. */
export function parisLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const asUtc = Date.parse(`${local}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  // Two passes settle the offset across a daylight-saving change.
  let guess = asUtc - parisOffsetMs(asUtc);
  guess = asUtc - parisOffsetMs(guess);
  return new Date(guess).toISOString();
}

/** Today's date in Paris, 'YYYY-MM-DD'. */
export function parisDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PARIS }).format(at);
}
