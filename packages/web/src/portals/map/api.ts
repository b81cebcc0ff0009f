import {
  mapListSchema,
  mapSettingsSchema,
  mapViewportSchema,
  publicCenterSchema,
  type CenterService,
  type RegionCode,
} from '@openesia/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ApiRequestError, api } from '../../api/client';

/** The filters of the map and the list, as the page's address keeps them. */
export interface MapFilterValues {
  regionCode: RegionCode | null;
  service: CenterService | null;
  openNow: boolean;
  q: string;
}

/** The filters as query parameters of /api/map/*: only those set. */
export function filterParams(filters: MapFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.regionCode) params.set('regionCode', filters.regionCode);
  if (filters.service) params.set('service', filters.service);
  if (filters.openNow) params.set('openNow', 'true');
  if (filters.q.trim()) params.set('q', filters.q.trim());
  return params;
}

/** A refusal (a center gone from the map, say) will not change on a second try. */
const retryUnlessRefused = (count: number, err: unknown) =>
  !(err instanceof ApiRequestError && err.status < 500) && count < 1;

export function useMapSettings() {
  return useQuery({
    queryKey: ['map-settings'],
    queryFn: () => api.get('/map/settings', mapSettingsSchema),
    staleTime: Infinity,
  });
}

/** The centers in view: points, or the server's clusters when too many. */
export function useViewport(view: { bbox: string; zoom: number } | null, filters: MapFilterValues) {
  return useQuery({
    queryKey: ['map-viewport', view?.bbox, view?.zoom, filterParams(filters).toString()],
    queryFn: () => {
      const params = filterParams(filters);
      params.set('bbox', view!.bbox);
      params.set('zoom', String(view!.zoom));
      return api.get(`/map/viewport?${params.toString()}`, mapViewportSchema);
    },
    enabled: view !== null,
    placeholderData: keepPreviousData,
    retry: retryUnlessRefused,
  });
}

/** «Списком»: a page at a time («Показать ещё»). */
export function useMapList(filters: MapFilterValues, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['map-list', filterParams(filters).toString()],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const params = filterParams(filters);
      if (pageParam) params.set('cursor', pageParam);
      return api.get(`/map/centers?${params.toString()}`, mapListSchema);
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
    retry: retryUnlessRefused,
  });
}

/** One center's card (also the complaint form's, from `?center=`). */
export function useCenterCard(centerId: string | null) {
  return useQuery({
    queryKey: ['map-center', centerId],
    queryFn: () => api.get(`/map/centers/${encodeURIComponent(centerId!)}`, publicCenterSchema),
    enabled: centerId !== null,
    retry: retryUnlessRefused,
  });
}
