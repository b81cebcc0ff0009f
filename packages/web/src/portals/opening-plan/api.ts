import {
  federalPlanSchema,
  organizationPlanSchema,
  planDeadlineSchema,
  regionPlanSchema,
  type PlanTableQuery,
} from '@openesia/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, api } from '../../api/client';

/** «План открытия ЦО» (seed 004): the organization's own, its region's table, every region's. */

/** A refusal (no such role, another region) will not change on a second try. */
const retry = (count: number, err: unknown) =>
  !(err instanceof ApiRequestError && err.status < 500) && count < 1;

/** The table's filter as a query string: the page and its XLSX download ask with the same one. */
export function planQueryString(query: PlanTableQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function useOwnPlan() {
  return useQuery({
    queryKey: ['organization', 'opening-plan'],
    queryFn: () => api.get('/organization/opening-plan', organizationPlanSchema),
    retry,
  });
}

/** The region's table: the regional operator's own region, or any region for the federal operator. */
export function useRegionPlan(source: PlanSource, query: PlanTableQuery) {
  return useQuery({
    queryKey: ['opening-plan', source.base, query],
    queryFn: () => api.get(`${source.base}${planQueryString(query)}`, regionPlanSchema),
    placeholderData: keepPreviousData,
    retry,
  });
}

export function useOrganizationPlan(path: string) {
  return useQuery({
    queryKey: ['opening-plan', 'organization', path],
    queryFn: () => api.get(path, organizationPlanSchema),
    retry,
  });
}

export function useFederalPlan() {
  return useQuery({
    queryKey: ['opening-plan', 'federal'],
    queryFn: () => api.get('/federal-operator/opening-plan', federalPlanSchema),
    retry,
  });
}

export function useSetDeadline() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deadline: string | null) =>
      api.put('/regional-operator/opening-plan/deadline', { deadline }, planDeadlineSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: ['opening-plan'] }),
  });
}

/** Where a table comes from, and where its XLSX and its organizations are. */
export interface PlanSource {
  /** the table's API path */
  base: string;
  /** the XLSX's API path */
  xlsx: string;
  /** the page of one organization's plan */
  organizationPage(id: string): string;
}

export const regionalSource: PlanSource = {
  base: '/regional-operator/opening-plan',
  xlsx: '/regional-operator/opening-plan.xlsx',
  organizationPage: (id) => `/regional-operator/opening-plan/${id}`,
};

export function federalSource(regionCode: string): PlanSource {
  const base = `/federal-operator/opening-plan/regions/${encodeURIComponent(regionCode)}`;
  return {
    base,
    xlsx: `${base}/xlsx`,
    organizationPage: (id) => `/registry/opening-plan/organizations/${id}`,
  };
}
