import {
  digitsOnly,
  formatPhone,
  formatSnils,
  isValidSnils,
  normalizeMobilePhone,
  type WorkstationOperation,
} from '@openesia/contracts';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { maskDestination } from '../../domain/citizen/login.js';
import { moscowDate, moscowDateTime } from '../../domain/shared/moscow-time.js';
import { createPdf, embedFont } from '../../lib/pdf-fonts.js';
import {
  BLACK,
  GREY,
  LEFT,
  RIGHT,
  SIZE,
  Sheet,
  WIDTH,
  drawLines,
  drawSignatureRow,
  heightOf,
  leading,
  pageFooter,
  signatureName,
  signatureRowHeight,
  wrap,
  type Line,
  type SignatureCell,
  type Style,
} from '../../lib/pdf-layout.js';

/**
 * The papers a citizen signs at a service center, in the operator workstation (АРМ «Центр
 * обслуживания» 2.0, seed 003): the application for the operation, the consent to the processing
 * of personal data (152-ФЗ ст. 9 ч. 4) and, where a password is issued, the receipt for it, the
 * key of the simple electronic signature (ПП РФ от 25.01.2013 № 33). The center keeps the signed
 * application and consent; the citizen takes the receipt's upper part home.
 */

interface PersonName {
  lastName: string;
  firstName: string;
  middleName: string | null;
}

export interface OperationDocumentInput {
  /** 'upgrade' = registering a confirmed account on the basis of the citizen's simplified one */
  operation: WorkstationOperation;
  /** printed in each page's footer with the date */
  operationId: string;
  /** printed in Moscow time */
  performedAt: Date;
  center: { name: string; address: string };
  organization: { shortName: string; ogrn: string };
  operator: { fullName: string };
  citizen: PersonName & {
    gender: 'M' | 'F' | null;
    /** YYYY-MM-DD */
    birthDate: string | null;
    birthPlace: string | null;
    citizenship: string | null;
    passport: {
      series: string;
      number: string;
      issueDate: string;
      issuedBy: string;
      issuerCode: string;
    } | null;
    /** 11 digits */
    snils: string | null;
    phone: string | null;
    email: string | null;
    oid: string | null;
  };
  child?: PersonName & {
    birthDate: string;
    gender: 'M' | 'F';
    birthCertificate: { series: string; number: string; issueDate: string; issuedBy: string };
    snils: string | null;
  };
  /** deletion: the reason the citizen wrote; registration despite a similar account: why */
  reason?: string | null;
}

interface OperationText {
  /** «Заявление о …» */
  title: string;
  /** the operation in a sentence: the consent's purpose, the receipt */
  name: string;
  /** what the citizen asks, after «Я, Фамилия Имя Отчество, прошу»; `account` names the OID if known */
  request: (account: string) => string;
  /** what the citizen states under the data; the last is the same for all */
  statements: string[];
  /** the heading of `reason` in the table */
  reasonLabel: string;
}

const SIMILAR_ACCOUNT = 'Основание регистрации при наличии сходной учётной записи';
const IDENTITY_SHOWN =
  'Документ, удостоверяющий личность, предъявлен мною лично; сведения, указанные в заявлении, ' +
  'соответствуют предъявленным документам.';

/**
 * Seed 003's operations and appendix 2's algorithm: registration when no account is found; for an
 * account that is not confirmed, confirmation or a confirmed account on the basis of the
 * simplified one; for a confirmed one, re-confirmation (after a confirmation by post), the
 * restoring of access or the deletion.
 */
const OPERATIONS: Record<WorkstationOperation, OperationText> = {
  registration: {
    title: 'Заявление о регистрации в ЕСИА',
    name: 'регистрация в ЕСИА с подтверждением личности',
    request: () =>
      'зарегистрировать меня в Единой системе идентификации и аутентификации (ЕСИА), подтвердить мою ' +
      'личность по предъявленному документу, удостоверяющему личность, и выдать мне ключ простой ' +
      'электронной подписи (временный пароль для входа).',
    statements: [IDENTITY_SHOWN],
    reasonLabel: SIMILAR_ACCOUNT,
  },
  upgrade: {
    title: 'Заявление о регистрации подтверждённой учётной записи в ЕСИА на основе упрощённой',
    name: 'регистрация подтверждённой учётной записи на основе упрощённой',
    request: (account) =>
      `зарегистрировать подтверждённую учётную запись в ЕСИА на основе моей упрощённой учётной записи${account}, ` +
      'дополнив её сведениями, указанными в заявлении, и подтвердив мою личность по предъявленному ' +
      'документу, удостоверяющему личность.',
    statements: [IDENTITY_SHOWN],
    reasonLabel: SIMILAR_ACCOUNT,
  },
  confirmation: {
    title: 'Заявление о подтверждении личности в ЕСИА',
    name: 'подтверждение личности',
    request: (account) =>
      `подтвердить мою личность и перевести мою учётную запись в ЕСИА${account} в статус ` +
      'подтверждённой по предъявленному документу, удостоверяющему личность.',
    statements: [IDENTITY_SHOWN],
    reasonLabel: 'Примечание',
  },
  reconfirmation: {
    title: 'Заявление о повторном подтверждении личности в ЕСИА',
    name: 'повторное подтверждение личности',
    request: (account) =>
      `повторно подтвердить мою личность в ЕСИА по предъявленному документу, удостоверяющему личность; ` +
      `учётная запись${account} ранее подтверждена кодом подтверждения, полученным по почте.`,
    statements: [IDENTITY_SHOWN],
    reasonLabel: 'Примечание',
  },
  recovery: {
    title: 'Заявление о восстановлении доступа к учётной записи в ЕСИА',
    name: 'восстановление доступа к учётной записи',
    request: (account) =>
      `восстановить доступ к моей подтверждённой учётной записи в ЕСИА${account} и выдать мне ключ ` +
      'простой электронной подписи (временный пароль для входа), который я сменю при первом входе.',
    statements: [IDENTITY_SHOWN],
    reasonLabel: 'Примечание',
  },
  deletion: {
    title: 'Заявление об удалении учётной записи в ЕСИА',
    name: 'удаление учётной записи',
    request: (account) => `удалить мою учётную запись в ЕСИА${account}.`,
    statements: [
      'Мне известно, что после удаления учётной записи вход в ЕСИА и получение государственных и ' +
        'муниципальных услуг в электронной форме с её использованием будут невозможны.',
      IDENTITY_SHOWN,
    ],
    reasonLabel: 'Причина удаления',
  },
  add_child: {
    title: 'Заявление о добавлении сведений о ребёнке в учётную запись ЕСИА',
    name: 'добавление сведений о ребёнке в учётную запись',
    request: (account) =>
      `добавить в мою учётную запись в ЕСИА${account} сведения о моём ребёнке, указанные в заявлении, ` +
      'по предъявленному свидетельству о рождении.',
    statements: ['Подтверждаю, что являюсь родителем (законным представителем) ребёнка.', IDENTITY_SHOWN],
    reasonLabel: 'Примечание',
  },
};

// The ЕСИА's operator, into whose system the center enters the data (DOMAIN.md, «оператор ЕСИА»).
const ESIA_OPERATOR =
  'Министерство цифрового развития, связи и массовых коммуникаций Российской Федерации ' +
  '(Минцифры России), 125039, г. Москва, Пресненская набережная, д. 10, стр. 2';

const NO_DATA = 'нет сведений';

// ---- how values are printed ----

const fullName = (p: PersonName): string => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

/** "2026-11-24" -> "24.11.2026"; anything else as it came. */
function paperDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

const genderName = (g: 'M' | 'F'): string => (g === 'M' ? 'мужской' : 'женский');

/** ISO 3166 alpha-3, as the personal data keep it. */
const citizenshipName = (c: string): string => (c === 'RUS' ? 'Российская Федерация' : c);

// A no-break space: «19 04 № 123456» is not split across lines.
const NBSP = '\u00A0';

/** "1904", "123456" -> "19 04 № 123456", as a passport's series and number stand on its pages. */
const seriesAndNumber = (p: { series: string; number: string }): string =>
  `${/^\d{4}$/.test(p.series) ? `${p.series.slice(0, 2)}${NBSP}${p.series.slice(2)}` : p.series}${NBSP}№${NBSP}${p.number}`;

/** "+79211234567" -> "+7 (921) 123-45-67"; a number kept in another form as it is. */
function phoneOnPaper(value: string): string {
  const e164 = normalizeMobilePhone(value);
  return e164 ? formatPhone(e164) : value;
}

/** «Громова Анна Сергеевна» -> «А. С. Громова»; a name of another shape as it is. */
function operatorSignature(name: string): string {
  const [lastName, firstName, middleName, ...more] = name.trim().split(/\s+/);
  return lastName && firstName && !more.length
    ? signatureName({ lastName, firstName, middleName: middleName ?? null })
    : name;
}

/**
 * The login as the receipt shows it: enough for the citizen to know which one, not enough for
 * whoever finds the paper («***-***-445 95», «+7 (912) ***-**-89», «iv***@example.ru»).
 */
function maskedLogin(login: string, snils: string | null): { kind: string; masked: string } {
  const value = login.trim();
  if (value.includes('@'))
    return { kind: 'адрес электронной почты', masked: maskDestination('email', value) };
  const digits = digitsOnly(value);
  if (!value.startsWith('+') && (digits === snils || isValidSnils(value)))
    return { kind: 'СНИЛС', masked: `***-***-${formatSnils(digits).slice(8)}` };
  const phone = normalizeMobilePhone(value);
  if (phone) return { kind: 'номер мобильного телефона', masked: maskDestination('phone', phone) };
  const chars = Array.from(value);
  const keep = Math.min(2, Math.floor(chars.length / 4));
  return {
    kind: 'логин',
    masked: `${chars.slice(0, keep).join('')}***${chars.slice(chars.length - keep).join('')}`,
  };
}

// ---- the sheet every document shares: header, title, footer, signatures ----

interface Paper {
  sheet: Sheet;
  body: Style;
  bold: Style;
  label: Style;
  caption: Style;
  mono: PDFFont;
  /** a row of the data table */
  field: (name: string, value: string, nameWidth?: number) => void;
  /** a bold heading across the table */
  heading: (text: string) => void;
  paragraph: (text: string) => void;
  save: () => Promise<Uint8Array>;
}

async function startPaper(
  input: OperationDocumentInput,
  kind: 'Заявление' | 'Согласие' | 'Расписка',
  title: string,
  subtitle?: string,
): Promise<Paper> {
  const citizen = fullName(input.citizen);
  // Dates come from the input, so the same operation printed twice gives the same bytes.
  const { doc, regular, bold } = await createPdf({
    title,
    subject: `${kind}: ${OPERATIONS[input.operation].name}; операция ${input.operationId}`,
    author: input.organization.shortName,
    keywords: [input.operationId, input.operation],
    date: input.performedAt,
  });
  const mono = await embedFont(doc, 'mono');
  const body: Style = { font: regular, size: SIZE.body };
  const boldStyle: Style = { font: bold, size: SIZE.body };
  const label: Style = { font: regular, size: SIZE.label };
  const caption: Style = { font: regular, size: SIZE.caption, color: GREY };

  const performed = moscowDateTime(input.performedAt);
  const footer = pageFooter(
    { font: regular, size: SIZE.footer, color: GREY },
    `${kind} · ${citizen} · операция ${input.operationId} от ${performed}`,
    (page, pages) => `${input.center.name} · лист ${page} из ${pages}`,
  );
  const sheet = new Sheet(doc, footer.bottom);

  if (kind === 'Заявление') {
    // The addressee in the upper right half, as on any application (ГОСТ Р 7.0.97-2016, п. 5.8).
    const half = WIDTH / 2;
    const addressee = [
      ...wrap('В центр обслуживания ЕСИА', body, half),
      ...wrap(`${input.center.name}, ${input.center.address}`, body, half),
      ...wrap(`${input.organization.shortName}, ОГРН ${input.organization.ogrn}`, body, half),
      ...wrap(`от ${citizen}`, body, half),
    ];
    for (const line of addressee) drawLines(sheet.page, [line], LEFT + half, sheet.reserve(line.height));
    sheet.space(16);
  }
  sheet.text(wrap(title, { font: bold, size: SIZE.title }, WIDTH), { center: true });
  if (subtitle) sheet.text(wrap(subtitle, body, WIDTH), { center: true });
  sheet.space(10);

  return {
    sheet,
    body,
    bold: boldStyle,
    label,
    caption,
    mono,
    field: (name, value, nameWidth) => sheet.field(name, value, { name: label, value: body }, nameWidth),
    heading: (text) => sheet.box((width) => wrap(text, { font: bold, size: SIZE.label }, width)),
    paragraph: (text) => sheet.text(wrap(text, body, WIDTH)),
    save: () => {
      footer.draw(sheet.pages);
      return doc.save();
    },
  };
}

/**
 * «Заявитель ____ (подпись) А. С. Громова (расшифровка подписи) 24.11.2026 (дата)», one row per
 * signer, kept on one sheet with the text above them (`lead`) so no signature stands alone.
 */
function signatures(
  paper: Paper,
  lead: Line[],
  signers: { role: string; name: string; date: string }[],
): void {
  const roleWidth = WIDTH * 0.3;
  const gap = 10;
  const widths = [WIDTH * 0.2, WIDTH * 0.28];
  widths.push(WIDTH - roleWidth - widths[0]! - widths[1]! - 3 * gap);
  const rows = signers.map((s) => {
    const role = wrap(s.role, paper.body, roleWidth - gap);
    const cells: SignatureCell[] = [
      ['', '(подпись)'],
      [s.name, '(расшифровка подписи)'],
      [s.date, '(дата)'],
    ].map(([above, caption], i) => ({
      width: widths[i]!,
      above: above ? wrap(above, paper.body, widths[i]!) : [],
      caption: wrap(caption!, paper.caption, widths[i]!),
    }));
    const cellsAbove = Math.max(leading(SIZE.body), ...cells.map((c) => heightOf(c.above)));
    const above = Math.max(cellsAbove, heightOf(role) - 1);
    return { role, cells, cellsAbove, above, height: above - cellsAbove + signatureRowHeight(cells) };
  });
  const between = 14;
  let top = paper.sheet.reserve(heightOf(lead) + rows.reduce((sum, r) => sum + between + r.height, 0));
  const page = paper.sheet.page;
  drawLines(page, lead, LEFT, top);
  top -= heightOf(lead);
  for (const row of rows) {
    top -= between;
    // The role's last line stands on the level of the signature line.
    const lineY = top - row.above - 2;
    drawLines(page, row.role, LEFT, lineY + heightOf(row.role) - 1);
    drawSignatureRow(page, lineY + row.cellsAbove + 2, row.cells, gap, LEFT + roleWidth + gap);
    top -= row.height;
  }
}

function applicantSignature(paper: Paper, input: OperationDocumentInput, lead: Line[]): void {
  const date = moscowDate(input.performedAt);
  signatures(paper, lead, [
    { role: 'Заявитель', name: signatureName(input.citizen), date },
    { role: 'Оператор центра обслуживания', name: operatorSignature(input.operator.fullName), date },
  ]);
}

/** The citizen's data as the application prints them, in full: the center keeps this paper. */
function citizenFields(paper: Paper, c: OperationDocumentInput['citizen']): void {
  paper.heading('Сведения о заявителе');
  paper.field('Фамилия, имя, отчество (при наличии)', fullName(c));
  paper.field('Пол', c.gender ? genderName(c.gender) : NO_DATA);
  paper.field('Дата рождения', c.birthDate ? paperDate(c.birthDate) : NO_DATA);
  paper.field('Место рождения', c.birthPlace ?? NO_DATA);
  paper.field('Гражданство', c.citizenship ? citizenshipName(c.citizenship) : NO_DATA);
  paper.field(
    'Документ, удостоверяющий личность',
    c.passport ? `паспорт гражданина Российской Федерации, серия ${seriesAndNumber(c.passport)}` : NO_DATA,
  );
  if (c.passport) {
    paper.field(
      'Дата выдачи, код подразделения',
      `${paperDate(c.passport.issueDate)}, ${c.passport.issuerCode}`,
    );
    paper.field('Кем выдан', c.passport.issuedBy);
  }
  paper.field('СНИЛС', c.snils ? formatSnils(c.snils) : NO_DATA);
  paper.field('Мобильный телефон', c.phone ? phoneOnPaper(c.phone) : NO_DATA);
  paper.field('Адрес электронной почты', c.email ?? NO_DATA);
  if (c.oid) paper.field('Идентификатор учётной записи (OID)', c.oid);
}

function childOf(input: OperationDocumentInput): NonNullable<OperationDocumentInput['child']> {
  if (!input.child) throw new Error('Adding a child needs the child in the document input');
  return input.child;
}

function childFields(paper: Paper, child: NonNullable<OperationDocumentInput['child']>): void {
  paper.heading('Сведения о ребёнке');
  paper.field('Фамилия, имя, отчество (при наличии)', fullName(child));
  paper.field('Пол', genderName(child.gender));
  paper.field('Дата рождения', paperDate(child.birthDate));
  paper.field('Документ', `свидетельство о рождении, серия ${seriesAndNumber(child.birthCertificate)}`);
  paper.field('Дата выдачи', paperDate(child.birthCertificate.issueDate));
  paper.field('Кем выдано', child.birthCertificate.issuedBy);
  paper.field('СНИЛС', child.snils ? formatSnils(child.snils) : NO_DATA);
}

// ---- the three documents ----

/** «Заявление» the citizen signs for this operation (one per operation kind, titled and worded for it) */
export async function operationApplicationPdf(input: OperationDocumentInput): Promise<Uint8Array> {
  const text = OPERATIONS[input.operation];
  const child = input.operation === 'add_child' ? childOf(input) : null;
  const paper = await startPaper(input, 'Заявление', text.title);
  const account = input.citizen.oid ? ` (OID${NBSP}${input.citizen.oid})` : '';

  paper.paragraph(`Я, ${fullName(input.citizen)}, прошу ${text.request(account)}`);
  paper.sheet.space(8);
  citizenFields(paper, input.citizen);
  if (child) childFields(paper, child);
  const reason = input.reason?.trim();
  if (reason || input.operation === 'deletion') paper.field(text.reasonLabel, reason || 'не указана');
  paper.sheet.space(10);

  const lead = [
    ...text.statements,
    'Согласие на обработку персональных данных оформлено отдельным документом.',
  ].flatMap((s) => wrap(s, paper.body, WIDTH));
  applicantSignature(paper, input, lead);
  return paper.save();
}

/** «Согласие на обработку персональных данных», a separate document, with the contents 152-ФЗ ст. 9 ч. 4 requires */
export async function consentPdf(input: OperationDocumentInput): Promise<Uint8Array> {
  const c = input.citizen;
  const child = input.operation === 'add_child' ? childOf(input) : null;
  const paper = await startPaper(input, 'Согласие', 'Согласие на обработку персональных данных');

  // Ст. 9 ч. 4 п. 1: the subject's name, address and identity document with its issue.
  const document = c.passport
    ? `паспорт гражданина Российской Федерации серия ${seriesAndNumber(c.passport)}, ` +
      `выдан ${paperDate(c.passport.issueDate)} ${c.passport.issuedBy}, код подразделения ${c.passport.issuerCode}`
    : null;
  paper.paragraph(
    `Я, ${fullName(c)}${c.birthDate ? `, ${paperDate(c.birthDate)} года рождения` : ''}` +
      (document ? `, ${document},` : ','),
  );
  if (!document)
    writeIn(paper, 'документ, удостоверяющий личность (вид, серия, номер, дата выдачи, кем выдан):', 2);
  // The data the workstation has carry no address: the citizen writes it in by hand.
  writeIn(paper, 'адрес места жительства (регистрации):', 2);
  paper.paragraph(
    'в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных» ' +
      'свободно, своей волей и в своём интересе даю согласие на обработку моих персональных данных' +
      (child ? ' и персональных данных моего ребёнка, законным представителем которого я являюсь,' : '') +
      ' на следующих условиях.',
  );
  paper.sheet.space(8);

  const op = OPERATIONS[input.operation];
  // The terms' names are short and their texts long: a narrower first column.
  const term = (name: string, value: string): void => paper.field(name, value, WIDTH * 0.32);
  // Ст. 9 ч. 4 п. 3: the operator who receives the consent, with its address.
  term(
    'Оператор, получающий согласие',
    `${input.organization.shortName}, ОГРН ${input.organization.ogrn}; центр обслуживания ` +
      `«${input.center.name}», адрес: ${input.center.address}`,
  );
  term('Оператор ЕСИА, в которую вносятся персональные данные', ESIA_OPERATOR);
  if (child)
    // Ст. 9 ч. 4 п. 2: consent given by a representative, with the document of the authority.
    term(
      'Субъект, за которого согласие даёт законный представитель',
      `${fullName(child)}, ${paperDate(child.birthDate)} года рождения; полномочие подтверждает ` +
        `свидетельство о рождении серия ${seriesAndNumber(child.birthCertificate)}, ` +
        `выдано ${paperDate(child.birthCertificate.issueDate)} ${child.birthCertificate.issuedBy}`,
    );
  // Ст. 9 ч. 4 п. 4.
  term(
    'Цель обработки',
    `${capitalized(op.name)} в центре обслуживания; ведение учётной записи в Единой системе ` +
      'идентификации и аутентификации (ЕСИА), идентификация и аутентификация при получении ' +
      'государственных и муниципальных услуг в электронной форме; выдача ключа простой электронной ' +
      'подписи (постановление Правительства Российской Федерации от 25.01.2013 № 33).',
  );
  // Ст. 9 ч. 4 п. 5: what this operation takes, no more (ст. 5 ч. 5).
  term('Перечень персональных данных', dataList(input, child));
  // Ст. 9 ч. 4 п. 7 (ст. 3 п. 3 lists the actions).
  term(
    'Действия с персональными данными и способы обработки',
    'Сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), ' +
      'извлечение, использование, передача (предоставление, доступ) оператору ЕСИА, а для проверки ' +
      'СНИЛС и паспорта — Социальному фонду России и МВД России, блокирование, удаление, уничтожение; ' +
      'с использованием средств автоматизации и без их использования (на бумажных носителях).',
  );
  // Ст. 9 ч. 4 п. 8.
  term(
    'Срок действия согласия',
    'Со дня подписания до достижения целей обработки или до дня отзыва согласия.',
  );
  term(
    'Порядок отзыва согласия',
    'Письменным заявлением, поданным лично в центр обслуживания ' +
      `«${input.center.name}» по адресу: ${input.center.address}, или направленным оператору ` +
      `${input.organization.shortName}. После отзыва оператор вправе продолжить обработку без согласия ` +
      'при наличии оснований, указанных в пунктах 2–11 части 1 статьи 6, части 2 статьи 10 и части 2 ' +
      'статьи 11 Федерального закона № 152-ФЗ (часть 2 статьи 9).',
  );
  paper.sheet.space(10);

  // Ст. 9 ч. 4 п. 9: the subject's signature.
  const date = moscowDate(input.performedAt);
  signatures(
    paper,
    [],
    [
      { role: 'Субъект персональных данных', name: signatureName(c), date },
      { role: 'Оператор центра обслуживания', name: operatorSignature(input.operator.fullName), date },
    ],
  );
  return paper.save();
}

/** «Расписка» with the login (СНИЛС, phone or e-mail) and the temporary password, to be changed at first sign-in */
export async function receiptPdf(
  input: OperationDocumentInput & { temporaryPassword: string; login: string },
): Promise<Uint8Array> {
  // A deleted account has no login, and a child is added to an account that has its own password.
  if (input.operation === 'deletion' || input.operation === 'add_child')
    throw new Error(`No password is issued for the operation ${input.operation}`);
  const paper = await startPaper(
    input,
    'Расписка',
    'Расписка в получении ключа простой электронной подписи',
    '(временного пароля для входа в ЕСИА)',
  );
  const login = maskedLogin(input.login, input.citizen.snils);

  paper.field('Заявитель', fullName(input.citizen));
  paper.field(
    'Операция',
    `${capitalized(OPERATIONS[input.operation].name)}, ${moscowDateTime(input.performedAt)}`,
  );
  paper.field('Центр обслуживания', `${input.center.name}, ${input.center.address}`);
  paper.field('Логин', `${login.masked} (${login.kind})`);
  // The password alone on its row, large and monospace: it is typed off the paper.
  paper.sheet.field('Временный пароль', input.temporaryPassword, {
    name: paper.label,
    value: { font: paper.mono, size: 14 },
  });
  paper.sheet.space(10);
  paper.sheet.box((width) => [
    ...wrap('Внимание!', { ...paper.bold, size: SIZE.label }, width),
    ...wrap(
      'Пароль является ключом простой электронной подписи (Правила использования простой электронной ' +
        'подписи при оказании государственных и муниципальных услуг, утверждённые постановлением ' +
        'Правительства Российской Федерации от 25.01.2013 № 33): документы, подписанные им при получении ' +
        'услуг, признаются подписанными вами.\n' +
        'Пароль временный: при первом входе в ЕСИА его необходимо сменить.\n' +
        'Никому не сообщайте пароль и не передавайте эту расписку, в том числе сотрудникам центра ' +
        'обслуживания и службы поддержки: они никогда не спрашивают пароль. После смены пароля ' +
        'уничтожьте расписку.',
      paper.label,
      width,
    ),
  ]);

  // The stub below the cut stays at the center: the citizen's signature, no password on it.
  const date = moscowDate(input.performedAt);
  const cut = wrap('линия отреза', paper.caption, WIDTH);
  const stub = [
    ...wrap('Корешок расписки (остаётся в центре обслуживания)', paper.bold, WIDTH),
    ...wrap(
      `Я, ${fullName(input.citizen)}, получил(а) ключ простой электронной подписи (временный пароль) ` +
        `для входа в ЕСИА по логину ${login.masked}. С правилами обращения с паролем ознакомлен(а). ` +
        `Операция ${input.operationId}.`,
      paper.body,
      WIDTH,
    ),
  ];
  const cutTop = paper.sheet.reserve(30 + heightOf(cut) + 8);
  drawCutLine(paper.sheet.page, cutTop - 24, cut);
  signatures(paper, stub, [
    { role: 'Пароль получил(а)', name: signatureName(input.citizen), date },
    {
      role: 'Оператор центра обслуживания',
      name: operatorSignature(input.operator.fullName),
      date,
    },
  ]);
  return paper.save();
}

// ---- pieces of the documents above ----

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A label and ruled lines under it, for what the citizen writes in by hand. */
function writeIn(paper: Paper, label: string, lines: number): void {
  paper.paragraph(label);
  for (let i = 0; i < lines; i++) {
    const top = paper.sheet.reserve(20);
    paper.sheet.page.drawLine({
      start: { x: LEFT, y: top - 18 },
      end: { x: RIGHT, y: top - 18 },
      thickness: 0.5,
      color: BLACK,
    });
  }
}

/** A dashed line across the page with its caption in the middle. */
function drawCutLine(page: PDFPage, y: number, caption: Line[]): void {
  page.drawLine({
    start: { x: LEFT, y },
    end: { x: RIGHT, y },
    thickness: 0.5,
    color: GREY,
    dashArray: [4, 3],
  });
  drawLines(page, caption, LEFT, y - 2, { width: WIDTH, center: true });
}

/** The consent's list of data: what this document carries about the citizen (and the child). */
function dataList(input: OperationDocumentInput, child: OperationDocumentInput['child'] | null): string {
  const c = input.citizen;
  const items = [
    'фамилия, имя, отчество',
    c.gender && 'пол',
    c.birthDate && 'дата рождения',
    c.birthPlace && 'место рождения',
    c.citizenship && 'гражданство',
    c.passport && 'серия, номер, дата выдачи паспорта, наименование и код выдавшего его подразделения',
    c.snils && 'СНИЛС',
    c.phone && 'номер мобильного телефона',
    c.email && 'адрес электронной почты',
    c.oid && 'идентификатор учётной записи в ЕСИА',
    'сведения о выполненной операции и её дате',
  ].filter((item): item is string => !!item);
  const own = capitalized(items.join(', ')) + '.';
  return child
    ? `${own} О ребёнке: фамилия, имя, отчество, пол, дата рождения, реквизиты свидетельства о рождении` +
        `${child.snils ? ', СНИЛС' : ''}.`
    : own;
}
