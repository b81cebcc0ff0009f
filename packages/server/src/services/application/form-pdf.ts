import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { organizationTypeLabels, type ApplicationContent, type ApplicationForm } from '@openesia/contracts';
import { PDFDocument, PageSizes, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { applicationDigest, canonicalApplication } from '../../domain/application/canonical.js';
import { moscowDateTime } from '../../domain/shared/moscow-time.js';

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

// ---- the font: DejaVu Serif (Cyrillic, ё and й included) from the dejavu-fonts-ttf package ----

interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

let fontBytes: Promise<FontBytes> | undefined;

/** Read once per process; pdf-lib embeds a subset of the glyphs each document uses. */
function loadFonts(): Promise<FontBytes> {
  // Resolved through Node's own lookup, so the files are found wherever npm put the package.
  const require = createRequire(import.meta.url);
  fontBytes ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf')),
  ]).then(
    ([regular, bold]) => ({ regular, bold }),
    (err: unknown) => {
      fontBytes = undefined; // a failed read is tried again next time, not remembered
      throw err;
    },
  );
  return fontBytes;
}

// ---- page geometry (points); margins as ГОСТ Р 7.0.97-2016 sets for documents ----

const MM = 72 / 25.4;
const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const LEFT = 20 * MM;
const RIGHT = PAGE_WIDTH - 15 * MM;
const TOP = PAGE_HEIGHT - 20 * MM;
const FOOTER_BOTTOM = 10 * MM;
const WIDTH = RIGHT - LEFT;
const LABEL_WIDTH = WIDTH * 0.45;
const CELL_PAD = 4;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

const SIZE = { title: 12, body: 10.5, label: 10, note: 8, caption: 7.5, footer: 7.5 } as const;
const leading = (size: number): number => size * 1.3;

interface Style {
  font: PDFFont;
  size: number;
  color?: typeof BLACK;
}

interface Line extends Style {
  text: string;
  height: number;
}

/** Control characters and lone surrogates cannot be drawn; line breaks are kept as paragraphs. */
function paragraphsOf(value: string): string[] {
  return value
    .replace(/[\uD800-\uDFFF]/gu, '\uFFFD') // with the u flag only a lone surrogate matches
    .split(/\r\n|\r|\n/)
    .map((p) => p.replace(/\p{Cc}/gu, ' '));
}

/**
 * The width of a text: the sum of its characters' advances, each measured once per font. pdf-lib
 * draws glyphs at their own advances (no kerning), so the sum is what is drawn, or wider where a
 * ligature joins two letters; measuring whole strings through fontkit's layout is some 100 times slower.
 */
const advances = new WeakMap<PDFFont, Map<string, number>>();
function widthOf(text: string, style: Style): number {
  let known = advances.get(style.font);
  if (!known) advances.set(style.font, (known = new Map()));
  let width = 0;
  for (const char of text) {
    let advance = known.get(char);
    if (advance === undefined) known.set(char, (advance = style.font.widthOfTextAtSize(char, 1)));
    width += advance;
  }
  return width * style.size;
}

/**
 * Greedy line breaking by measured width: at spaces, and inside a word only when the word alone
 * is wider than the line (an e-mail address, a name typed without spaces).
 */
function wrap(value: string, style: Style, width: number): Line[] {
  const fits = (s: string): boolean => widthOf(s, style) <= width;
  const lines: string[] = [];
  for (const paragraph of paragraphsOf(value)) {
    let current = '';
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (fits(candidate)) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = '';
      if (fits(word)) {
        current = word;
        continue;
      }
      for (const char of word) {
        if (current && !fits(current + char)) {
          lines.push(current);
          current = '';
        }
        current += char;
      }
    }
    lines.push(current);
  }
  return lines.map((text) => ({ ...style, text, height: leading(style.size) }));
}

const heightOf = (lines: Line[]): number => lines.reduce((sum, l) => sum + l.height, 0);

/** Draws lines from `top` downwards; the baseline sits a font size below each line's top. */
function drawLines(
  page: PDFPage,
  lines: Line[],
  x: number,
  top: number,
  align: { width: number; center?: boolean; right?: boolean } = { width: 0 },
): void {
  let y = top;
  for (const line of lines) {
    const w = widthOf(line.text, line);
    const dx = align.center ? (align.width - w) / 2 : align.right ? align.width - w : 0;
    page.drawText(line.text, {
      x: x + dx,
      y: y - line.size,
      size: line.size,
      font: line.font,
      color: line.color ?? BLACK,
    });
    y -= line.height;
  }
}

/** Pages in order and a cursor going down them; a new page opens when the next piece does not fit. */
class Sheet {
  readonly pages: PDFPage[] = [];
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly bottom: number,
  ) {
    this.newPage();
  }

  get page(): PDFPage {
    return this.pages[this.pages.length - 1]!;
  }

  newPage(): void {
    this.pages.push(this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]));
    this.y = TOP;
  }

  space(height: number): void {
    this.y -= height;
  }

  /** Keeps a block of this height together: on this page if it fits, else on the next. */
  reserve(height: number): number {
    if (this.y - height < this.bottom && this.y < TOP) this.newPage();
    const top = this.y;
    this.y -= height;
    return top;
  }

  /** A paragraph, line by line, going on to the next page where it does not fit. */
  text(lines: Line[], align: { center?: boolean; right?: boolean } = {}): void {
    for (const line of lines)
      drawLines(this.page, [line], LEFT, this.reserve(line.height), { width: WIDTH, ...align });
  }

  /**
   * A table row of cells side by side, bordered. A row that fits on a fresh page is never split;
   * a longer one (a very long name) goes on across pages, each part bordered.
   */
  row(cells: { width: number; lines: Line[] }[]): void {
    const whole = Math.max(...cells.map((c) => heightOf(c.lines))) + 2 * CELL_PAD;
    if (this.y - whole < this.bottom && whole <= TOP - this.bottom && this.y < TOP) this.newPage();
    const rest = cells.map((c) => [...c.lines]);
    do {
      if (this.y - this.bottom - 2 * CELL_PAD < leading(SIZE.body)) this.newPage();
      const room = this.y - this.bottom - 2 * CELL_PAD;
      const parts = rest.map((lines) => {
        // At least one line, so a line taller than a page (it cannot be) could not loop forever.
        let taken = lines.length ? 1 : 0;
        let height = lines[0]?.height ?? 0;
        while (taken < lines.length && height + lines[taken]!.height <= room)
          height += lines[taken++]!.height;
        return lines.splice(0, taken);
      });
      const height = Math.max(...parts.map(heightOf)) + 2 * CELL_PAD;
      let x = LEFT;
      cells.forEach((cell, i) => {
        this.page.drawRectangle({
          x,
          y: this.y - height,
          width: cell.width,
          height,
          borderColor: BLACK,
          borderWidth: 0.5,
        });
        drawLines(this.page, parts[i]!, x + CELL_PAD, this.y - CELL_PAD);
        x += cell.width;
      });
      this.y -= height;
      if (rest.some((lines) => lines.length > 0)) this.newPage();
    } while (rest.some((lines) => lines.length > 0));
  }
}

/** «А. С. Громова»: how a signature is spelled out under Russian documents. */
function signatureName(person: { lastName: string; firstName: string; middleName: string | null }): string {
  const initial = (name: string): string => `${Array.from(name)[0] ?? ''}.`;
  const initials = [person.firstName, person.middleName].filter((n): n is string => !!n).map(initial);
  return [...initials, person.lastName].join(' ');
}

export async function renderApplicationPdf(input: ApplicationPdfInput): Promise<Uint8Array> {
  const { form, applicationId, version, content, organization, generatedAt } = input;
  const text = FORM_TEXT[form];
  const digest = applicationDigest(canonicalApplication({ id: applicationId, form, version, content }));

  // Dates and producer are set from the input, so the same version printed twice gives the same bytes.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const bytes = await loadFonts();
  const regular = await doc.embedFont(bytes.regular, { subset: true });
  const bold = await doc.embedFont(bytes.bold, { subset: true });
  doc.setTitle(`${text.name}. ${text.title}`);
  doc.setSubject(`Заявка ${applicationId}, версия ${version}`);
  doc.setAuthor(organization.shortName);
  doc.setKeywords([applicationId, `version ${version}`, `sha256 ${digest}`]);
  doc.setCreator('OpenESIA');
  doc.setProducer('OpenESIA');
  doc.setLanguage('ru-RU');
  doc.setCreationDate(generatedAt);
  doc.setModificationDate(generatedAt);

  const body: Style = { font: regular, size: SIZE.body };
  const label: Style = { font: regular, size: SIZE.label };
  const footerStyle: Style = { font: regular, size: SIZE.footer, color: GREY };

  // The footer's first line is the same on every page; its height is reserved before the layout.
  const footerHead = wrap(
    `${text.name} · заявка ${applicationId} · версия ${version} · SHA-256: ${digest.slice(0, 16)}`,
    footerStyle,
    WIDTH,
  );
  const footerHeight = heightOf(footerHead) + leading(SIZE.footer) + 6;
  const sheet = new Sheet(doc, FOOTER_BOTTOM + footerHeight + 12);

  sheet.text(wrap(text.name, { font: regular, size: SIZE.label }, WIDTH), { right: true });
  sheet.space(8);
  sheet.text(wrap(text.title, { font: bold, size: SIZE.title }, WIDTH), { center: true });
  sheet.space(12);

  const valueWidth = WIDTH - LABEL_WIDTH;
  const field = (name: string, value: string): void =>
    sheet.row([
      { width: LABEL_WIDTH, lines: wrap(name, label, LABEL_WIDTH - 2 * CELL_PAD) },
      { width: valueWidth, lines: wrap(value, body, valueWidth - 2 * CELL_PAD) },
    ]);
  const r = content.responsible;

  field('Полное наименование органа/организации', content.organizationFullName);
  field('ОГРН органа/организации', content.ogrn);
  field(
    `Тип организации (${Object.values(organizationTypeLabels).join('/ ')})`,
    organizationTypeLabels[content.organizationType],
  );
  sheet.row([
    {
      width: WIDTH,
      lines: [
        ...wrap('Данные об УЛ', { font: bold, size: SIZE.label }, WIDTH - 2 * CELL_PAD),
        ...wrap(RESPONSIBLE_NOTE, { font: regular, size: SIZE.note }, WIDTH - 2 * CELL_PAD),
      ],
    },
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
  const request = wrap(text.request, body, WIDTH);

  // Seed 003: «_____ (должность) _____ (подпись) _____ (расшифровка подписи)», then «М.П.» and
  // «_____ (дата)»; the signatory's (the head's or the deputy's) position and name on their lines.
  const gap = 14;
  const columns = [WIDTH * 0.42, WIDTH * 0.22, WIDTH - WIDTH * 0.42 - WIDTH * 0.22 - 2 * gap];
  const above = [
    wrap(content.signatory.position, body, columns[0]!),
    [],
    wrap(
      signatureName({ ...content.signatory, middleName: content.signatory.middleName ?? null }),
      body,
      columns[2]!,
    ),
  ];
  const captions = ['(должность)', '(подпись)', '(расшифровка подписи)'].map((c, i) =>
    wrap(c, { font: regular, size: SIZE.caption, color: GREY }, columns[i]!),
  );
  const aboveHeight = Math.max(leading(SIZE.body), ...above.map(heightOf));
  const captionHeight = Math.max(...captions.map(heightOf));
  const stampHeight = 28 + leading(SIZE.body);
  const dateHeight = 24 + 2 + captionHeight;
  // The request and the signature under it stay on one sheet: a signature alone on the last
  // sheet would not show what it signs.
  const requestTop = sheet.reserve(
    heightOf(request) + 28 + aboveHeight + 2 + captionHeight + stampHeight + dateHeight,
  );
  const page = sheet.page;
  drawLines(page, request, LEFT, requestTop);
  const top = requestTop - heightOf(request) - 28;
  const lineY = top - aboveHeight - 2;
  let x = LEFT;
  columns.forEach((width, i) => {
    drawLines(page, above[i]!, x, lineY + heightOf(above[i]!) + 2);
    page.drawLine({ start: { x, y: lineY }, end: { x: x + width, y: lineY }, thickness: 0.5, color: BLACK });
    drawLines(page, captions[i]!, x, lineY - 2, { width, center: true });
    x += width + gap;
  });
  const stampTop = lineY - 2 - captionHeight - 28;
  drawLines(page, wrap('М.П.', body, WIDTH), LEFT, stampTop);
  const dateLineY = stampTop - leading(SIZE.body) - 24;
  page.drawLine({
    start: { x: LEFT, y: dateLineY },
    end: { x: LEFT + columns[0]! * 0.6, y: dateLineY },
    thickness: 0.5,
    color: BLACK,
  });
  drawLines(
    page,
    wrap('(дата)', { font: regular, size: SIZE.caption, color: GREY }, WIDTH),
    LEFT,
    dateLineY - 2,
    {
      width: columns[0]! * 0.6,
      center: true,
    },
  );

  const generated = moscowDateTime(generatedAt);
  sheet.pages.forEach((p, i) => {
    const lines = [
      ...footerHead,
      ...wrap(`Сформирована ${generated} · лист ${i + 1} из ${sheet.pages.length}`, footerStyle, WIDTH),
    ];
    const footerTop = FOOTER_BOTTOM + heightOf(lines);
    p.drawLine({
      start: { x: LEFT, y: footerTop + 4 },
      end: { x: RIGHT, y: footerTop + 4 },
      thickness: 0.3,
      color: GREY,
    });
    drawLines(p, lines, LEFT, footerTop);
  });

  return doc.save();
}
