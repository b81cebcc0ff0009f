import {
  oidcSystemListSchema,
  oidcSystemRegisteredSchema,
  oidcSystemViewSchema,
  type OidcSystemRegister,
} from '@openesia/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSession } from '../../api/session';

/**
 * «Информационные системы» of the technological portal: the organization the session acts for is
 * the one whose systems these are; the keys carry it, so choosing another one shows none of the
 * first one's systems from the cache.
 */
function useSystemsKey() {
  const organizationId = useSession().data?.actingFor?.organizationId ?? null;
  return ['tech', organizationId, 'systems'] as const;
}

export function useOwnSystems() {
  return useQuery({
    queryKey: useSystemsKey(),
    queryFn: () => api.get('/tech/systems', oidcSystemListSchema),
  });
}

export function useOwnSystem(clientId: string) {
  return useQuery({
    queryKey: [...useSystemsKey(), clientId],
    queryFn: () => api.get(`/tech/systems/${encodeURIComponent(clientId)}`, oidcSystemViewSchema),
  });
}

export function registerSystem(body: OidcSystemRegister) {
  return api.post('/tech/systems', body, oidcSystemRegisteredSchema);
}

/** After a registration: the list again. */
export function useForgetSystems() {
  const client = useQueryClient();
  const key = useSystemsKey();
  return () => client.invalidateQueries({ queryKey: key });
}
