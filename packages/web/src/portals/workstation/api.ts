import {
  signatureChallengeSchema,
  workstationCentersSchema,
  workstationJournalSchema,
  workstationOperationResultSchema,
  workstationSearchAnswerSchema,
  workstationSessionSchema,
  type workstationDocumentKinds,
  type WorkstationOperation,
  type WorkstationOperationResult,
  type WorkstationSearchInput,
  type WorkstationSession,
} from '@openesia/contracts';
import { useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { useCallback } from 'react';
import { z } from 'zod';
import { ApiRequestError, api } from '../../api/client';

export type WorkstationDocumentKind = (typeof workstationDocumentKinds)[number];
/** The journal's filters as the query string carries them; empty ones are left out. */
export type JournalFilter = {
  centerId?: string;
  operatorId?: string;
  action?: string;
  from?: string;
  to?: string;
  regionCode?: string;
  organizationId?: string;
  page: number;
};

/**
 * АРМ «Центр обслуживания» (seed 003) as TanStack queries: the workstation's own session (a
 * cookie of its own, apart from the citizen's), the centers, the search and the operations.
 */

export const raSessionKey = ['ra-session'] as const;
const sessionAnswer = z.object({ session: workstationSessionSchema.nullable() });
const signedInAnswer = z.object({ session: workstationSessionSchema });

export function useWorkstationSession() {
  return useQuery({
    queryKey: raSessionKey,
    queryFn: () => api.get('/ra/session', sessionAnswer).then((a) => a.session),
    // the session ends after some idle minutes: ask again when the operator comes back to the tab
    refetchOnWindowFocus: true,
    retry: false,
  });
}

/** The workstation session the server answered (center chosen, terms accepted) replaces the cached one. */
export function useSetSession() {
  const client = useQueryClient();
  return useCallback(
    (session: WorkstationSession | null) => client.setQueryData(raSessionKey, session),
    [client],
  );
}

/**
 * A 401 from any workstation call: the session ended (idle timeout, signed out in another tab).
 * The page goes back to the sign-in, saying why.
 */
export function useOnRefused() {
  const setSession = useSetSession();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiRequestError && error.status === 401) {
        sessionStorage.setItem('ra-expired', '1');
        setSession(null);
      }
    },
    [setSession],
  );
}

export function requestWorkstationChallenge() {
  return api.post('/ra/challenge', {}, signatureChallengeSchema);
}

export function submitWorkstationLogin(challengeId: string, signature: string) {
  return api.post('/ra/login', { challengeId, signature }, signedInAnswer).then((a) => a.session);
}

export function workstationLogout() {
  return api.post('/ra/logout');
}

export function useWorkstationCenters() {
  const onRefused = useOnRefused();
  return useQuery({
    queryKey: ['ra-centers'],
    queryFn: () =>
      guarded(api.get('/ra/centers', workstationCentersSchema), onRefused).then((a) => a.centers),
    retry: false,
  });
}

/** A query's promise that also ends the page's session on a 401. */
async function guarded<T>(promise: Promise<T>, onRefused: (error: unknown) => void): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    onRefused(error);
    throw error;
  }
}

export function chooseCenter(centerId: string) {
  return api.post('/ra/center', { centerId }, signedInAnswer).then((a) => a.session);
}

export function acceptTerms() {
  return api.post('/ra/terms', {}, signedInAnswer).then((a) => a.session);
}

export function search(input: WorkstationSearchInput) {
  return api.post('/ra/search', input, workstationSearchAnswerSchema);
}

/** Each operation's path: registration has no account yet, the rest act on the account found. */
export function operationPath(operation: WorkstationOperation, accountId: string | null): string {
  if (operation === 'registration') return '/ra/registrations';
  const account = `/ra/accounts/${encodeURIComponent(accountId ?? '')}`;
  const tail: Record<Exclude<WorkstationOperation, 'registration'>, string> = {
    upgrade: 'upgrade',
    confirmation: 'confirmation',
    reconfirmation: 'reconfirmation',
    recovery: 'recovery',
    deletion: 'deletion',
    add_child: 'children',
  };
  return `${account}/${tail[operation]}`;
}

export function performOperation(
  operation: WorkstationOperation,
  accountId: string | null,
  body: unknown,
): Promise<WorkstationOperationResult> {
  return api.post(operationPath(operation, accountId), body, workstationOperationResultSchema);
}

/** The operation's state, asked again every 2 s while the СФР and МВД checks run. */
export function useOperation(initial: WorkstationOperationResult) {
  const onRefused = useOnRefused();
  return useQuery({
    queryKey: ['ra-operation', initial.operationId],
    queryFn: () =>
      guarded(
        api.get(
          `/ra/operations/${encodeURIComponent(initial.operationId)}`,
          workstationOperationResultSchema,
        ),
        onRefused,
      ),
    initialData: initial,
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data?.state === 'awaiting_checks' ? 2000 : false),
    retry: 1,
  });
}

export function documentUrl(operationId: string, kind: WorkstationDocumentKind): string {
  return `/api/ra/operations/${encodeURIComponent(operationId)}/documents/${kind}`;
}

// ---- the journal ----

export type JournalSide = 'organization' | 'regional' | 'federal';
const journalPath: Record<JournalSide, string> = {
  organization: '/organization/workstation-journal',
  regional: '/regional-operator/workstation-journal',
  federal: '/federal-operator/workstation-journal',
};

export function useWorkstationJournal(side: JournalSide, filter: JournalFilter) {
  return useQuery({
    queryKey: ['ra-journal', side, filter],
    queryFn: () => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(filter))
        if (value !== undefined && value !== '') params.set(key, String(value));
      return api.get(`${journalPath[side]}?${params.toString()}`, workstationJournalSchema);
    },
    placeholderData: keepPreviousData,
    retry: (count, err) => !(err instanceof ApiRequestError && err.status < 500) && count < 1,
  });
}
