import { useCallback } from 'react';
import { confirmationStateSchema, meSchema, personalDataViewSchema } from '@openesia/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';

export const meKey = ['me'] as const;
export const personalDataKey = ['me', 'personal-data'] as const;
export const confirmationKey = ['me', 'confirmation'] as const;

/** While the registries answer, the page asks again every 2 seconds (seed 000: the state is shown on the site). */
const POLL_MS = 2000;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: () => api.get('/me', meSchema),
    refetchInterval: (q) =>
      q.state.data?.nextStep === 'wait_for_checks' || q.state.data?.activeLetter?.state === 'created'
        ? POLL_MS
        : false,
  });
}

export function usePersonalData() {
  return useQuery({
    queryKey: personalDataKey,
    queryFn: () => api.get('/me/personal-data', personalDataViewSchema),
    refetchInterval: (q) => (q.state.data?.verification.state === 'in_progress' ? POLL_MS : false),
  });
}

export function useConfirmation() {
  return useQuery({
    queryKey: confirmationKey,
    queryFn: () => api.get('/me/confirmation', confirmationStateSchema),
    // A letter on its way: follow its state (created -> sent -> delivered) without a reload.
    refetchInterval: (q) => {
      const state = q.state.data?.activeLetter?.state;
      return state === 'created' || state === 'sent' ? POLL_MS * 2 : false;
    },
  });
}

/** After a level change everything the header and the pages show is stale. */
export function useRefreshAccount() {
  const client = useQueryClient();
  // Stable across renders, so an effect can depend on it without running on every render.
  return useCallback(() => client.invalidateQueries(), [client]);
}
