import type { Generated } from 'kysely';
import type { Role } from './roles.js';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  advisor_code: string | null;
  password_hash: string | null;
  role: Role;
  site_id: string | null;
  customer_id: string | null;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export type AccountTokenPurpose = 'activation' | 'reset';

export interface AccountTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: AccountTokenPurpose;
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}
