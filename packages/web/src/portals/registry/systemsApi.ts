import { federalSystemsSchema, oidcSystemViewSchema, type OidcClientStatus } from '@openesia/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, ApiRequestError } from '../../api/client';

/** «Информационные системы» of the registry: every organization's systems and the operator's own. */
const systemsKey = ['federal-operator', 'systems'] as const;

/** A refusal will not change on a second try. */
const retryUnlessRefused = (count: number, err: unknown) =>
  !(err instanceof ApiRequestError && err.status < 500) && count < 1;

export function useFederalSystems(status: OidcClientStatus | null) {
  return useInfiniteQuery({
    queryKey: [...systemsKey, 'list', status],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams();
      if (status) params.set('status', status);
      if (pageParam) params.set('cursor', pageParam);
      return api.get(`/federal-operator/systems?${params.toString()}`, federalSystemsSchema);
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: retryUnlessRefused,
  });
}

export function useFederalSystem(clientId: string) {
  return useQuery({
    queryKey: [...systemsKey, 'one', clientId],
    queryFn: () => api.get(`/federal-operator/systems/${encodeURIComponent(clientId)}`, oidcSystemViewSchema),
    retry: retryUnlessRefused,
  });
}

/** «Одобрить», «Заблокировать» (with the reason), «Снять блокировку»; the lists and the page again. */
export function useDecideSystem(clientId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, reason }: { decision: 'approve' | 'block' | 'unblock'; reason?: string }) =>
      api.post(
        `/federal-operator/systems/${encodeURIComponent(clientId)}/${decision}`,
        decision === 'block' ? { reason } : {},
        oidcSystemViewSchema,
      ),
    onSuccess: async (view) => {
      client.setQueryData([...systemsKey, 'one', clientId], view);
      await client.invalidateQueries({ queryKey: [...systemsKey, 'list'] });
    },
  });
}
