import { describe, expect, it } from 'vitest';
import { consentGaps } from './consent.js';
import { detectFlags, settingAt } from './detection.js';

const at = (iso: string) => new Date(iso);
const charge = (iso: string, overrides: Partial<Parameters<typeof detectFlags>[0]> = {}) => ({
  merchantCode: 'ARCADE',
  chargeType: 'purchase' as const,
  occurredAt: at(iso),
  consentComplete: true,
  ...overrides,
});

describe('flags on an arriving third-party charge', () => {
  it('flags a new merchant, and a burst from the third charge within 24 hours', () => {
    expect(detectFlags(charge('2026-05-12T19:00:00Z'), [], 'allowed')).toEqual(['new_merchant']);
    const history = [charge('2026-05-12T09:00:00Z'), charge('2026-05-12T18:00:00Z')];
    expect(detectFlags(charge('2026-05-12T19:00:00Z'), history, 'allowed')).toEqual(['burst']);
    // The first of the two is more than 24 hours old: no burst.
    expect(detectFlags(charge('2026-05-13T09:30:00Z'), history, 'allowed')).toEqual([]);
  });

  it('flags a missing consent, a charge while blocked and a first subscription on the line', () => {
    const flags = detectFlags(
      charge('2026-05-12T19:00:00Z', { consentComplete: false, chargeType: 'subscription' }),
      [charge('2026-04-01T10:00:00Z')],
      'blocked',
    );
    expect(flags).toEqual(['no_consent', 'after_block', 'first_subscription']);
    const again = detectFlags(
      charge('2026-06-12T19:00:00Z', { chargeType: 'subscription' }),
      [charge('2026-05-12T19:00:00Z', { chargeType: 'subscription' })],
      'allowed',
    );
    expect(again).toEqual([]);
  });

  it('reads the line setting at the moment of the charge from its history', () => {
    const changes = [
      { status: 'blocked' as const, at: at('2026-05-01T10:00:00Z') },
      { status: 'allowed' as const, at: at('2026-05-10T10:00:00Z') },
    ];
    expect(settingAt(changes, at('2026-04-30T10:00:00Z'))).toBe('allowed');
    expect(settingAt(changes, at('2026-05-05T10:00:00Z'))).toBe('blocked');
    expect(settingAt(changes, at('2026-05-11T10:00:00Z'))).toBe('allowed');
  });
});

describe('consent', () => {
  const occurredAt = at('2026-05-12T19:14:00Z');
  const complete = {
    firstStepAt: at('2026-05-12T19:13:10Z'),
    secondStepAt: at('2026-05-12T19:13:40Z'),
    channel: 'box' as const,
    sourceIp: null,
    sourceLine: '+33912345678',
  };

  it('is complete with two steps in order, before the purchase, from a known line', () => {
    expect(consentGaps(complete, occurredAt)).toEqual([]);
  });

  it('names what is missing', () => {
    expect(consentGaps(null, occurredAt)).toEqual(['missing']);
    expect(consentGaps({ ...complete, secondStepAt: null }, occurredAt)).toEqual(['second_step_missing']);
    expect(consentGaps({ ...complete, secondStepAt: complete.firstStepAt }, occurredAt)).toEqual([
      'steps_out_of_order',
    ]);
    expect(consentGaps({ ...complete, sourceLine: null }, occurredAt)).toEqual(['no_source']);
    expect(
      consentGaps(
        { ...complete, firstStepAt: at('2026-05-12T20:00:00Z'), secondStepAt: at('2026-05-12T20:00:30Z') },
        occurredAt,
      ),
    ).toEqual(['after_the_charge']);
  });
});
