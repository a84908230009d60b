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
