import {
  centerQualityPageSchema,
  centerReportSchema,
  type CenterQualityQuery,
  type CenterReportQuery,
} from '@openesia/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiRequestError, api } from '../../api/client';

/** The centers' report and its data-quality list (issue 11, items 4-5): the region's, the country's. */

/** A refusal (no such role, another region) will not change on a second try. */
const retry = (count: number, err: unknown) =>
  !(err instanceof ApiRequestError && err.status < 500) && count < 1;

/** A query as its string: the page and its CSV and XLSX ask with the same one. */
export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Where the report comes from: the regional operator's routes or the federal operator's. */
export interface ReportSource {
  side: 'regional' | 'federal';
  /** the report's API path; `.csv`, `.xlsx` and `/quality` beside it */
  base: string;
}

export const regionalReport: ReportSource = { side: 'regional', base: '/regional-operator/centers-report' };
export const federalReport: ReportSource = { side: 'federal', base: '/federal-operator/centers-report' };

export function useCenterReport(source: ReportSource, query: CenterReportQuery) {
  return useQuery({
    queryKey: ['centers-report', source.base, query],
    queryFn: () => api.get(`${source.base}${queryString(query)}`, centerReportSchema),
    placeholderData: keepPreviousData,
    retry,
  });
}

export function useCenterQuality(source: ReportSource, query: CenterQualityQuery) {
  return useQuery({
    queryKey: ['centers-report', 'quality', source.base, query],
    queryFn: () => api.get(`${source.base}/quality${queryString(query)}`, centerQualityPageSchema),
    placeholderData: keepPreviousData,
    retry,
  });
}
