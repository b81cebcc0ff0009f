import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useRefreshSession, useSession } from '../../api/session';
import { Layout } from '../../components/Layout';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { account, myOrganization, organizationId } from './test-fixtures';

describe('the header’s «Войти как»', () => {
  it('says whom the person acts for and switches to «Частное лицо»', async () => {
    const api = stubApi(
      {
        'GET /me/organizations': {
          status: 200,
          body: {
            organizations: [
              myOrganization(),
              myOrganization({ id: 'r', shortName: 'ГБУ «Отказ»', status: 'rejected', refusal: 'not_found' }),
            ],
          },
        },
        'PUT /session/acting-for': { status: 200, body: { actingFor: null } },
      },
      { account, actingFor: { organizationId, shortName: 'БУ ВО «МФЦ»', roles: ['head'], groups: [] } },
    );
    renderPage(<Layout />);
    const [button] = await screen.findAllByRole('button', {
      name: 'Вы действуете как: БУ ВО «МФЦ». Сменить',
    });
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Войти как' });
    // a refused registration cannot be acted for
    expect(within(dialog).queryByText('ГБУ «Отказ»')).toBeNull();
    expect(
      within(dialog)
        .getByRole('button', { name: /БУ ВО «МФЦ»/ })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Частное лицо' }));
    await waitFor(() => expect(sentRequests(api)).toContain('PUT /api/session/acting-for'));
    const put = api.mock.calls.find(([url]) => url === '/api/session/acting-for')!;
    expect(JSON.parse(put[1]!.body as string)).toEqual({ organizationId: null });
  });

  it('is not shown to a person who belongs to no organization', async () => {
    stubApi({ 'GET /me/organizations': { status: 200, body: { organizations: [] } } }, { account });
    renderPage(<Layout />);
    await screen.findAllByRole('link', { name: 'Анна Громова' });
    await waitFor(() => expect(screen.queryByRole('button', { name: /Вы действуете как/ })).toBeNull());
  });
});

describe('after sign-in', () => {
  /** stands for the sign-in form: the session is read again once the person has signed in */
  function SignInNow() {
    const refresh = useRefreshSession();
    const session = useSession();
    return (
      <button onClick={() => void refresh()} disabled={session.isPending}>
        signed in
      </button>
    );
  }

  it('offers «Войти как» to a person who belongs to an organization, above the page', async () => {
    let signedIn = false;
    const sent: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const key = `${init?.method ?? 'GET'} ${url}`;
        sent.push(key);
        const body =
          key === 'GET /api/session'
            ? {
                account: signedIn ? account : null,
                actingFor: null,
                staff: null,
                csrfToken: 't',
                demoMode: false,
              }
            : key === 'GET /api/me/organizations'
              ? { organizations: [myOrganization()] }
              : { actingFor: { organizationId, shortName: 'БУ ВО «МФЦ»', roles: ['head'], groups: [] } };
        return new Response(JSON.stringify(body), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    renderPage(
      <>
        <Layout />
        <SignInNow />
      </>,
    );
    // the session answered: signed out
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'signed in' }) as HTMLButtonElement).disabled).toBe(false),
    );
    // a page opened while signed out offers nothing
    expect(screen.queryByTestId('acting-for-offer')).toBeNull();
    signedIn = true;
    fireEvent.click(screen.getByRole('button', { name: 'signed in' }));
    const offer = await screen.findByTestId('acting-for-offer');
    fireEvent.click(
      within(offer).getByRole('button', { name: /^Войти как сотрудник организации\s*БУ ВО «МФЦ»/ }),
    );
    await waitFor(() => expect(sent).toContain('PUT /api/session/acting-for'));
  });
});
