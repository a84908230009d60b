/** Shop tables (migration 0012): locations, device stock and swaps, appointments, equipment loans. */
import type { ColumnType, Generated } from 'kysely';

export type HoursJson = Partial<Record<string, Array<{ start: string; end: string }>>>;

export type DeviceStatus = 'in_stock' | 'installed' | 'to_repair' | 'in_repair' | 'scrapped';
export type AppointmentPurpose = 'subscription' | 'device_swap' | 'help';
export type AppointmentStatus = 'booked' | 'cancelled' | 'done' | 'no_show';
export type ItemCondition = 'new' | 'good' | 'worn' | 'damaged';
export type LoanCategory = 'box' | 'dev_board' | 'tool' | 'other';

export interface ShopLocationsTable {
  site_id: string;
  address: string;
  /** JSON: weekly opening periods, `{ mon: [{ start, end }] }`. */
  weekly_hours: ColumnType<HoursJson, string, string>;
  exceptions: ColumnType<HoursJson, string | undefined, string>;
  slot_minutes: Generated<number>;
  booking_horizon_days: Generated<number>;
  created_at: Generated<Date>;
}

export interface ShopDevicesTable {
  id: Generated<string>;
  model: string;
  serial: string;
  status: DeviceStatus;
  site_id: string | null;
  subscription_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ShopDeviceSwapsTable {
  id: Generated<string>;
  site_id: string;
  customer_id: string;
  subscription_id: string;
  faulty_device_id: string;
  replacement_device_id: string;
  case_id: string;
  fault: string;
  performed_by_user_id: string;
  performed_at: Date;
  idempotency_key: string | null;
}

export interface ShopDeviceMovementsTable {
  id: Generated<number>;
  device_id: string;
  at: Date;
  from_status: DeviceStatus | null;
  to_status: DeviceStatus;
  site_id: string | null;
  subscription_id: string | null;
  swap_id: string | null;
  actor_user_id: string | null;
  note: string | null;
}

export interface ShopAppointmentsTable {
  id: Generated<string>;
  site_id: string;
  customer_id: string;
  subscription_id: string | null;
  purpose: AppointmentPurpose;
  starts_at: Date;
  ends_at: Date;
  status: Generated<AppointmentStatus>;
  note: string | null;
  booked_by_user_id: string;
  created_at: Date;
  cancelled_at: Date | null;
}

export interface LoanItemsTable {
  id: Generated<string>;
  site_id: string;
  asset_tag: string;
  name: string;
  category: LoanCategory;
  condition: ItemCondition;
  retired_at: Date | null;
  created_at: Generated<Date>;
}

export interface LoansTable {
  id: Generated<string>;
  item_id: string;
  customer_id: string;
  borrowed_at: Date;
  due_date: string;
  due_at: Date;
  condition_out: ItemCondition;
  returned_at: Date | null;
  condition_in: ItemCondition | null;
  lent_by_user_id: string;
  returned_to_user_id: string | null;
}

export interface ShopSignUpsTable {
  id: Generated<string>;
  site_id: string;
  customer_id: string;
  account_id: string;
  subscription_id: string;
  new_customer: boolean;
  identity_document: 'national_id_card' | 'passport' | 'residence_permit' | 'driving_licence';
  identity_number_end: string;
  /** 'YYYY-MM-DD' (date columns are read as text). */
  identity_expires_on: string;
  identity_checked_by_user_id: string;
  identity_checked_at: Date;
  offer_id: string | null;
  monthly_price_cents: number | null;
  device_id: string | null;
  appointment_id: string | null;
  idempotency_key: string;
  request_hash: string;
  created_at: Date;
}

export interface ShopTables {
  shop_locations: ShopLocationsTable;
  shop_devices: ShopDevicesTable;
  shop_device_swaps: ShopDeviceSwapsTable;
  shop_device_movements: ShopDeviceMovementsTable;
  shop_appointments: ShopAppointmentsTable;
  loan_items: LoanItemsTable;
  loans: LoansTable;
  shop_sign_ups: ShopSignUpsTable;
}
