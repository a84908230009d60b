-- Merges (PRODUCT.md, Repeat contact): two cases opened for the same problem become one, and
-- duplicate customer records become one. Nothing is deleted: the absorbed case keeps its own
-- contacts and history and points to the surviving one; the absorbed customer stays as a
-- tombstone pointing to the surviving customer, so old references, audit events and access logs
-- still resolve.

alter table cases drop constraint cases_status_check;
alter table cases add constraint cases_status_check check (status in ('open', 'in_progress',
  'waiting_on_customer', 'resolved', 'closed', 'merged'));
alter table cases add column merged_into_case_id uuid references cases (id);
alter table cases add column merged_at timestamptz;
alter table cases add constraint cases_merged_check check (
  (status = 'merged') = (merged_into_case_id is not null) and (merged_into_case_id is null) = (merged_at is null)
  and merged_into_case_id is distinct from id);
-- The surviving case's timeline gathers the contacts of every case merged into it.
create index cases_merged_into_idx on cases (merged_into_case_id) where merged_into_case_id is not null;

alter table case_history drop constraint case_history_field_check;
alter table case_history add constraint case_history_field_check check (field in ('owner', 'status',
  'priority', 'tags', 'routing', 'merge'));

alter table customers add column merged_into_customer_id uuid references customers (id);
alter table customers add column merged_at timestamptz;
alter table customers add constraint customers_merged_check check (
  (merged_into_customer_id is null) = (merged_at is null) and merged_into_customer_id is distinct from id);
create index customers_merged_into_idx on customers (merged_into_customer_id) where merged_into_customer_id is not null;
