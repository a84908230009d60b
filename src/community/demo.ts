/**
 * Demo community life at the Nancy shop-laboratory (seed 000): upcoming cultural, scientific and
 * leisure events (one nearly full), a few ideas for the next box with votes, and the working
 * groups the operator invited the communities to. Set-based, a handful of statements.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.js';

type Db = Kysely<Database>;

const events: Array<{
  days: number;
  time: string;
  hours: number;
  title: string;
  category: string;
  capacity: number;
  description: string;
}> = [
  {
    days: 3,
    time: '18:30',
    hours: 2,
    title: 'Café des abonnés',
    category: 'leisure',
    capacity: 30,
    description:
      'Rencontrer d’autres abonnés autour d’un café et parler des fonctions qu’on voudrait sur la prochaine box.',
  },
  {
    days: 9,
    time: '14:00',
    hours: 3,
    title: 'Atelier : programmer sa box',
    category: 'technical',
    capacity: 12,
    description: 'Découverte de l’API de la box avec l’équipe de l’espace développeurs ; matériel prêté sur place.',
  },
  {
    days: 16,
    time: '19:00',
    hours: 2,
    title: 'Conférence : la fibre expliquée',
    category: 'scientific',
    capacity: 60,
    description: 'Comment la lumière transporte vos données, de Nancy au reste du monde.',
  },
  {
    days: 23,
    time: '15:00',
    hours: 3,
    title: 'Initiation à Internet pour les débutants',
    category: 'cultural',
    capacity: 10,
    description: 'Pour celles et ceux qui sont le plus éloignés du Web : messagerie, démarches, sécurité.',
  },
];

export async function seedCommunityDemo(trx: Db, now: Date): Promise<void> {
  for (const event of events) {
    await sql`
      insert into community_events (site_id, title, description, category, starts_at, ends_at, capacity)
      select s.id, ${event.title}, ${event.description}, ${event.category}, d.starts_at,
             d.starts_at + make_interval(hours => ${event.hours}), ${event.capacity}
      from sites s
      cross join lateral (
        select ((date_trunc('day', ${now}::timestamptz at time zone 'Europe/Paris') + make_interval(days => ${event.days})
                 + ${event.time}::time) at time zone 'Europe/Paris') as starts_at
      ) d
      where s.code = 'NCY'
    `.execute(trx);
  }
  const ideas: Array<[number, string, string, string, number]> = [
    [
      0,
      'Un réseau Wi-Fi invité sur la prochaine box',
      'Pouvoir donner un accès Wi-Fi à mes invités sans partager mon mot de passe, avec une durée limitée.',
      'planned',
      3,
    ],
    [
      1,
      'Afficher la consommation électrique de la box',
      'Savoir combien consomme la box et pouvoir programmer une mise en veille la nuit.',
      'under_study',
      2,
    ],
    [
      2,
      'Un port USB-C pour brancher un disque',
      'Partager un disque sur le réseau local directement depuis la box.',
      'proposed',
      1,
    ],
  ];
  for (const [author, title, body, status, votes] of ideas) {
    await sql`
      with author as (select id from customers order by reference offset ${author} limit 1),
      idea as (
        insert into ideas (author_customer_id, title, body, status, vote_count, created_at, updated_at)
        select id, ${title}, ${body}, ${status}, 0, ${now}::timestamptz - interval '20 days', ${now}::timestamptz - interval '20 days'
        from author returning id
      )
      insert into idea_votes (idea_id, customer_id, created_at)
      select idea.id, c.id, ${now}::timestamptz - interval '10 days'
      from idea cross join (select id from customers order by reference limit ${votes}) c
    `.execute(trx);
  }
  await sql`update ideas set vote_count = (select count(*) from idea_votes v where v.idea_id = ideas.id)`.execute(trx);
  await sql`
    insert into working_groups (name, question, created_by_user_id, created_at)
    select g.name, g.question, u.id, ${now}::timestamptz - interval '30 days'
    from (values ('Communautés de demain', 'À quoi ressembleront les communautés de demain ?'),
                 ('Approche communautaire', 'Comment développer l’approche communautaire ?'),
                 ('Agir localement', 'Comment agir localement ?')) g(name, question)
    cross join (select id from users where lower(email) = 'shop@demo.suivi') u
  `.execute(trx);
}
