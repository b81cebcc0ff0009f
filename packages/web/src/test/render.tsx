import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { theme } from '../theme';

/** A component as the app mounts it (main.tsx): Mantine, TanStack Query, a router. */
export function renderPage(ui: ReactNode, options: { path?: string } = {}) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[options.path ?? '/']}>{ui}</MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

type Reply = { status: number; body?: unknown };

/**
 * Stubs fetch with the API's answers by "METHOD /path"; the session (CSRF token, demo mode) is
 * always answered. Returns the stub, to see which requests were sent.
 */
export function stubApi(
  routes: Record<string, Reply | Reply[]>,
  session: { demoMode?: boolean; account?: unknown; actingFor?: unknown; staff?: unknown } = {},
) {
  const queues = Object.fromEntries(
    Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]),
  );
  const fetchStub = vi.fn(async (url: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${url.replace(/^\/api/, '')}`;
    if (key === 'GET /session')
      return json(200, {
        account: session.account ?? null,
        actingFor: session.actingFor ?? null,
        staff: session.staff ?? null,
        csrfToken: 'token',
        demoMode: session.demoMode ?? false,
      });
    const queue = queues[key];
    if (!queue?.length) throw new Error(`unexpected request ${key}`);
    const reply = queue.length > 1 ? queue.shift()! : queue[0];
    return json(reply.status, reply.body);
  });
  vi.stubGlobal('fetch', fetchStub);
  return fetchStub;
}

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** The requests sent other than the session's. */
export function sentRequests(stub: ReturnType<typeof stubApi>): string[] {
  return stub.mock.calls
    .map(([url, init]) => `${(init as RequestInit | undefined)?.method ?? 'GET'} ${url}`)
    .filter((r) => r !== 'GET /api/session');
}
