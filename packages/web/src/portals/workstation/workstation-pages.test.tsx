import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Layout } from '../../components/Layout';
import { expectFieldError, field } from '../../test/field';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { TemporaryPasswordPage } from '../citizen/auth/TemporaryPasswordPage';
import { account } from '../organization/test-fixtures';
import { answer, session } from './test-fixtures';
import { WorkScreen } from './WorkScreen';

const refusal = (code: string, fields: { path: string; code: string }[] = []) => ({
  status: 400,
  body: { error: { code, fields } },
});

describe('«Поиск» of the workstation', () => {
  it('puts the server’s field refusals at their fields and «недостаточно данных» above the form', async () => {
    const api = stubApi({
      'POST /ra/search': [
        refusal('validation', [{ path: 'documentNumber', code: 'workstation.search_too_few_criteria' }]),
        refusal('workstation.search_too_few_criteria'),
      ],
    });
    renderPage(<WorkScreen session={session()} />);
    fireEvent.change(field('Серия'), { target: { value: '1904' } });
    fireEvent.click(screen.getByRole('button', { name: 'Найти' }));
    await waitFor(() => expectFieldError('Номер', 'Недостаточно данных для поиска'));
    expect(sentRequests(api)).toEqual(['POST /api/ra/search']);
    const body = JSON.parse(api.mock.calls.at(-1)![1]!.body as string);
    expect(body).toMatchObject({ documentType: 'passport_rf', documentSeries: '1904' });

    fireEvent.click(screen.getByRole('button', { name: 'Найти' }));
    const message = await screen.findByTestId('form-message');
    expect(message.textContent).toContain('Недостаточно данных для поиска');
  });

  it('offers on a found account only the operations it may have, and says why the others are closed', async () => {
    stubApi({ 'POST /ra/search': { status: 200, body: answer() } });
    renderPage(<WorkScreen session={session()} />);
    fireEvent.change(field('СНИЛС'), { target: { value: '11223344595' } });
    fireEvent.click(screen.getByRole('button', { name: 'Найти' }));
    const table = await screen.findByTestId('ra-results');
    const buttons = within(table).getAllByRole('button', { hidden: true });
    const enabled = buttons
      .filter((b) => b.getAttribute('aria-disabled') !== 'true')
      .map((b) => b.textContent);
    expect(enabled).toEqual(['Подтверждение', 'Восстановление доступа', 'Добавление ребёнка']);
    const closed = buttons.filter((b) => b.getAttribute('aria-disabled') === 'true');
    expect(closed.map((b) => b.textContent)).toEqual(['Удаление: Центр не оказывает услугу']);
    // not for an account in this state: not shown at all
    expect(within(table).queryByText('Переподтверждение')).toBeNull();
    // something similar was found: a new registration needs a reason
    fireEvent.click(screen.getByRole('button', { name: 'Зарегистрировать новую учётную запись' }));
    expect(await screen.findByLabelText(/^Причина/)).toBeTruthy();
  });

  it('says «Учётная запись не найдена» and offers «Регистрация» when nothing was found', async () => {
    stubApi({
      'POST /ra/search': { status: 200, body: answer({ results: [], registration: 'offered' }) },
    });
    renderPage(<WorkScreen session={session()} />);
    fireEvent.change(field('Электронная почта'), { target: { value: 'ivanov@mail.ru' } });
    fireEvent.click(screen.getByRole('button', { name: 'Найти' }));
    expect(await screen.findByText('Учётная запись не найдена')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Регистрация' }));
    // the form starts from what was searched
    expect(((await screen.findByLabelText(/^E-mail/)) as HTMLInputElement).value).toBe('ivanov@mail.ru');
  });
});

describe('a temporary password', () => {
  it('leads from any page to «Смена временного пароля», and from there to the profile', async () => {
    const api = stubApi(
      {
        'GET /me/organizations': { status: 200, body: { organizations: [] } },
        'POST /auth/temporary-password': {
          status: 200,
          body: { account: { ...account, passwordChangeRequired: false } },
        },
      },
      { account: { ...account, passwordChangeRequired: true } },
    );
    renderPage(
      <Routes>
        <Route element={<Layout />}>
          <Route path="profile" element={<h1>Личный кабинет</h1>} />
          <Route path="profile/temporary-password" element={<TemporaryPasswordPage />} />
        </Route>
      </Routes>,
      { path: '/profile' },
    );
    expect(await screen.findByRole('heading', { name: 'Смена временного пароля' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Личный кабинет' })).toBeNull();
    fireEvent.change(field('Новый пароль'), { target: { value: 'Vologda-Sever-2026' } });
    fireEvent.change(field('Повторите пароль'), { target: { value: 'Vologda-Sever-2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить пароль' }));
    await waitFor(() => expect(sentRequests(api)).toContain('POST /api/auth/temporary-password'));
    const call = api.mock.calls.find(([url]) => url === '/api/auth/temporary-password')!;
    expect(JSON.parse(call[1]!.body as string)).toEqual({
      password: 'Vologda-Sever-2026',
      passwordConfirmation: 'Vologda-Sever-2026',
    });
  });
});
