/** Response shapes for shops, appointments, swaps and loans (pure). */
import type { Slot } from './hours.js';
import type { AppointmentView, ShopRow } from './queries.js';

export function presentShop(shop: ShopRow) {
  return {
    id: shop.id,
    code: shop.code,
    name: shop.name,
    city: shop.city,
    address: shop.address,
    timeZone: shop.timezone,
    openingHours: shop.weekly_hours,
    exceptions: shop.exceptions,
    slotMinutes: shop.slot_minutes,
    bookingHorizonDays: shop.booking_horizon_days,
  };
}

export function presentSlot(slot: Slot, free: boolean) {
  return { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), free };
}

export function presentAppointment(row: AppointmentView) {
  return {
    id: row.id,
    shop: { code: row.shop_code, name: row.shop_name },
    customer: {
      id: row.customer_id,
      reference: row.customer_reference,
      name: `${row.civility} ${row.first_name} ${row.last_name}`,
      phone: row.phone,
    },
    subscription: row.subscription_id
      ? {
          id: row.subscription_id,
          reference: row.subscription_reference,
          // The box at the customer's, so the counter knows what to expect before the scan.
          device: row.device_serial ? { serial: row.device_serial, model: row.device_model } : null,
        }
      : null,
    purpose: row.purpose,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    note: row.note,
    bookedAt: row.created_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
  };
}
