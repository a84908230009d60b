-- Account tokens: the single-use links that let a person set their first password (activation,
-- sent with the welcome after subscribing at the shop counter) or choose a new one (reset, asked
-- for from the login page). This table stores only the sha256 of the token, but the raw link is,
-- by design, in the message sent to the person (outbox_messages.body, the customer's in-app
-- mailbox; staff reading it see the token redacted): links are single-use, short-lived (7 days for
-- activation, 1 hour for a reset by default) and replaced by the next one. A token is spent by
-- setting used_at in the same transaction as the new password, so it can never be used twice,
-- even by simultaneous requests.

create table account_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  purpose text not null check (purpose in ('activation', 'reset')),
  -- hex sha256 of the token sent in the link
  token_hash text not null unique check (length(token_hash) = 64),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  -- a newer link of the same purpose replaced it, or the password was set another way
  revoked_at timestamptz,
  check (expires_at > created_at),
  check (used_at is null or revoked_at is null)
);
-- Live tokens of a user, to revoke them when a newer one is sent or the password is set.
create index account_tokens_live_user_idx on account_tokens (user_id) where used_at is null and revoked_at is null;
