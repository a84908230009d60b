-- Documents attached to a case (reply letters as PDF). The bytes live in the database beside the
-- case so that they shard with the customer and are backed up with the rest of the file; letters
-- are a few kilobytes. sha256 lets anyone check that a letter was not altered after sending.

create table case_documents (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id),
  customer_id uuid not null references customers (id),
  kind text not null check (kind in ('reply_letter')),
  filename text not null check (length(filename) between 1 and 200),
  content bytea not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  created_by uuid not null references users (id),
  created_at timestamptz not null,
  -- the client's Idempotency-Key: a retried request returns the same document
  idempotency_key text,
  -- hash of the request that made the document, so a key reused for another request is refused
  request_sha256 text,
  unique (case_id, idempotency_key)
);
create index case_documents_case_idx on case_documents (case_id, created_at, id);
