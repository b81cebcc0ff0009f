import { regionalQueueSchema, type RegionalDecision } from '@openesia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const queueKey = ['regional-operator', 'organizations'] as const;

/**
 * The regional operator's queue (seed 004, step 1.4). `probe`: asked only to learn whether the
 * person acts for a region's operator, so a refusal is not retried.
 */
export function useRegionalQueue(options: { probe?: boolean } = {}) {
  return useQuery({
    queryKey: queueKey,
    queryFn: () => api.get('/regional-operator/organizations', regionalQueueSchema),
    ...(options.probe ? { retry: false } : {}),
  });
}

export function useRegionalDecision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ organizationId, decision }: { organizationId: string; decision: RegionalDecision }) =>
      api.post(`/regional-operator/organizations/${encodeURIComponent(organizationId)}/decision`, decision),
    onSuccess: () => client.invalidateQueries({ queryKey: queueKey }),
  });
}
