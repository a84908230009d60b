import type { Generated } from 'kysely';

export type SiteKind = 'inhouse' | 'vendor' | 'shop';

export interface SitesTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: SiteKind;
  vendor_name: string | null;
  city: string;
  country: string;
  timezone: string;
  seats: number;
  created_at: Generated<Date>;
}
