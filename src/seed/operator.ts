/**
 * The demo operator: two in-house call centres (Colombes, Vitry), three vendor sites in Morocco,
 * the Nancy shop-laboratory, their staff, and the demo logins (created only with demo data).
 */
import type { Role } from '../identity/roles.js';
import type { SiteKind } from '../sites/tables.js';
import { femaleFirstNames, lastNames, maleFirstNames } from './french-data.js';
import { type Random, pick, stableUuid } from './random.js';

export interface DemoSite {
  id: string;
  code: string;
  name: string;
  kind: SiteKind;
  vendor_name: string | null;
  city: string;
  country: string;
  timezone: string;
  seats: number;
  /** Generated advisors at this site, besides the demo logins. */
  advisors: number;
}

const site = (fields: Omit<DemoSite, 'id'>): DemoSite => ({ id: stableUuid(`site:${fields.code}`), ...fields });

export const demoSites: DemoSite[] = [
  site({
    code: 'COL',
    name: 'Colombes',
    kind: 'inhouse',
    vendor_name: null,
    city: 'Colombes',
    country: 'FR',
    timezone: 'Europe/Paris',
    seats: 820,
    advisors: 48,
  }),
  site({
    code: 'VIT',
    name: 'Vitry',
    kind: 'inhouse',
    vendor_name: null,
    city: 'Vitry-sur-Seine',
    country: 'FR',
    timezone: 'Europe/Paris',
    seats: 740,
    advisors: 44,
  }),
  site({
    code: 'CAS',
    name: 'Atlas Relation Client — Casablanca',
    kind: 'vendor',
    vendor_name: 'Atlas Relation Client',
    city: 'Casablanca',
    country: 'MA',
    timezone: 'Africa/Casablanca',
    seats: 300,
    advisors: 24,
  }),
  site({
    code: 'RAB',
    name: 'Contact Horizon — Rabat',
    kind: 'vendor',
    vendor_name: 'Contact Horizon',
    city: 'Rabat',
    country: 'MA',
    timezone: 'Africa/Casablanca',
    seats: 220,
    advisors: 18,
  }),
  site({
    code: 'FES',
    name: 'Médina Services — Fès',
    kind: 'vendor',
    vendor_name: 'Médina Services',
    city: 'Fès',
    country: 'MA',
    timezone: 'Africa/Casablanca',
    seats: 150,
    advisors: 12,
  }),
  site({
    code: 'NCY',
    name: 'Boutique-laboratoire de Nancy',
    kind: 'shop',
    vendor_name: null,
    city: 'Nancy',
    country: 'FR',
    timezone: 'Europe/Paris',
    seats: 12,
    advisors: 6,
  }),
];

export const DEMO_PASSWORD = 'demo-suivi';

export interface DemoLogin {
  email: string;
  displayName: string;
  role: Role;
  siteCode: string | null;
}

/** The subscriber login belongs to the first demo customer (see customers.ts). */
export const demoLogins: DemoLogin[] = [
  { email: 'subscriber@demo.suivi', displayName: 'Claire Martin', role: 'subscriber', siteCode: null },
  { email: 'advisor@demo.suivi', displayName: 'Stéphane Bernard', role: 'advisor', siteCode: 'VIT' },
  { email: 'vendor.advisor@demo.suivi', displayName: 'Youssef Alaoui', role: 'advisor', siteCode: 'CAS' },
  { email: 'supervisor@demo.suivi', displayName: 'Nathalie Roux', role: 'supervisor', siteCode: 'VIT' },
  { email: 'complaints@demo.suivi', displayName: 'Patrice Leroy', role: 'complaints_officer', siteCode: 'COL' },
  { email: 'planner@demo.suivi', displayName: 'Marc Duval', role: 'planner', siteCode: 'COL' },
  { email: 'director@demo.suivi', displayName: 'Hélène Garnier', role: 'director', siteCode: 'COL' },
  { email: 'shop@demo.suivi', displayName: 'Camille Henry', role: 'shop_staff', siteCode: 'NCY' },
  { email: 'admin@demo.suivi', displayName: 'Admin Suivi', role: 'admin', siteCode: 'COL' },
];

export interface StaffRow {
  id: string;
  email: string;
  display_name: string;
  advisor_code: string | null;
  role: Role;
  site_id: string;
}

const customerFacing = new Set<Role>(['advisor', 'senior_advisor', 'supervisor', 'complaints_officer', 'shop_staff']);

/** Generated staff (no password: they cannot log in) and the demo logins' staff rows. */
export function demoStaff(random: Random): StaffRow[] {
  const rows: StaffRow[] = [];
  const codeCounter = new Map<string, number>();
  const nextCode = (siteCode: string) => {
    const next = (codeCounter.get(siteCode) ?? 0) + 1;
    codeCounter.set(siteCode, next);
    return `${siteCode}-${String(next).padStart(4, '0')}`;
  };
  for (const login of demoLogins) {
    const home = demoSites.find((candidate) => candidate.code === login.siteCode);
    if (!home) continue;
    rows.push({
      id: stableUuid(`user:${login.email}`),
      email: login.email,
      display_name: login.displayName,
      advisor_code: customerFacing.has(login.role) ? nextCode(home.code) : null,
      role: login.role,
      site_id: home.id,
    });
  }
  for (const home of demoSites) {
    for (let index = 0; index < home.advisors; index++) {
      const female = random() < 0.55;
      const firstName = pick(random, female ? femaleFirstNames : maleFirstNames);
      const lastName = pick(random, lastNames);
      const role: Role = home.kind === 'shop' ? 'shop_staff' : index % 8 === 0 ? 'senior_advisor' : 'advisor';
      rows.push({
        id: stableUuid(`user:${home.code}:${index}`),
        email: `${home.code.toLowerCase()}.${String(index + 1).padStart(4, '0')}@staff.demo.suivi`,
        display_name: `${firstName} ${lastName}`,
        advisor_code: nextCode(home.code),
        role,
        site_id: home.id,
      });
    }
  }
  return rows;
}
