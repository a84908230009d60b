-- Reads at operator scale: the quality report's periods, the unfinished
-- cases on a line that a new contact is offered.
create index case_promises_due_at_idx on case_promises (due_at) where status <> 'superseded';
create index case_interactions_inbound_at_idx on case_interactions (occurred_at) where direction = 'inbound';
create index cases_written_complaints_opened_idx on cases (opened_at) where type = 'written_complaint';
create index cases_unfinished_subscription_idx on cases (subscription_id, opened_at)
  where subscription_id is not null and status not in ('resolved', 'closed', 'merged');
-- A case's promises and the messages sent about it are read with every case file and customer
-- page; without these, each read scanned every promise and message of the operator.
create index case_promises_case_idx on case_promises (case_id, created_at);
create index outbox_messages_case_idx on outbox_messages (case_id, created_at) where case_id is not null;
