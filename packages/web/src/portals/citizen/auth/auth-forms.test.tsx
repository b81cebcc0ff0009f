import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectFieldError, expectNoFieldError, field, description } from '../../../test/field';
import { renderPage, sentRequests, stubApi } from '../../../test/render';
import { LoginPage } from './LoginPage';
import { RegisterCodeStep } from './RegisterCodeStep';
import { RegisterPage } from './RegisterPage';

const started = {
  registrationId: '7b0e3f3c-5a0e-4d38-9b1c-6d3f8f0f2a11',
  channel: 'phone' as const,
  maskedDestination: '+7 (900) ***-**-01',
  expiresAt: new Date(Date.now() + 300_000).toISOString(),
  resendAvailableAt: new Date(Date.now() + 60_000).toISOString(),
};
const refuse = (code: string, fields?: { path: string; code: string }[]) => ({
  status: code === 'validation.failed' ? 400 : 401,
  body: { error: { code, ...(fields ? { fields } : {}) } },
});

describe('registration form', () => {
  it('shows every empty required field at once, in Russian, before any request', async () => {
    const api = stubApi({});
    renderPage(<RegisterPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Зарегистрироваться' }));
    await waitFor(() => expectFieldError('Фамилия', 'Заполните поле.'));
    expectFieldError('Имя', 'Заполните поле.');
    expectFieldError('Мобильный телефон', 'Заполните поле.');
    expect(sentRequests(api)).toEqual([]);
  });

  it("puts the server's field code at its field", async () => {
    stubApi({ 'POST /registration': refuse('validation.failed', [{ path: 'lastName', code: 'too_long' }]) });
    renderPage(<RegisterPage />);
    fireEvent.change(field('Фамилия'), { target: { value: 'Иванов' } });
    fireEvent.change(field('Имя'), { target: { value: 'Иван' } });
    fireEvent.change(field('Мобильный телефон'), { target: { value: '+7 900 000-00-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Зарегистрироваться' }));
    await waitFor(() => expectFieldError('Фамилия', 'Слишком длинное значение.'));
    expectNoFieldError('Имя');
    expect(screen.queryByTestId('form-message')).toBeNull();
  });
});

describe('sign-in form', () => {
  it('shows a refusal that belongs to no field in the form message area, fields left valid', async () => {
    stubApi({ 'POST /login': refuse('auth.invalid_credentials') });
    renderPage(<LoginPage />);
    fireEvent.change(field('Телефон, почта или СНИЛС'), { target: { value: 'ivanov@example.ru' } });
    fireEvent.change(field('Пароль'), { target: { value: 'wrong password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Войти' }));
    const message = await screen.findByTestId('form-message');
    expect(message.getAttribute('role')).toBe('alert');
    expect(message.textContent).toContain('Неверный логин или пароль.');
    expectNoFieldError('Телефон, почта или СНИЛС');
    expectNoFieldError('Пароль');
  });

  it('says a response that does not match the contract in Russian instead of failing', async () => {
    stubApi({ 'POST /login': { status: 200, body: { unexpected: true } } });
    renderPage(<LoginPage />);
    fireEvent.change(field('Телефон, почта или СНИЛС'), { target: { value: 'ivanov@example.ru' } });
    fireEvent.change(field('Пароль'), { target: { value: 'password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Войти' }));
    expect((await screen.findByTestId('form-message')).textContent).toContain(
      'Сервер ответил в неожиданном виде.',
    );
  });
});

describe('SMS code step', () => {
  const wrong = { status: 400, body: { error: { code: 'code.invalid' } } };
  const exhausted = { status: 400, body: { error: { code: 'code.attempts_exhausted' } } };
  const submitCode = (code: string) => {
    fireEvent.change(field('Код'), { target: { value: code } });
    fireEvent.click(screen.getByRole('button', { name: 'Продолжить' }));
  };
  const step = () => (
    <RegisterCodeStep started={started} onStarted={() => {}} onVerified={() => {}} onBack={() => {}} />
  );

  it('shows a wrong code at «Код» with the tries left, and locks the field after the last try', async () => {
    stubApi({ [`POST /registration/${started.registrationId}/verify-code`]: [wrong, wrong, exhausted] });
    renderPage(step());
    expect(description(field('Код'))).toContain('Осталось попыток ввода: 3 из 3.');

    submitCode('111111');
    await waitFor(() => expectFieldError('Код', 'Неверный код. Проверьте код и введите его ещё раз.'));
    expect(description(field('Код'))).toContain('Осталось попыток ввода: 2 из 3.');
    expect(screen.queryByTestId('form-message')).toBeNull();

    submitCode('222222');
    await waitFor(() => expect(description(field('Код'))).toContain('Осталось попыток ввода: 1 из 3.'));

    submitCode('333333');
    await waitFor(() =>
      expectFieldError('Код', 'Исчерпано количество попыток ввода кода. Запросите новый код.'),
    );
    expect(description(field('Код'))).toContain('Осталось попыток ввода: 0 из 3.');
    expect(field('Код').disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Продолжить' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('checks the code format before sending it', async () => {
    const api = stubApi({});
    renderPage(step());
    submitCode('12');
    await waitFor(() => expectFieldError('Код', 'Код состоит из 6 цифр.'));
    expect(sentRequests(api)).toEqual([]);
  });

  it('tells in demo mode that the code is in the outbox', async () => {
    stubApi({}, { demoMode: true });
    renderPage(step());
    const hint = await screen.findByTestId('demo-outbox-hint');
    expect(hint.textContent).toContain('/dev/outbox');
    expect(hint.querySelector('a')?.getAttribute('href')).toBe('/dev/outbox');
  });
});
