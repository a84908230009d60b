import { describe, expect, it } from 'vitest';
import { brokenPromiseMessage, chooseRecipient } from './broken-promise-message.js';
import type { MessageContext } from './broken-promise-queries.js';
import { nextRetryAt } from './retry.js';

const claire: MessageContext = {
  reference: 'DOS-2026-000123',
  civility: 'Mme',
  first_name: 'Claire',
  last_name: 'Martin',
  email: 'claire.martin@exemple.fr',
  phone: '+33612345678',
  preferred_channel: 'email',
  preferred_language: 'fr',
  address_line1: '12 rue des Tiercelins',
  address_line2: null,
  postcode: '54000',
  city: 'Nancy',
  owner_name: 'Stéphane Bernard',
  owner_code: 'VIT-0001',
};

describe('chooseRecipient', () => {
  it('uses the preferred channel when it can, else e-mail, else SMS, else a letter', () => {
    expect(chooseRecipient(claire)).toEqual({ channel: 'email', recipient: 'claire.martin@exemple.fr' });
    expect(chooseRecipient({ ...claire, preferred_channel: 'sms' })).toEqual({
      channel: 'sms',
      recipient: '+33612345678',
    });
    expect(chooseRecipient({ ...claire, preferred_channel: 'phone' }).channel).toBe('email');
    expect(chooseRecipient({ ...claire, email: null }).channel).toBe('sms');
    expect(chooseRecipient({ ...claire, email: null, phone: null })).toEqual({
      channel: 'letter',
      recipient: 'Claire Martin\n12 rue des Tiercelins\n54000 Nancy',
    });
  });
});

describe('brokenPromiseMessage', () => {
  const facts = {
    brokenDueDate: '2027-01-05',
    newDueAt: new Date('2027-01-11T22:59:59.999Z'),
    newDueIsDay: true,
    reason: { fr: 'Raison.', en: 'Reason.' },
  };

  it('tells the new day in Paris, the missed one, the reason and the advisor by name', () => {
    const { subject, body } = brokenPromiseMessage(claire, facts, 'email');
    expect(subject).toBe('Dossier DOS-2026-000123 : nouvelle date le lundi 11 janvier 2027');
    expect(body).toContain('au plus tard le mardi 5 janvier 2027');
    expect(body).toContain('Raison : Raison.');
    expect(body).toContain('Stéphane B. (VIT-0001)');
  });

  it('gives the time for an hour promise, in Paris time across DST', () => {
    const summer = { ...facts, newDueAt: new Date('2027-07-01T12:00:00Z'), newDueIsDay: false };
    expect(brokenPromiseMessage(claire, summer, 'sms').body).toContain('jeudi 1 juillet 2027 à 14:00');
    const english = brokenPromiseMessage({ ...claire, preferred_language: 'en' }, summer, 'sms');
    expect(english.body).toContain('Thursday, 1 July 2027 at 14:00');
  });
});

describe('nextRetryAt', () => {
  it('doubles the wait after each failure, caps it at an hour, and stops at the last attempt', () => {
    const now = new Date('2027-01-06T09:00:00Z');
    const policy = { retryBaseMs: 30_000, maxAttempts: 10 };
    const waits = [1, 2, 3, 8].map((attempts) => (nextRetryAt(now, attempts, policy)?.getTime() ?? 0) - now.getTime());
    expect(waits).toEqual([30_000, 60_000, 120_000, 3_600_000]);
    expect(nextRetryAt(now, 10, policy)).toBeNull();
  });
});
