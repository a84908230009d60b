/**
 * Demo data for the Nancy shop-laboratory (seed 000), set-based: the shop's address and opening
 * hours, a shelf of replacement boxes, loanable items for the developer space, and a box installed
 * on every fixed-line subscription (serial derived from the subscription, so demos can scan it).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.js';

type Db = Kysely<Database>;

export const NANCY_CODE = 'NCY';

/** Tuesday to Saturday, with a lunch break on weekdays. */
export const nancyHours = {
  tue: [
    { start: '10:00', end: '12:30' },
    { start: '14:00', end: '19:00' },
  ],
  wed: [
    { start: '10:00', end: '12:30' },
    { start: '14:00', end: '19:00' },
  ],
  thu: [
    { start: '10:00', end: '12:30' },
    { start: '14:00', end: '19:00' },
  ],
  fri: [
    { start: '10:00', end: '12:30' },
    { start: '14:00', end: '19:00' },
  ],
  sat: [{ start: '10:00', end: '18:00' }],
};

const boxModels = ['Box Révolution v6', 'Box Delta v7', 'Box Pop v8'];

/** The shop, its shelf and its loanable items; runs once with the operator. */
export async function seedShopsDemo(trx: Db): Promise<void> {
  await sql`
    insert into shop_locations (site_id, address, weekly_hours)
    select id, '7 rue des Tiercelins, 54000 Nancy', ${JSON.stringify(nancyHours)}::jsonb
    from sites where code = ${NANCY_CODE}
    on conflict (site_id) do nothing
  `.execute(trx);
  await sql`
    insert into shop_devices (model, serial, status, site_id)
    select (array[${boxModels[0]}, ${boxModels[1]}, ${boxModels[2]}])[1 + (g % 3)],
           'NCY-STK-' || lpad(g::text, 4, '0'), 'in_stock', s.id
    from sites s cross join generate_series(1, 24) g
    where s.code = ${NANCY_CODE}
    on conflict (serial) do nothing
  `.execute(trx);
  const items: Array<[string, string, string, string]> = [
    ['NCY-BOX-001', 'Box Révolution v6 (démontable, pour les projets)', 'box', 'good'],
    ['NCY-BOX-002', 'Box Delta v7 (démontable, pour les projets)', 'box', 'new'],
    ['NCY-RPI-001', 'Kit Raspberry Pi 5', 'dev_board', 'good'],
    ['NCY-RPI-002', 'Kit Raspberry Pi 5', 'dev_board', 'worn'],
    ['NCY-ARD-001', 'Arduino Uno R4 et capteurs', 'dev_board', 'good'],
    ['NCY-OSC-001', 'Oscilloscope portable 2 voies', 'tool', 'good'],
    ['NCY-SOU-001', 'Station de soudage', 'tool', 'worn'],
    ['NCY-FIB-001', 'Mesureur de puissance optique (fibre)', 'tool', 'new'],
  ];
  for (const [tag, name, category, condition] of items) {
    await sql`
      insert into loan_items (site_id, asset_tag, name, category, condition)
      select id, ${tag}, ${name}, ${category}, ${condition} from sites where code = ${NANCY_CODE}
      on conflict (asset_tag) do nothing
    `.execute(trx);
  }
}

/** The serial of the box installed on a fixed-line subscription, as the demo seeds it. */
export const demoBoxSerialSql = (subscriptionId: ReturnType<typeof sql>) =>
  sql`'SBX-' || upper(substr(md5(${subscriptionId}::text), 1, 10))`;

/** A box on every live fixed-line subscription of customers [from, to) (references CL-…). */
export async function seedDemoShopDevices(trx: Db, from: number, to: number): Promise<void> {
  if (to <= from) return;
  const ref = (index: number) => `CL-${String(index + 1).padStart(7, '0')}`;
  await sql`
    insert into shop_devices (model, serial, status, subscription_id, created_at, updated_at)
    select (array[${boxModels[0]}, ${boxModels[1]}, ${boxModels[2]}])[1 + get_byte(decode(md5(s.id::text), 'hex'), 1) % 3],
           ${demoBoxSerialSql(sql.ref('s.id'))}, 'installed', s.id, s.started_at, s.started_at
    from subscriptions s
    join customers c on c.id = s.customer_id
    where c.reference between ${ref(from)} and ${ref(to - 1)}
      and s.kind = 'fixed_box' and s.status in ('active', 'suspended')
    on conflict do nothing
  `.execute(trx);
}
