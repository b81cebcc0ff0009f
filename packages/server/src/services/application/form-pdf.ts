import { organizationTypeLabels, type ApplicationContent, type ApplicationForm } from '@openesia/contracts';
import { applicationDigest, canonicalApplication } from '../../domain/application/canonical.js';
import { moscowDateTime } from '../../domain/shared/moscow-time.js';
import { createPdf } from '../../lib/pdf-fonts.js';
import * as layout from '../../lib/pdf-layout.js';

/**
 * The paper form of an application, to be printed, signed by the head (or the deputy responsible
 * for informatization), stamped and scanned (seed 000, section 4; seed 003, «Подготовка заявки»
 * and appendix 1, whose layout this follows: the table of fields, «Данные об УЛ» with its warning,
 * the request, the signature line, «М.П.», the date). Each page's footer names the application,
 * its version and the start of the SHA-256 of that version's canonical form, so a returned scan
 * is matched to the version it was printed from.
 */

export interface ApplicationPdfInput {
  form: ApplicationForm;
  applicationId: string;
  version: number;
  content: ApplicationContent;
  /** named in the PDF's metadata; the sheet prints the content's own name and ОГРН */
  organization: { shortName: string };
  generatedAt: Date;
}

/**
 * The titles as the seeds word them: Форма И is seed 003's appendix 1; Форма З is the «Заявка на
 * согласование права использования ЕСИА и создание записи регистра…» of seed 002 (item 3 and the
 * list of materials), appendix З of the ЕСИА regulations (seed 004, 3.1).
 */
const FORM_TEXT: Record<ApplicationForm, { name: string; title: string; request: string }> = {
  form_z: {
    name: 'Форма З',
    title:
      'Заявка на согласование права использования ЕСИА и создание записи регистра органов и организаций, ' +
      'имеющих право создания (замены) и выдачи ключа простой электронной подписи',
    // Seed 000, section 4: the status this form asks for.
    request:
      'Прошу присвоить организации статус уполномоченной организации, имеющей право создания (замены) ' +
      'и выдачи ключа простой электронной подписи.',
  },
  form_i: {
    name: 'Форма И',
    title: 'Заявка на согласование права использования веб-приложения «Центр обслуживания»',
    request: 'Прошу предоставить доступ к веб-приложению «Центр обслуживания».',
  },
};

/** Seed 003, appendix 1: the note under «Данные об УЛ», word for word. */
const RESPONSIBLE_NOTE =
  'Данное лицо несет ответственность за осуществление операций, выполняемых в Центрах обслуживания ' +
  'данного Оператора выдачи ключа ПЭП. При наличии жалоб на Центры обслуживания данной организации ' +
  'и в отсутствие реагирования Ответственного на запросы Оператора эксплуатации ИЭП, Минкомсвязь ' +
  'России оставляет за собой право блокировать данного Оператора выдачи ключа ПЭП';

export async function renderApplicationPdf(input: ApplicationPdfInput): Promise<Uint8Array> {
  const { form, applicationId, version, content, organization, generatedAt } = input;
  const text = FORM_TEXT[form];
  const digest = applicationDigest(canonicalApplication({ id: applicationId, form, version, content }));

  // Dates and producer are set from the input, so the same version printed twice gives the same bytes.
  const { doc, regular, bold } = await createPdf({
    title: `${text.name}. ${text.title}`,
    subject: `Заявка ${applicationId}, версия ${version}`,
    author: organization.shortName,
    keywords: [applicationId, `version ${version}`, `sha256 ${digest}`],
    date: generatedAt,
  });

  const body: layout.Style = { font: regular, size: layout.SIZE.body };
  const label: layout.Style = { font: regular, size: layout.SIZE.label };
  const caption: layout.Style = { font: regular, size: layout.SIZE.caption, color: layout.GREY };

  const generated = moscowDateTime(generatedAt);
  const footer = layout.pageFooter(
    { font: regular, size: layout.SIZE.footer, color: layout.GREY },
    `${text.name} · заявка ${applicationId} · версия ${version} · SHA-256: ${digest.slice(0, 16)}`,
    (page, pages) => `Сформирована ${generated} · лист ${page} из ${pages}`,
  );
  const sheet = new layout.Sheet(doc, footer.bottom);

  sheet.text(layout.wrap(text.name, { font: regular, size: layout.SIZE.label }, layout.WIDTH), {
    right: true,
  });
  sheet.space(8);
  sheet.text(layout.wrap(text.title, { font: bold, size: layout.SIZE.title }, layout.WIDTH), {
    center: true,
  });
  sheet.space(12);

  const field = (name: string, value: string): void => sheet.field(name, value, { name: label, value: body });
  const r = content.responsible;

  field('Полное наименование органа/организации', content.organizationFullName);
  field('ОГРН органа/организации', content.ogrn);
  field(
    `Тип организации (${Object.values(organizationTypeLabels).join('/ ')})`,
    organizationTypeLabels[content.organizationType],
  );
  sheet.box((width) => [
    ...layout.wrap('Данные об УЛ', { font: bold, size: layout.SIZE.label }, width),
    ...layout.wrap(RESPONSIBLE_NOTE, { font: regular, size: layout.SIZE.note }, width),
  ]);
  field('фамилия', r.lastName);
  field('имя', r.firstName);
  // The contract lets a person without a patronymic apply; an empty cell would invite a pen.
  field('отчество', r.middleName || 'отсутствует');
  field('должность', r.position);
  field('рабочий телефон', r.workPhone);
  field('мобильный телефон', r.mobilePhone);
  field('адрес электронной почты', r.email);

  sheet.space(16);
  const request = layout.wrap(text.request, body, layout.WIDTH);

  // Seed 003: «_____ (должность) _____ (подпись) _____ (расшифровка подписи)», then «М.П.» and
  // «_____ (дата)»; the signatory's (the head's or the deputy's) position and name on their lines.
  const gap = 14;
  const widths = [
    layout.WIDTH * 0.42,
    layout.WIDTH * 0.22,
    layout.WIDTH - layout.WIDTH * 0.42 - layout.WIDTH * 0.22 - 2 * gap,
  ];
  const above = [
    content.signatory.position,
    '',
    layout.signatureName({ ...content.signatory, middleName: content.signatory.middleName ?? null }),
  ];
  const signatures: layout.SignatureCell[] = ['(должность)', '(подпись)', '(расшифровка подписи)'].map(
    (c, i) => ({
      width: widths[i]!,
      above: above[i] ? layout.wrap(above[i], body, widths[i]!) : [],
      caption: layout.wrap(c, caption, widths[i]!),
    }),
  );
  const date: layout.SignatureCell[] = [
    { width: widths[0]! * 0.6, above: [], caption: layout.wrap('(дата)', caption, layout.WIDTH) },
  ];
  // The request and the signature under it stay on one sheet: a signature alone on the last
  // sheet would not show what it signs.
  const requestTop = sheet.reserve(
    layout.heightOf(request) +
      28 +
      layout.signatureRowHeight(signatures) +
      30 +
      22 +
      layout.signatureRowHeight(date),
  );
  const page = sheet.page;
  layout.drawLines(page, request, layout.LEFT, requestTop);
  const signaturesTop = requestTop - layout.heightOf(request) - 28;
  layout.drawSignatureRow(page, signaturesTop, signatures, gap);
  const stampTop = signaturesTop - layout.signatureRowHeight(signatures) - 30;
  layout.drawLines(page, layout.wrap('М.П.', body, layout.WIDTH), layout.LEFT, stampTop);
  // the date's line 24 pt under «М.П.»
  layout.drawSignatureRow(page, stampTop - 22, date, gap);

  footer.draw(sheet.pages);
  return doc.save();
}
