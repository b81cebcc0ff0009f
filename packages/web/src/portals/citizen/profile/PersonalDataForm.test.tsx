import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { PersonalDataView } from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import { expectFieldError, expectNoFieldError, field } from '../../../test/field';
import { renderPage, sentRequests, stubApi } from '../../../test/render';
import { PersonalDataForm } from './PersonalDataForm';
import type { PersonalDataValues } from './personalDataForm';

const filled: PersonalDataValues = {
  lastName: 'Иванов',
  firstName: 'Иван',
  middleName: 'Иванович',
  gender: 'M',
  birthDate: '12.03.1985',
  birthPlace: 'г. Москва',
  citizenship: 'RUS',
  passport: {
    series: '4510',
    number: '123456',
    issueDate: '20.03.2005',
    issuedBy: 'ОВД района Арбат г. Москвы',
    issuerCode: '770-001',
  },
  snils: '112-233-445 95',
};
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

describe('personal data form', () => {
  it('shows the schema and the calendar rules together, before any request', async () => {
    const api = stubApi({});
    const nextYear = new Date().getFullYear() + 1;
    renderPage(
      <PersonalDataForm
        editable
        initialValues={{
          ...filled,
          birthDate: `01.01.${nextYear}`,
          snils: '112-233-445 96',
          passport: { ...filled.passport, issuedBy: '' },
        }}
      />,
    );
    save();
    await waitFor(() => expectFieldError('Дата рождения', 'Дата не может быть в будущем.'));
    expectFieldError('Страховой номер индивидуального лицевого счёта', 'не сходится контрольное число');
    expectFieldError('Кем выдан', 'Заполните поле.');
    expectNoFieldError('Фамилия');
    expect(screen.getByTestId('form-message').textContent).toContain('Проверьте поля, отмеченные красным.');
    expect(sentRequests(api)).toEqual([]);
  });

  it('refuses a passport issued before the 14th birthday at «Дата выдачи»', async () => {
    stubApi({});
    renderPage(
      <PersonalDataForm
        editable
        initialValues={{ ...filled, passport: { ...filled.passport, issueDate: '01.03.1999' } }}
      />,
    );
    save();
    await waitFor(() => expectFieldError('Дата выдачи', 'Паспорт не мог быть выдан раньше 14 лет.'));
    expectNoFieldError('Дата рождения');
  });

  it("puts the server's nested field code at its field and a refusal without a field in the message area", async () => {
    stubApi({
      'PUT /me/personal-data': [
        {
          status: 400,
          body: {
            error: {
              code: 'validation.failed',
              fields: [{ path: 'passport.number', code: 'passport.number_format' }],
            },
          },
        },
        { status: 409, body: { error: { code: 'personal_data.checks_in_progress' } } },
      ],
    });
    renderPage(<PersonalDataForm editable initialValues={filled} />);
    save();
    await waitFor(() => expectFieldError('Номер', 'Номер паспорта — 6 цифр.'));

    fireEvent.change(field('Номер'), { target: { value: '654321' } });
    save();
    await waitFor(() =>
      expect(screen.getByTestId('form-message').textContent).toContain('Личные данные сейчас проверяются.'),
    );
    expectNoFieldError('Номер');
  });

  it('sends the data once every field is right', async () => {
    const view: PersonalDataView = {
      data: null,
      verification: {
        state: 'in_progress',
        snils: 'in_progress',
        passport: 'in_progress',
        failureReasons: [],
        submittedAt: new Date().toISOString(),
        completedAt: null,
      },
      editable: false,
    };
    const api = stubApi({ 'PUT /me/personal-data': { status: 200, body: view } });
    renderPage(<PersonalDataForm editable initialValues={filled} />);
    save();
    await waitFor(() => expect(sentRequests(api)).toEqual(['PUT /api/me/personal-data']));
    expect(screen.queryByTestId('form-message')).toBeNull();
  });
});
