/** Community tables (migration 0012): events and registrations, the ideas board, working groups. */
import type { Generated } from 'kysely';

export type EventCategory = 'cultural' | 'scientific' | 'leisure' | 'technical';
export type RegistrationStatus = 'registered' | 'waitlisted' | 'cancelled';
export type IdeaStatus = 'proposed' | 'under_study' | 'planned' | 'released' | 'declined';

export interface CommunityEventsTable {
  id: Generated<string>;
  site_id: string | null;
  title: string;
  description: Generated<string>;
  category: EventCategory;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  registered_count: Generated<number>;
  cancelled_at: Date | null;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
}

export interface EventRegistrationsTable {
  id: Generated<string>;
  event_id: string;
  customer_id: string;
  status: RegistrationStatus;
  queued_at: Date;
  seq: Generated<number>;
  promoted_at: Date | null;
  cancelled_at: Date | null;
  checked_in_at: Date | null;
}

export interface IdeasTable {
  id: Generated<string>;
  author_customer_id: string;
  title: string;
  body: string;
  status: Generated<IdeaStatus>;
  status_reason: string | null;
  vote_count: Generated<number>;
  hidden_at: Date | null;
  hidden_by_user_id: string | null;
  hidden_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface IdeaVotesTable {
  idea_id: string;
  customer_id: string;
  created_at: Date;
}

export interface IdeaCommentsTable {
  id: Generated<string>;
  idea_id: string;
  author_customer_id: string | null;
  author_user_id: string | null;
  body: string;
  hidden_at: Date | null;
  hidden_by_user_id: string | null;
  created_at: Date;
}

export interface IdeaStatusChangesTable {
  id: Generated<number>;
  idea_id: string;
  from_status: IdeaStatus;
  to_status: IdeaStatus;
  reason: string | null;
  actor_user_id: string;
  at: Date;
}

export interface AbuseReportsTable {
  id: Generated<string>;
  idea_id: string;
  comment_id: string | null;
  reporter_user_id: string;
  reason: string;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by_user_id: string | null;
  resolution: 'hidden' | 'dismissed' | null;
}

export interface WorkingGroupsTable {
  id: Generated<string>;
  name: string;
  question: string;
  created_by_user_id: string;
  created_at: Date;
}

export interface WorkingGroupMembersTable {
  group_id: string;
  customer_id: string;
  joined_at: Date;
}

export interface WorkingGroupNotesTable {
  id: Generated<string>;
  group_id: string;
  met_on: string;
  notes: string;
  written_by_user_id: string;
  created_at: Date;
}

export interface CommunityTables {
  community_events: CommunityEventsTable;
  event_registrations: EventRegistrationsTable;
  ideas: IdeasTable;
  idea_votes: IdeaVotesTable;
  idea_comments: IdeaCommentsTable;
  idea_status_changes: IdeaStatusChangesTable;
  abuse_reports: AbuseReportsTable;
  working_groups: WorkingGroupsTable;
  working_group_members: WorkingGroupMembersTable;
  working_group_notes: WorkingGroupNotesTable;
}
