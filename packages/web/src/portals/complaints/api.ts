import {
  complaintAcceptedSchema,
  complaintOrganizationsSchema,
  complaintsPageSchema,
  complaintViewSchema,
  federalOrganizationSchema,
  federalOrganizationsSchema,
  type ComplaintFilter,
  type ComplaintRequest,
  type OrganizationApproval,
} from '@openesia/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiRequestError, api } from '../../api/client';

/**
 * Complaints about service centers and the blocking of organizations (issue 10) as TanStack
 * queries and mutations: the public form, the organization's «Жалобы», the operators' lists.
 */

/** Whose list: the organization's own, the region's (regional operator) or every one (federal). */
export type ComplaintsSide = 'organization' | 'regional' | 'federal';
const listPath: Record<ComplaintsSide, string> = {
  organization: '/organization/complaints',
  regional: '/regional-operator/complaints',
  federal: '/federal-operator/complaints',
};

/** A refusal will not change on a second try. */
const retryUnlessRefused = (count: number, err: unknown) =>
  !(err instanceof ApiRequestError && err.status < 500) && count < 1;

/** The authorized organizations whose name contains what was typed, in the region if one is chosen. */
export function useComplaintOrganizations(q: string, regionCode: string | null) {
  return useQuery({
    queryKey: ['complaint-organizations', q, regionCode],
    queryFn: () => {
      const params = new URLSearchParams();
      if (q) params.set('q', q);
      if (regionCode) params.set('regionCode', regionCode);
      const query = params.toString();
      return api.get(`/complaints/organizations${query ? `?${query}` : ''}`, complaintOrganizationsSchema);
    },
    placeholderData: keepPreviousData,
  });
}

export function submitComplaint(body: ComplaintRequest) {
  return api.post('/complaints', body, complaintAcceptedSchema);
}

const complaintsKey = (side: ComplaintsSide, filter: ComplaintFilter) =>
  ['complaints', side, filter] as const;

/** A list page by page («Показать ещё»), with the counts of the whole list. */
export function useComplaints(
  side: ComplaintsSide,
  filter: ComplaintFilter,
  options: { probe?: boolean } = {},
) {
  return useInfiniteQuery({
    queryKey: complaintsKey(side, filter),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api.get(
        `${listPath[side]}?filter=${filter}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        complaintsPageSchema,
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    retry: options.probe ? false : retryUnlessRefused,
  });
}

export function useAnswerComplaint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ complaintId, answer }: { complaintId: string; answer: string }) =>
      api.post(
        `/organization/complaints/${encodeURIComponent(complaintId)}/answer`,
        { answer },
        complaintViewSchema,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['complaints', 'organization'] }),
  });
}

// ---- the federal operator's organizations ----

const organizationsKey = ['federal-organizations'] as const;

export function useFederalOrganizations(q: string, filter: 'all' | 'blocked') {
  return useInfiniteQuery({
    queryKey: [...organizationsKey, q, filter],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ filter });
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return api.get(`/federal-operator/organizations?${params.toString()}`, federalOrganizationsSchema);
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: retryUnlessRefused,
  });
}

export function useBlockOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ organizationId, reason }: { organizationId: string; reason: string }) =>
      api.post(
        `/federal-operator/organizations/${encodeURIComponent(organizationId)}/block`,
        { reason },
        federalOrganizationSchema,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: organizationsKey }),
  });
}

export function useRevokeApproval() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      organizationId,
      approval,
      reason,
    }: {
      organizationId: string;
      approval: OrganizationApproval;
      reason: string;
    }) =>
      api.post(
        `/federal-operator/organizations/${encodeURIComponent(organizationId)}/approvals/${approval}/revoke`,
        { reason },
        federalOrganizationSchema,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: organizationsKey }),
  });
}

export function useUnblockOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (organizationId: string) =>
      api.post(
        `/federal-operator/organizations/${encodeURIComponent(organizationId)}/unblock`,
        {},
        federalOrganizationSchema,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: organizationsKey }),
  });
}
