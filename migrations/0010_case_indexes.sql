-- Reads that scan by date at operator scale: the quality report's periods, and the unfinished
-- cases on a line that a new contact is offered.
create index case_promises_due_at_idx on case_promises (due_at) where status <> 'superseded';
create index case_interactions_inbound_at_idx on case_interactions (occurred_at) where direction = 'inbound';
create index cases_written_complaints_opened_idx on cases (opened_at) where type = 'written_complaint';
create index cases_unfinished_subscription_idx on cases (subscription_id, opened_at)
  where subscription_id is not null and status not in ('resolved', 'closed', 'merged');
