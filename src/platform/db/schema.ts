/** The whole database as Kysely sees it; each module declares its own tables. */
import type { AuditEventsTable, CustomerAccessLogTable } from '../../audit/tables.js';
import type {
  CaseHistoryTable,
  CaseInteractionsTable,
  CasePromiseEventsTable,
  CasePromisesTable,
  CasesTable,
} from '../../cases/tables.js';
import type { AccountsTable, CustomersTable, SubscriptionsTable } from '../../customers/tables.js';
import type { CaseDocumentsTable } from '../../documents/tables.js';
import type { ApiTokensTable, SessionsTable, UsersTable } from '../../identity/tables.js';
import type { OutboxLocalDeliveriesTable, OutboxMessagesTable } from '../../outbox/tables.js';
import type { SitesTable } from '../../sites/tables.js';

export interface SeedRunsTable {
  name: string;
  customers: number;
  completed_at: Date;
}

export interface Database {
  sites: SitesTable;
  customers: CustomersTable;
  accounts: AccountsTable;
  subscriptions: SubscriptionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  customer_access_log: CustomerAccessLogTable;
  audit_events: AuditEventsTable;
  seed_runs: SeedRunsTable;
  cases: CasesTable;
  case_history: CaseHistoryTable;
  case_promises: CasePromisesTable;
  case_promise_events: CasePromiseEventsTable;
  case_interactions: CaseInteractionsTable;
  case_documents: CaseDocumentsTable;
  outbox_messages: OutboxMessagesTable;
  outbox_local_deliveries: OutboxLocalDeliveriesTable;
}
