import {
  applicationCandidatesSchema,
  applicationQueueSchema,
  applicationViewSchema,
  organizationApplicationsSchema,
  signatureChallengeSchema,
  type ApplicationDraft,
  type ApplicationForm,
  type FederalDecision,
  type RegionalReview,
} from '@openesia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, api } from '../../api/client';

/** Which operator's pages: the regional operator's check, or the federal operator's decision. */
export type OperatorSide = 'regional' | 'federal';
export const operatorBase: Record<OperatorSide, string> = {
  regional: '/regional-operator/applications',
  federal: '/federal-operator/applications',
};

const id = (value: string) => encodeURIComponent(value);
const listKey = ['organization', 'applications'] as const;
const applicationKey = (applicationId: string) => ['application', applicationId] as const;

// ---- the organization's side ----

export function useOrganizationApplications() {
  return useQuery({
    queryKey: listKey,
    queryFn: () => api.get('/organization/applications', organizationApplicationsSchema),
  });
}

export function useApplication(applicationId: string) {
  return useQuery({
    queryKey: applicationKey(applicationId),
    queryFn: () => api.get(`/organization/applications/${id(applicationId)}`, applicationViewSchema),
  });
}

/** The employees to pick from, by the typed part of a name. */
export function useCandidates(q: string) {
  return useQuery({
    queryKey: ['organization', 'applications', 'candidates', q],
    queryFn: () =>
      api.get(
        `/organization/applications/candidates${q ? `?q=${encodeURIComponent(q)}` : ''}`,
        applicationCandidatesSchema,
      ),
    placeholderData: (previous) => previous,
  });
}

/** After any change: the application as the server now has it, and the list. */
function useRemember() {
  const client = useQueryClient();
  return (view: { id: string }) => {
    client.setQueryData(applicationKey(view.id), view);
    void client.invalidateQueries({ queryKey: listKey });
  };
}

export function useCreateApplication() {
  const remember = useRemember();
  return useMutation({
    mutationFn: (form: ApplicationForm) =>
      api.post('/organization/applications', { form }, applicationViewSchema),
    onSuccess: remember,
  });
}

export function saveApplication(
  applicationId: string,
  body: { revision: number; content: ApplicationDraft },
) {
  return api.put(`/organization/applications/${id(applicationId)}`, body, applicationViewSchema);
}

export function useRememberApplication() {
  return useRemember();
}

export function requestApplicationChallenge(
  applicationId: string,
  body: { revision: number; certificate: string },
) {
  return api.post(
    `/organization/applications/${id(applicationId)}/challenge`,
    body,
    signatureChallengeSchema,
  );
}

export function submitSignedApplication(
  applicationId: string,
  body: { revision: number; challengeId: string; signature: string },
) {
  return api.post(
    `/organization/applications/${id(applicationId)}/submit-signed`,
    body,
    applicationViewSchema,
  );
}

export function submitScan(
  applicationId: string,
  body: { revision: number; fileName: string; scan: string },
) {
  return api.post(`/organization/applications/${id(applicationId)}/submit-scan`, body, applicationViewSchema);
}

/**
 * A file of the API (the PDF to print, a scan, a signature) as bytes: a refusal comes back as the
 * API's JSON error, thrown as ApiRequestError so that the page can say it in Russian.
 */
export async function downloadApi(path: string): Promise<{ bytes: Uint8Array; type: string; name: string }> {
  const res = await fetch(`/api${path}`, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw new ApiRequestError(res.status, body?.error?.code ?? 'internal', body?.error?.fields ?? []);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  return {
    bytes: new Uint8Array(await res.arrayBuffer()),
    type: res.headers.get('content-type') ?? 'application/octet-stream',
    name: utf8 ? decodeURIComponent(utf8) : 'file',
  };
}

// ---- the operators' side ----

export function useOperatorQueue(side: OperatorSide, options: { probe?: boolean } = {}) {
  return useQuery({
    queryKey: ['operator-applications', side],
    queryFn: () => api.get(operatorBase[side], applicationQueueSchema),
    ...(options.probe ? { retry: false } : {}),
  });
}

export function useOperatorApplication(side: OperatorSide, applicationId: string) {
  return useQuery({
    queryKey: ['operator-application', side, applicationId],
    queryFn: () => api.get(`${operatorBase[side]}/${id(applicationId)}`, applicationViewSchema),
  });
}

export function useOperatorDecision(side: OperatorSide, applicationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: (RegionalReview | FederalDecision) & { revision: number }) =>
      api.post(
        `${operatorBase[side]}/${id(applicationId)}/${side === 'regional' ? 'review' : 'decision'}`,
        body,
        applicationViewSchema,
      ),
    onSuccess: (view) => {
      client.setQueryData(['operator-application', side, applicationId], view);
      void client.invalidateQueries({ queryKey: ['operator-applications', side] });
    },
  });
}
