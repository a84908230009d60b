import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountReference,
  ageOn,
  documentNumberEnd,
  identityProblems,
  lineKindOfProduct,
  nextLineReference,
  overseasTimeZone,
} from './sign-up-rules.js';

const day = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('the counter’s identity checks', () => {
  it('counts full years, the day before and on the birthday', () => {
    expect(ageOn('2008-12-19', '2026-12-18')).toBe(17);
    expect(ageOn('2008-12-18', '2026-12-18')).toBe(18);
    // Born on 29 February: one more year on 1 March of a common year.
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('is 0 on the day of birth, and exactly one more a year later', () => {
    fc.assert(
      fc.property(day, day, (birth, today) => {
        fc.pre(birth <= today && !birth.endsWith('02-29'));
        const later = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
        fc.pre(!today.endsWith('02-29'));
        expect(ageOn(birth, later)).toBe(ageOn(birth, today) + 1);
        expect(ageOn(birth, birth)).toBe(0);
      }),
    );
  });

  it('refuses an expired document and a minor, naming the field; accepts a document valid today', () => {
    expect(identityProblems({ expiresOn: '2026-12-18', birthDate: '1990-01-01' }, '2026-12-18')).toEqual([]);
    expect(
      identityProblems({ expiresOn: '2026-12-17', birthDate: '2010-01-01' }, '2026-12-18').map((p) => p.field),
    ).toEqual(['body.identity.expiresOn', 'body.identity.birthDate']);
    expect(identityProblems({ expiresOn: '2030-01-01', birthDate: '2027-01-01' }, '2026-12-18')[0]?.message).toBe(
      'must not be in the future',
    );
  });

  it('keeps only the last four letters or digits of a document number', () => {
    expect(documentNumberEnd('x4rtbpfw4 12 34')).toBe('1234');
    expect(documentNumberEnd('AB 12')).toBe('AB12');
  });
});

describe('numbering and places', () => {
  it('numbers a customer’s next line after the highest one, whatever the order', () => {
    expect(nextLineReference('0000031', [])).toBe('AB-0000031-1');
    expect(nextLineReference('0000031', ['AB-0000031-2', 'AB-0000031-1', 'AB-0000310-7'])).toBe('AB-0000031-3');
    expect(accountReference('0000031', 0)).toBe('CP-0000031');
    expect(accountReference('0000031', 1)).toBe('CP-0000031-2');
  });

  it('knows the overseas time zones by postcode, and the kind of line of a product', () => {
    expect(overseasTimeZone('97400')).toBe('Indian/Reunion');
    expect(overseasTimeZone('97200')).toBe('America/Martinique');
    expect(overseasTimeZone('54000')).toBeNull();
    expect(lineKindOfProduct('box-fibre-2g')).toBe('fixed_box');
    expect(lineKindOfProduct('mobile-100go')).toBe('mobile_line');
    expect(lineKindOfProduct('tv-option')).toBeNull();
  });
});
