import {
  accessGroupsSchema,
  actingForSummarySchema,
  groupMembersSchema,
  invitationPreviewSchema,
  invitationSchema,
  invitationsSchema,
  legalEntityFromCertificateSchema,
  memberSuggestionsSchema,
  myOrganizationSchema,
  myOrganizationsSchema,
  organizationJournalSchema,
  organizationMembersPageSchema,
  organizationProfileSchema,
  signatureChallengeSchema,
  type AccessGroup,
  type InvitationRequest,
  type OrganizationContacts,
  type OrganizationDetails,
  type OrganizationRegistrationChallengeRequest,
  type OrganizationRegistrationRequest,
} from '@openesia/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';
import { sessionKey } from '../../api/session';

/**
 * The organization context's API as TanStack queries and mutations. The organization's own
 * endpoints have no id in the path: they work on the organization the session acts for.
 */

export const myOrganizationsKey = ['me', 'organizations'] as const;
export const organizationKey = ['organization'] as const;

/** While the ЕГРЮЛ check runs, the personal page and the «sent» page ask again (seed 000, section 2). */
const POLL_MS = 3000;

export function useMyOrganizations(options: { enabled?: boolean; poll?: boolean } = {}) {
  return useQuery({
    queryKey: myOrganizationsKey,
    queryFn: () => api.get('/me/organizations', myOrganizationsSchema),
    enabled: options.enabled ?? true,
    // Every few seconds while the ЕГРЮЛ check runs; every half minute while a regional operator,
    // a person, decides: the page left open shows the new status without a reload.
    refetchInterval: (q) => {
      if (options.poll === false) return false;
      const statuses = q.state.data?.organizations.map((o) => o.status) ?? [];
      if (statuses.includes('checking')) return POLL_MS;
      return statuses.includes('awaiting_regional_operator') ? 30_000 : false;
    },
  });
}

/** «Частное лицо» (null) or «Войти как сотрудник организации»; everything shown depends on it. */
export function useActFor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (organizationId: string | null) =>
      api.put(
        '/session/acting-for',
        { organizationId },
        z.object({ actingFor: actingForSummarySchema.nullable() }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: sessionKey });
      await client.invalidateQueries({ queryKey: organizationKey });
    },
  });
}

// ---- «+ Добавить организацию» ----

export function readLegalEntityCertificate(certificate: string) {
  return api.post('/me/organizations/certificate', { certificate }, legalEntityFromCertificateSchema);
}

export function requestRegistrationChallenge(body: OrganizationRegistrationChallengeRequest) {
  return api.post('/me/organizations/challenge', body, signatureChallengeSchema);
}

export function submitRegistration(body: OrganizationRegistrationRequest) {
  return api.post('/me/organizations', body, myOrganizationSchema);
}

// ---- The invitation link ----

export function previewInvitation(token: string) {
  return api.post('/invitations/preview', { token }, invitationPreviewSchema);
}

export function acceptInvitation(token: string) {
  return api.post('/invitations/accept', { token }, myOrganizationSchema);
}

// ---- The organization's profile (acting for it) ----

export function useOrganization(options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: organizationKey,
    queryFn: () => api.get('/organization', organizationProfileSchema),
    refetchInterval: (q) => (options.poll !== false && q.state.data?.status === 'checking' ? POLL_MS : false),
  });
}

/** Every change of the organization makes its pages stale (groups' counts, the journal, the status). */
function useOrganizationMutation<I, R>(mutationFn: (input: I) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: organizationKey });
      await client.invalidateQueries({ queryKey: myOrganizationsKey });
    },
  });
}

export function useUpdateContacts() {
  return useOrganizationMutation((body: OrganizationContacts) =>
    api.patch('/organization', body, organizationProfileSchema),
  );
}

export function useRefreshFromRegister() {
  return useOrganizationMutation(() => api.post('/organization/refresh', {}, organizationProfileSchema));
}

/** The head sends a returned registration again, corrected (the head's own action, by id). */
export function useResubmit(organizationId: string) {
  return useOrganizationMutation((details: OrganizationDetails) =>
    api.post(
      `/me/organizations/${encodeURIComponent(organizationId)}/resubmit`,
      details,
      myOrganizationSchema,
    ),
  );
}

/** The head starts the ЕГРЮЛ check again after it could not be made. */
export function useRetryCheck(organizationId: string) {
  return useOrganizationMutation(() =>
    api.post(`/me/organizations/${encodeURIComponent(organizationId)}/retry`, {}, myOrganizationSchema),
  );
}

export function useMembers(q: string) {
  return useInfiniteQuery({
    queryKey: [...organizationKey, 'members', q],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams();
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      const query = params.toString();
      return api.get(`/organization/members${query ? `?${query}` : ''}`, organizationMembersPageSchema);
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useRemoveMember() {
  return useOrganizationMutation((accountId: string) =>
    api.delete(`/organization/members/${encodeURIComponent(accountId)}`),
  );
}

export function useSetAdministrator() {
  return useOrganizationMutation(
    ({ accountId, administrator }: { accountId: string; administrator: boolean }) =>
      api.put(`/organization/members/${encodeURIComponent(accountId)}/administrator`, { administrator }),
  );
}

export function useMemberSuggestions(q: string, group: AccessGroup) {
  return useQuery({
    queryKey: [...organizationKey, 'suggestions', group, q],
    queryFn: () =>
      api.get(
        `/organization/members/suggestions?${new URLSearchParams({ q, group }).toString()}`,
        memberSuggestionsSchema,
      ),
    enabled: q.trim().length >= 2,
    staleTime: 10_000,
  });
}

export function useInvitations(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...organizationKey, 'invitations'],
    queryFn: () => api.get('/organization/invitations', invitationsSchema),
    enabled: options.enabled ?? true,
  });
}

export function useInvite() {
  return useOrganizationMutation((body: InvitationRequest) =>
    api.post('/organization/invitations', body, invitationSchema),
  );
}

export function useInvitationAction() {
  return useOrganizationMutation(({ id, action }: { id: string; action: 'revoke' | 'resend' }) =>
    api.post(`/organization/invitations/${encodeURIComponent(id)}/${action}`, {}, invitationSchema),
  );
}

export function useAccessGroups() {
  return useQuery({
    queryKey: [...organizationKey, 'groups'],
    queryFn: () => api.get('/organization/groups', accessGroupsSchema),
  });
}

export function useGroupMembers(group: AccessGroup, enabled: boolean) {
  return useQuery({
    queryKey: [...organizationKey, 'groups', group, 'members'],
    queryFn: () => api.get(`/organization/groups/${group}/members`, groupMembersSchema),
    enabled,
  });
}

export function useAddGroupMember(group: AccessGroup) {
  return useOrganizationMutation((accountId: string) =>
    api.post(`/organization/groups/${group}/members`, { accountId }),
  );
}

export function useRemoveGroupMember(group: AccessGroup) {
  return useOrganizationMutation((accountId: string) =>
    api.delete(`/organization/groups/${group}/members/${encodeURIComponent(accountId)}`),
  );
}

export function useJournal(options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: [...organizationKey, 'journal'],
    enabled: options.enabled ?? true,
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api.get(
        `/organization/journal${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
        organizationJournalSchema,
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * «Покинуть организацию»: the person leaves, then acts as «Частное лицо» again (the session would
 * otherwise still name an organization the person no longer belongs to).
 */
export function useLeaveOrganization(onLeft: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api.delete('/organization/membership');
      await api.put(
        '/session/acting-for',
        { organizationId: null },
        z.object({ actingFor: actingForSummarySchema.nullable() }),
      );
    },
    onSuccess: async () => {
      // away first: the fresh session acts for nobody, and the organization's page would unmount
      // the button (and with it a callback given to `mutate`)
      onLeft();
      await client.invalidateQueries({ queryKey: sessionKey });
      client.removeQueries({ queryKey: organizationKey });
      await client.invalidateQueries({ queryKey: myOrganizationsKey });
    },
  });
}
