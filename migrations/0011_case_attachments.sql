-- Attachments: a photo of the box, a bill, a letter's scan, added to a case by the customer in the
-- portal or by an advisor. Same table as reply letters, with the file's type kept for download.
alter table case_documents add column content_type text not null default 'application/pdf'
  check (content_type in ('application/pdf', 'image/png', 'image/jpeg'));
alter table case_documents drop constraint case_documents_kind_check;
alter table case_documents add constraint case_documents_kind_check check (kind in ('reply_letter', 'attachment'));
