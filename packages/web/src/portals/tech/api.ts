import {
  centerHistorySchema,
  centerListSchema,
  centerViewSchema,
  geocodeResultsSchema,
  operatorCandidatesSchema,
  type CenterCreate,
  type CenterUpdate,
  type CenterView,
  type RegionCode,
} from '@openesia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSession } from '../../api/session';

/**
 * «Центры обслуживания» of the technological portal: the organization the session acts for is the
 * one whose centers these are (no organization id in the paths).
 */

/**
 * The keys carry the organization acted for: choosing another one in the header must not show the
 * first one's centers from the cache.
 */
function useKeys() {
  const organizationId = useSession().data?.actingFor?.organizationId ?? null;
  const centers = ['tech', organizationId, 'centers'] as const;
  return { centers, center: (centerId: string) => [...centers, centerId] as const };
}
const id = (value: string) => encodeURIComponent(value);

export function useCenters() {
  return useQuery({
    queryKey: useKeys().centers,
    queryFn: () => api.get('/tech/centers', centerListSchema),
  });
}

export function useCenter(centerId: string) {
  return useQuery({
    queryKey: useKeys().center(centerId),
    queryFn: () => api.get(`/tech/centers/${id(centerId)}`, centerViewSchema),
  });
}

export function useCenterHistory(centerId: string) {
  return useQuery({
    queryKey: [...useKeys().center(centerId), 'history'],
    queryFn: () => api.get(`/tech/centers/${id(centerId)}/history`, centerHistorySchema),
  });
}

export function useOperatorCandidates(centerId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...useKeys().center(centerId), 'candidates'],
    queryFn: () => api.get(`/tech/centers/${id(centerId)}/operator-candidates`, operatorCandidatesSchema),
    enabled,
  });
}

/** After a change: the center as the server now has it; the list, history and candidates again. */
export function useRememberCenter() {
  const client = useQueryClient();
  const keys = useKeys();
  return async (view: CenterView) => {
    client.setQueryData(keys.center(view.id), view);
    // the list, this center's history and candidates; not the view just set
    await client.invalidateQueries({
      queryKey: keys.centers,
      predicate: (q) => !(q.queryKey.length === 4 && q.queryKey[3] === view.id),
    });
  };
}

export function createCenter(body: CenterCreate) {
  return api.post('/tech/centers', body, centerViewSchema);
}

export function updateCenter(centerId: string, body: CenterUpdate) {
  return api.put(`/tech/centers/${id(centerId)}`, body, centerViewSchema);
}

export function useAttachOperator(centerId: string) {
  const remember = useRememberCenter();
  return useMutation({
    mutationFn: (accountId: string) =>
      api.post(`/tech/centers/${id(centerId)}/operators`, { accountId }, centerViewSchema),
    onSuccess: remember,
  });
}

export function useDetachOperator(centerId: string) {
  const client = useQueryClient();
  const keys = useKeys();
  return useMutation({
    mutationFn: (accountId: string) => api.delete(`/tech/centers/${id(centerId)}/operators/${id(accountId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.centers }),
  });
}

/** «Найти по адресу»: the geocoder's candidates, those of the region first. */
export function geocode(q: string, regionCode?: RegionCode) {
  const params = new URLSearchParams({ q });
  if (regionCode) params.set('regionCode', regionCode);
  return api.get(`/tech/geocode?${params.toString()}`, geocodeResultsSchema);
}
