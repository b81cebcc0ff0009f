import {
  regionalStaffListSchema,
  regionalStaffMemberSchema,
  type RegionalStaffGrant,
} from '@openesia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, api } from '../../api/client';

const staffKey = ['registry', 'regional-operators'] as const;

/** «Региональные операторы»: one region's staff, or every region's (regionCode null). */
export function useRegionalStaff(regionCode: string | null) {
  return useQuery({
    queryKey: [...staffKey, regionCode ?? 'all'],
    queryFn: () =>
      api.get(
        `/registry/regional-operators${regionCode ? `?regionCode=${encodeURIComponent(regionCode)}` : ''}`,
        regionalStaffListSchema,
      ),
    // A refusal will not change on a second try.
    retry: (count, err) => !(err instanceof ApiRequestError && err.status < 500) && count < 1,
  });
}

export function useGrantRegionalStaff() {
  const client = useQueryClient();
  return {
    submit: (input: RegionalStaffGrant) =>
      api.post('/registry/regional-operators', input, regionalStaffMemberSchema),
    refresh: () => client.invalidateQueries({ queryKey: staffKey }),
  };
}

export function useRevokeRegionalStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (grantId: string) =>
      api.delete(`/registry/regional-operators/${encodeURIComponent(grantId)}`),
    onSettled: () => client.invalidateQueries({ queryKey: staffKey }),
  });
}
