import { describe, expect, it } from 'vitest';
import { readPdf, type PdfPage as Page } from '../support/pdf.js';
import {
  consentPdf,
  operationApplicationPdf,
  receiptPdf,
  type OperationDocumentInput,
} from '../../src/services/workstation/documents.js';
import { workstationOperations, type WorkstationOperation } from '@openesia/contracts';

const operationId = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';
const password = 'Kx7#mQ2p-Lw9';

function inputFor(operation: WorkstationOperation): OperationDocumentInput {
  return {
    operation,
    operationId,
    // 07:30 UTC is 10:30 in Moscow
    performedAt: new Date('2026-11-24T07:30:00Z'),
    center: { name: 'МФЦ «Мои документы» г. Вологды', address: '160000, г. Вологда, ул. Мира, д. 36' },
    organization: { shortName: 'БУ ВО «МФЦ»', ogrn: '1023500000017' },
    operator: { fullName: 'Громова Анна Сергеевна' },
    citizen: {
      lastName: 'Соловьёва',
      firstName: 'Йоланта',
      middleName: 'Фёдоровна',
      gender: 'F',
      birthDate: '1985-03-14',
      birthPlace: 'гор. Череповец Вологодской обл.',
      citizenship: 'RUS',
      passport: {
        series: '1904',
        number: '123456',
        issueDate: '2005-04-01',
        issuedBy: 'Отделом внутренних дел города Череповца Вологодской области',
        issuerCode: '352-001',
      },
      snils: '11223344595',
      phone: '+79211234567',
      email: 'solovyova@example.ru',
      oid: '1000123456',
    },
    ...(operation === 'add_child' && {
      child: {
        lastName: 'Соловьёв',
        firstName: 'Ярослав',
        middleName: 'Игоревич',
        birthDate: '2019-06-02',
        gender: 'M',
        birthCertificate: {
          series: 'I-ОД',
          number: '654321',
          issueDate: '2019-06-10',
          issuedBy: 'Отдел ЗАГС по г. Вологде',
        },
        snils: null,
      },
    }),
    reason: operation === 'deletion' ? 'Переезд на постоянное место жительства за границу' : null,
  };
}

/** The title and a phrase of the request each operation's application must carry. */
const expected: Record<WorkstationOperation, { title: string; request: string }> = {
  registration: {
    title: 'Заявление о регистрации в ЕСИА',
    request: 'зарегистрировать меня в Единой системе идентификации и аутентификации (ЕСИА)',
  },
  upgrade: {
    title: 'Заявление о регистрации подтверждённой учётной записи в ЕСИА на основе упрощённой',
    request: 'на основе моей упрощённой учётной записи (OID 1000123456)',
  },
  confirmation: {
    title: 'Заявление о подтверждении личности в ЕСИА',
    request:
      'подтвердить мою личность и перевести мою учётную запись в ЕСИА (OID 1000123456) в статус подтверждённой',
  },
  reconfirmation: {
    title: 'Заявление о повторном подтверждении личности в ЕСИА',
    request: 'ранее подтверждена кодом подтверждения, полученным по почте',
  },
  recovery: {
    title: 'Заявление о восстановлении доступа к учётной записи в ЕСИА',
    request: 'восстановить доступ к моей подтверждённой учётной записи в ЕСИА (OID 1000123456)',
  },
  deletion: {
    title: 'Заявление об удалении учётной записи в ЕСИА',
    request: 'удалить мою учётную запись в ЕСИА (OID 1000123456).',
  },
  add_child: {
    title: 'Заявление о добавлении сведений о ребёнке в учётную запись ЕСИА',
    request: 'добавить в мою учётную запись в ЕСИА (OID 1000123456) сведения о моём ребёнке',
  },
};

const allText = (pages: Page[]): string => pages.map((p) => p.text).join(' ');

function expectInsidePages(pages: Page[]): void {
  for (const page of pages) {
    for (const item of page.items) {
      expect(item.x).toBeGreaterThanOrEqual(0);
      expect(item.x + item.width).toBeLessThanOrEqual(page.width);
      expect(item.y).toBeGreaterThan(0);
    }
  }
}

function expectFooters(pages: Page[], kind: string): void {
  pages.forEach((page, i) => {
    expect(page.text).toContain(`${kind} · Соловьёва Йоланта Фёдоровна · операция ${operationId}`);
    expect(page.text).toContain('от 24.11.2026 10:30:00 (МСК)');
    expect(page.text).toContain(`лист ${i + 1} из ${pages.length}`);
  });
}

describe('the application the citizen signs for an operation', () => {
  it.each(workstationOperations)(
    'titles and words the %s application and prints the data in full',
    async (op) => {
      const sut = operationApplicationPdf;

      const pages = await readPdf(
        await sut({ ...inputFor(op), temporaryPassword: password } as OperationDocumentInput),
      );

      const text = allText(pages);
      expect(text).toContain(expected[op].title);
      expect(text).toContain('Я, Соловьёва Йоланта Фёдоровна, прошу');
      expect(text).toContain(expected[op].request);
      // the other operations' titles are not there
      for (const other of workstationOperations.filter((o) => o !== op))
        expect(text).not.toContain(`${expected[other].title} `);
      for (const value of [
        'В центр обслуживания ЕСИА',
        'МФЦ «Мои документы» г. Вологды',
        '160000, г. Вологда, ул. Мира, д. 36',
        'БУ ВО «МФЦ», ОГРН 1023500000017',
        'от Соловьёва Йоланта Фёдоровна',
        'Сведения о заявителе',
        'женский',
        '14.03.1985',
        'гор. Череповец Вологодской обл.',
        'Российская Федерация',
        // the center keeps this paper: the passport and the СНИЛС in full
        'паспорт гражданина Российской Федерации, серия 19 04 № 123456',
        '01.04.2005, 352-001',
        'Отделом внутренних дел города Череповца Вологодской области',
        '112-233-445 95',
        '+7 (921) 123-45-67',
        'solovyova@example.ru',
        '1000123456',
        'Согласие на обработку персональных данных оформлено отдельным документом.',
        // the signature lines of both, with the date
        'Заявитель',
        'Й. Ф. Соловьёва',
        'Оператор центра обслуживания',
        'А. С. Громова',
        '(подпись)',
        '(расшифровка подписи)',
        '(дата)',
        '24.11.2026',
      ])
        expect(text).toContain(value);
      expect(text).not.toContain(password);
      expectFooters(pages, 'Заявление');
      expectInsidePages(pages);
    },
  );

  it('prints the reason of a deletion, and says when none was written', async () => {
    const withReason = allText(await readPdf(await operationApplicationPdf(inputFor('deletion'))));
    const without = allText(
      await readPdf(await operationApplicationPdf({ ...inputFor('deletion'), reason: null })),
    );

    expect(withReason).toContain('Причина удаления Переезд на постоянное место жительства за границу');
    expect(without).toContain('Причина удаления не указана');
  });

  it('prints why a registration goes ahead despite a similar account', async () => {
    const input = { ...inputFor('registration'), reason: 'Найденная запись принадлежит однофамильцу' };

    const text = allText(await readPdf(await operationApplicationPdf(input)));

    expect(text).toContain('Основание регистрации при наличии сходной учётной записи');
    expect(text).toContain('Найденная запись принадлежит однофамильцу');
  });

  it("prints the child's data on an add_child application", async () => {
    const text = allText(await readPdf(await operationApplicationPdf(inputFor('add_child'))));

    for (const value of [
      'Сведения о ребёнке',
      'Соловьёв Ярослав Игоревич',
      'мужской',
      '02.06.2019',
      'свидетельство о рождении, серия I-ОД № 654321',
      '10.06.2019',
      'Отдел ЗАГС по г. Вологде',
      'Подтверждаю, что являюсь родителем (законным представителем) ребёнка.',
    ])
      expect(text).toContain(value);
  });

  it('refuses an add_child document without the child', async () => {
    const { child: _child, ...input } = inputFor('add_child');

    await expect(operationApplicationPdf(input)).rejects.toThrow(/child/);
    await expect(consentPdf(input)).rejects.toThrow(/child/);
  });

  it('says "нет сведений" for what a simplified account lacks, never an empty cell', async () => {
    const input = inputFor('upgrade');
    const citizen = {
      ...input.citizen,
      middleName: null,
      gender: null,
      birthDate: null,
      birthPlace: null,
      citizenship: null,
      passport: null,
      snils: null,
      email: null,
    };

    const text = allText(await readPdf(await operationApplicationPdf({ ...input, citizen })));

    expect(text).toContain('Фамилия, имя, отчество (при наличии) Соловьёва Йоланта Пол нет сведений');
    expect(text).toContain('Документ, удостоверяющий личность нет сведений');
    expect(text).toContain('СНИЛС нет сведений');
    expect(text).toContain('Адрес электронной почты нет сведений');
  });

  it('wraps long names, issuers and addresses inside the page and keeps every word', async () => {
    const input = inputFor('add_child');
    const long = {
      lastName: 'Римского-Корсакова-Салтыкова-Щедрина-Ёлкина-Йошкар-Олинская',
      center:
        'Многофункциональный центр предоставления государственных и муниципальных услуг «Мои документы» ' +
        'Вологодского муниципального округа, территориально обособленное структурное подразделение № 17',
      address:
        '160000, Российская Федерация, Вологодская область, Вологодский муниципальный округ, ' +
        'сельское поселение Майское, деревня Ёлкино, улица Центральная, дом 12, корпус 3, помещение 4, кабинет 5',
      issuedBy:
        'Отделением по вопросам миграции межмуниципального отдела Министерства внутренних дел ' +
        'Российской Федерации «Вологодский» по Вологодской области в Вологодском муниципальном округе ' +
        'и в Грязовецком, Сокольском, Междуреченском и Усть-Кубинском муниципальных округах',
      email: 'очень.длинный.адрес.электронной.почты.без.пробелов.совсем@пример-почтового-домена.рф',
    };
    const sut = {
      ...input,
      center: { name: long.center, address: long.address },
      citizen: {
        ...input.citizen,
        lastName: long.lastName,
        email: long.email,
        passport: { ...input.citizen.passport!, issuedBy: long.issuedBy },
      },
      child: {
        ...input.child!,
        birthCertificate: { ...input.child!.birthCertificate, issuedBy: long.issuedBy },
      },
    };

    for (const render of [operationApplicationPdf, consentPdf]) {
      const pages = await readPdf(await render(sut));
      const text = allText(pages);
      const bodyText = pages.map((p) => p.body).join(' ');
      for (const value of [long.center, long.address, long.issuedBy])
        for (const word of value.split(' ')) expect(bodyText).toContain(word);
      expect(text).toContain(long.lastName);
      if (render === operationApplicationPdf) {
        expect(text).toContain(long.issuedBy);
        // a value without spaces is broken inside the cell, nothing dropped
        expect(text.replace(/ /g, '')).toContain(long.email);
      }
      expectInsidePages(pages);
    }
  });

  it('prints an operation the same way each time', async () => {
    const input = inputFor('registration');

    expect(
      Buffer.from(await operationApplicationPdf(input)).equals(
        Buffer.from(await operationApplicationPdf(input)),
      ),
    ).toBe(true);
  });
});

describe('the consent to the processing of personal data (152-ФЗ ст. 9 ч. 4)', () => {
  it.each(workstationOperations)('holds what the law lists, for %s', async (op) => {
    const pages = await readPdf(
      await consentPdf({ ...inputFor(op), temporaryPassword: password } as OperationDocumentInput),
    );

    const text = allText(pages);
    for (const value of [
      'Согласие на обработку персональных данных',
      // п. 1: the subject, the identity document with its issue, the address to write in
      'Я, Соловьёва Йоланта Фёдоровна, 14.03.1985 года рождения, паспорт гражданина Российской Федерации серия 19 04 № 123456, ' +
        'выдан 01.04.2005 Отделом внутренних дел города Череповца Вологодской области, код подразделения 352-001',
      'адрес места жительства (регистрации):',
      'в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»',
      // п. 3: the operator with its address
      'Оператор, получающий согласие',
      'БУ ВО «МФЦ», ОГРН 1023500000017; центр обслуживания «МФЦ «Мои документы» г. Вологды», адрес: 160000, г. Вологда, ул. Мира, д. 36',
      'Оператор ЕСИА',
      // п. 4, 5, 7, 8
      'Цель обработки',
      'Перечень персональных данных',
      'Фамилия, имя, отчество, пол, дата рождения, место рождения, гражданство',
      'СНИЛС',
      'Действия с персональными данными и способы обработки',
      'Сбор, запись, систематизация, накопление, хранение',
      'Срок действия согласия',
      'Порядок отзыва согласия',
      'Письменным заявлением, поданным лично в центр обслуживания',
      // п. 9: the subject's signature
      'Субъект персональных данных',
      'Й. Ф. Соловьёва',
      '(подпись)',
      '24.11.2026',
    ])
      expect(text).toContain(value);
    expect(text).not.toContain(password);
    expectFooters(pages, 'Согласие');
    expectInsidePages(pages);
  });

  it('names the operation in the purpose', async () => {
    const text = allText(await readPdf(await consentPdf(inputFor('recovery'))));

    expect(text).toContain('Восстановление доступа к учётной записи в центре обслуживания');
  });

  it('covers the child as the parent represents it, with the birth certificate', async () => {
    const text = allText(await readPdf(await consentPdf(inputFor('add_child'))));

    expect(text).toContain('и персональных данных моего ребёнка, законным представителем которого я являюсь');
    expect(text).toContain(
      'Соловьёв Ярослав Игоревич, 02.06.2019 года рождения; полномочие подтверждает свидетельство о рождении серия I-ОД № 654321',
    );
    expect(text).toContain(
      'О ребёнке: фамилия, имя, отчество, пол, дата рождения, реквизиты свидетельства о рождении.',
    );
  });

  it('leaves lines to write the identity document in when the account has none', async () => {
    const input = inputFor('deletion');

    const text = allText(
      await readPdf(await consentPdf({ ...input, citizen: { ...input.citizen, passport: null } })),
    );

    expect(text).toContain('документ, удостоверяющий личность (вид, серия, номер, дата выдачи, кем выдан):');
    expect(text).not.toContain('серия, номер, дата выдачи паспорта');
  });
});

describe('the receipt for the temporary password', () => {
  const issuing = workstationOperations.filter((op) => op !== 'deletion' && op !== 'add_child');

  it.each(issuing)('gives the password and a partly masked СНИЛС login, for %s', async (op) => {
    const pages = await readPdf(
      await receiptPdf({ ...inputFor(op), login: '11223344595', temporaryPassword: password }),
    );

    const text = allText(pages);
    for (const value of [
      'Расписка в получении ключа простой электронной подписи',
      '(временного пароля для входа в ЕСИА)',
      'Соловьёва Йоланта Фёдоровна',
      password,
      '***-***-445 95 (СНИЛС)',
      'постановлением Правительства Российской Федерации от 25.01.2013 № 33',
      'Пароль временный: при первом входе в ЕСИА его необходимо сменить.',
      'Никому не сообщайте пароль',
      'МФЦ «Мои документы» г. Вологды',
      // the stub the center keeps: signed, no password on it
      'линия отреза',
      'Корешок расписки (остаётся в центре обслуживания)',
      'Пароль получил(а)',
      'Й. Ф. Соловьёва',
      'А. С. Громова',
    ])
      expect(text).toContain(value);
    expect(text.split(password)).toHaveLength(2); // once, above the cut
    // only what the citizen needs: no full СНИЛС, no passport
    expect(text).not.toContain('112-233-445 95');
    expect(text).not.toContain('11223344595');
    expect(text).not.toContain('123456');
    expectFooters(pages, 'Расписка');
    expectInsidePages(pages);
  });

  it.each([
    ['+79211234567', '+7 (921) ***-**-67 (номер мобильного телефона)'],
    ['solovyova@example.ru', 'so***@example.ru (адрес электронной почты)'],
  ])('masks the login %s', async (login, masked) => {
    const text = allText(
      await readPdf(await receiptPdf({ ...inputFor('recovery'), login, temporaryPassword: password })),
    );

    expect(text).toContain(masked);
    expect(text).not.toContain(login);
  });

  it.each(['deletion', 'add_child'] as const)('is not made for %s, which issues no password', async (op) => {
    await expect(
      receiptPdf({ ...inputFor(op), login: '11223344595', temporaryPassword: password }),
    ).rejects.toThrow(/No password/);
  });
});
