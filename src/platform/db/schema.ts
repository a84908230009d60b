/** The whole database as Kysely sees it; each module declares its own tables. */
import type { AuditEventsTable, CustomerAccessLogTable } from '../../audit/tables.js';
import type { BillingTables } from '../../billing/tables.js';
import type { CommunityTables } from '../../community/tables.js';
import type { ShopTables } from '../../shops/tables.js';
import type {
  CaseHistoryTable,
  CaseInteractionsTable,
  CasePromiseEventsTable,
  CasePromisesTable,
  CasesTable,
} from '../../cases/tables.js';
import type { AccountsTable, CustomersTable, SubscriptionsTable } from '../../customers/tables.js';
import type { CaseDocumentsTable } from '../../documents/tables.js';
import type { AccountTokensTable, ApiTokensTable, SessionsTable, UsersTable } from '../../identity/tables.js';
import type { OutboxLocalDeliveriesTable, OutboxMessagesTable } from '../../outbox/tables.js';
import type {
  PlanningHistoryTable,
  PlanningImportsTable,
  PlanningJobsTable,
  PlanningQueuesTable,
  PlanningResultQueuesTable,
  PlanningResultsTable,
  PlanningScenariosTable,
  PlanningScenarioVersionsTable,
  PlanningSchedulesTable,
  PlanningSiteQueuesTable,
  PlanningSitesTable,
} from '../../planning/tables.js';
import type { SitesTable } from '../../sites/tables.js';
import type {
  LoyaltyAccountsTable,
  LoyaltyGoalsTable,
  LoyaltyPostingsTable,
  LoyaltyRewardThresholdsTable,
  LoyaltyRewardsTable,
  LoyaltyThresholdProtectionsTable,
  LoyaltyTransactionsTable,
  OfferRetentionAlertsTable,
  OffersTable,
} from '../../loyalty/tables.js';
import type {
  CustomerConsentEventsTable,
  CustomerConsentsTable,
  CustomerTimeZonesTable,
  OutreachAttemptsTable,
  OutreachCampaignsTable,
  OutreachReservationBatchesTable,
  OutreachReservationsTable,
} from '../../outreach/tables.js';

export interface SeedRunsTable {
  name: string;
  customers: number;
  completed_at: Date;
}

export interface Database extends BillingTables, ShopTables, CommunityTables {
  sites: SitesTable;
  customers: CustomersTable;
  accounts: AccountsTable;
  subscriptions: SubscriptionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  account_tokens: AccountTokensTable;
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
  planning_queues: PlanningQueuesTable;
  planning_sites: PlanningSitesTable;
  planning_site_queues: PlanningSiteQueuesTable;
  planning_imports: PlanningImportsTable;
  planning_history: PlanningHistoryTable;
  planning_scenarios: PlanningScenariosTable;
  planning_scenario_versions: PlanningScenarioVersionsTable;
  planning_jobs: PlanningJobsTable;
  planning_results: PlanningResultsTable;
  planning_result_queues: PlanningResultQueuesTable;
  planning_schedules: PlanningSchedulesTable;
  loyalty_accounts: LoyaltyAccountsTable;
  loyalty_rewards: LoyaltyRewardsTable;
  loyalty_reward_thresholds: LoyaltyRewardThresholdsTable;
  loyalty_goals: LoyaltyGoalsTable;
  loyalty_threshold_protections: LoyaltyThresholdProtectionsTable;
  loyalty_transactions: LoyaltyTransactionsTable;
  loyalty_postings: LoyaltyPostingsTable;
  offers: OffersTable;
  offer_retention_alerts: OfferRetentionAlertsTable;
  customer_consents: CustomerConsentsTable;
  customer_consent_events: CustomerConsentEventsTable;
  customer_time_zones: CustomerTimeZonesTable;
  outreach_campaigns: OutreachCampaignsTable;
  outreach_attempts: OutreachAttemptsTable;
  outreach_reservation_batches: OutreachReservationBatchesTable;
  outreach_reservations: OutreachReservationsTable;
}
