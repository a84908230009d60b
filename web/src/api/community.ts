/** Community: public events with registration and waiting list; the ideas board. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';

export interface CommunityEvent {
  id: string;
  title: string;
  description: string;
  category: 'cultural' | 'scientific' | 'leisure' | 'technical';
  startsAt: string;
  endsAt: string;
  place: { shopCode: string; name: string; city: string } | null;
  capacity: number;
  seatsLeft: number;
  waitlisted: number;
}

export interface MyRegistration {
  id: string;
  eventId: string;
  status: 'registered' | 'waitlisted';
}

export type IdeaStatus = 'proposed' | 'under_study' | 'planned' | 'released' | 'declined';

export interface Idea {
  id: string;
  title: string;
  body: string;
  author: { name: string; isYou: boolean };
  status: IdeaStatus;
  statusLabel: { fr: string; en: string };
  statusReason: string | null;
  voteCount: number;
  votedByYou: boolean;
  commentCount: number;
  createdAt: string;
}

export function usePublicEvents() {
  return useQuery({
    queryKey: ['events', 'public'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: CommunityEvent[] }>('/api/public/events?limit=50', {
        signal,
        skipUnauthorizedRedirect: true,
      }),
  });
}

export function useMyRegistrations(enabled: boolean) {
  return useQuery({
    queryKey: ['events', 'mine'],
    queryFn: ({ signal }) => apiRequest<{ items: MyRegistration[] }>('/api/events/registrations', { signal }),
    enabled,
  });
}

export function useRegistration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, cancel }: { eventId: string; cancel: boolean }) =>
      apiRequest<{ status: string; waitlistPosition?: number | null }>(
        `/api/events/${encodeURIComponent(eventId)}/registrations${cancel ? '/cancel' : ''}`,
        { method: 'POST', body: {} },
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['events'] }),
  });
}

export function useIdeas(sort: 'votes' | 'newest') {
  return useQuery({
    queryKey: ['ideas', sort],
    queryFn: ({ signal }) => apiRequest<{ items: Idea[] }>(`/api/ideas?sort=${sort}&limit=50`, { signal }),
  });
}

export function useProposeIdea() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; body: string }) => apiRequest<Idea>('/api/ideas', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['ideas'] }),
  });
}

export function useVote() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ ideaId, on }: { ideaId: string; on: boolean }) =>
      apiRequest<{ voted: boolean; voteCount: number }>(`/api/ideas/${encodeURIComponent(ideaId)}/vote`, {
        method: on ? 'POST' : 'DELETE',
      }),
    onSettled: () => client.invalidateQueries({ queryKey: ['ideas'] }),
  });
}

export function useSetIdeaStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      ideaId,
      status,
      reason,
    }: {
      ideaId: string;
      status: Exclude<IdeaStatus, 'proposed'>;
      reason?: string;
    }) =>
      apiRequest<Idea>(`/api/ideas/${encodeURIComponent(ideaId)}/status`, {
        method: 'POST',
        body: reason ? { status, reason } : { status },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['ideas'] }),
  });
}

// Community staff: events (creation, door list), moderation, working groups.

export type EventCategory = CommunityEvent['category'];

export interface NewEvent {
  title: string;
  category: EventCategory;
  startsAt: string;
  endsAt: string;
  capacity: number;
  shopCode?: string;
  description?: string;
}

export interface DoorEntry {
  id: string;
  customer: { id: string; reference: string; name: string };
  queuedAt: string;
  promotedAt: string | null;
  checkedInAt: string | null;
}

export interface DoorList {
  event: CommunityEvent & { registered: number; cancelled: boolean };
  registered: DoorEntry[];
  waitingList: DoorEntry[];
}

export function useCreateEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewEvent) => apiRequest<CommunityEvent>('/api/events', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['events'] }),
  });
}

export function useDoorList(eventId: string) {
  return useQuery({
    queryKey: ['events', 'door', eventId],
    queryFn: ({ signal }) =>
      apiRequest<DoorList>(`/api/events/${encodeURIComponent(eventId)}/registrations`, { signal }),
  });
}

export function useCheckIn(eventId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (customerId: string) =>
      apiRequest<{ registrationId: string; checkedInAt: string }>(
        `/api/events/${encodeURIComponent(eventId)}/check-in`,
        { method: 'POST', body: { customerId } },
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['events', 'door', eventId] }),
  });
}

export interface IdeaComment {
  id: string;
  body: string;
  author: { name: string; staff: boolean };
  createdAt: string;
  /** Only for moderators. */
  hidden?: boolean;
}

export interface IdeaDetail extends Idea {
  hidden?: boolean;
  hiddenReason?: string | null;
  comments: IdeaComment[];
  statusHistory: Array<{ from: IdeaStatus | null; to: IdeaStatus; reason: string | null; at: string }>;
}

export interface AbuseReport {
  id: string;
  idea: { id: string; title: string; body: string };
  comment: { id: string; body: string } | null;
  reason: string;
  reportedAt: string;
}

export function useIdea(ideaId: string) {
  return useQuery({
    queryKey: ['ideas', 'detail', ideaId],
    queryFn: ({ signal }) => apiRequest<IdeaDetail>(`/api/ideas/${encodeURIComponent(ideaId)}`, { signal }),
  });
}

export function useAddComment(ideaId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      apiRequest<{ id: string }>(`/api/ideas/${encodeURIComponent(ideaId)}/comments`, {
        method: 'POST',
        body: { body },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['ideas'] }),
  });
}

export function useReportAbuse(ideaId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, reason }: { commentId?: string; reason: string }) =>
      apiRequest<{ reported: true }>(`/api/ideas/${encodeURIComponent(ideaId)}/reports`, {
        method: 'POST',
        body: commentId ? { commentId, reason } : { reason },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['ideas', 'reports'] }),
  });
}

export function useAbuseReports() {
  return useQuery({
    queryKey: ['ideas', 'reports'],
    queryFn: ({ signal }) => apiRequest<{ items: AbuseReport[] }>('/api/ideas/reports', { signal }),
  });
}

/** Hides the reported idea or comment; the server closes the open reports on it. */
export function useHideContent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ ideaId, commentId, reason }: { ideaId: string; commentId?: string; reason: string }) =>
      commentId
        ? apiRequest<unknown>(
            `/api/ideas/${encodeURIComponent(ideaId)}/comments/${encodeURIComponent(commentId)}/hide`,
            { method: 'POST' },
          )
        : apiRequest<unknown>(`/api/ideas/${encodeURIComponent(ideaId)}/hide`, { method: 'POST', body: { reason } }),
    onSettled: () => client.invalidateQueries({ queryKey: ['ideas'] }),
  });
}

export function useDismissReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reportId: string) =>
      apiRequest<unknown>(`/api/ideas/reports/${encodeURIComponent(reportId)}/dismiss`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: ['ideas', 'reports'] }),
  });
}

export interface WorkingGroup {
  id: string;
  name: string;
  question: string;
  members: number;
  joinedByYou: boolean;
  createdAt: string;
}

export interface WorkingGroupDetail {
  id: string;
  name: string;
  question: string;
  notes: Array<{ id: string; metOn: string; notes: string; writtenBy: string }>;
  /** For community staff only: the members their scope covers, by name. */
  members?: Array<{ customerId: string; name: string; joinedAt: string }>;
}

export function useWorkingGroups() {
  return useQuery({
    queryKey: ['workingGroups'],
    queryFn: ({ signal }) => apiRequest<{ items: WorkingGroup[] }>('/api/working-groups', { signal }),
  });
}

export function useWorkingGroup(groupId: string) {
  return useQuery({
    queryKey: ['workingGroups', groupId],
    queryFn: ({ signal }) =>
      apiRequest<WorkingGroupDetail>(`/api/working-groups/${encodeURIComponent(groupId)}`, { signal }),
  });
}

export function useCreateGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; question: string }) =>
      apiRequest<{ id: string }>('/api/working-groups', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['workingGroups'] }),
  });
}

export function useJoinGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string) =>
      apiRequest<unknown>(`/api/working-groups/${encodeURIComponent(groupId)}/members`, { method: 'POST', body: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: ['workingGroups'] }),
  });
}

export function useAddMeetingNotes(groupId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { metOn: string; notes: string }) =>
      apiRequest<{ id: string }>(`/api/working-groups/${encodeURIComponent(groupId)}/notes`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['workingGroups', groupId] }),
  });
}

/** Staff add a named member; `onAdded` runs before the group is refetched. */
export function useAddGroupMember(groupId: string, onAdded?: (member: { customerId: string; name: string }) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId }: { customerId: string; name: string }) =>
      apiRequest<{ groupId: string; customerId: string; member: boolean }>(
        `/api/working-groups/${encodeURIComponent(groupId)}/members`,
        { method: 'POST', body: { customerId } },
      ),
    onSuccess: (_result, member) => {
      onAdded?.(member);
      return client.invalidateQueries({ queryKey: ['workingGroups'] });
    },
  });
}
