import { PageSizes, rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * Laying out text on A4 with pdf-lib, which draws a string where it is told and nothing more: line
 * breaking by measured width, a cursor going down the pages, bordered table rows, signature lines
 * and the footer. Shared by the application forms and the operator workstation's documents.
 */

// ---- page geometry (points); margins as ГОСТ Р 7.0.97-2016 sets for documents ----

const MM = 72 / 25.4;
const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
export const LEFT = 20 * MM;
export const RIGHT = PAGE_WIDTH - 15 * MM;
const TOP = PAGE_HEIGHT - 20 * MM;
const FOOTER_BOTTOM = 10 * MM;
export const WIDTH = RIGHT - LEFT;
const LABEL_WIDTH = WIDTH * 0.45;
const CELL_PAD = 4;
export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.35, 0.35, 0.35);

export const SIZE = { title: 12, body: 10.5, label: 10, note: 8, caption: 7.5, footer: 7.5 } as const;
export const leading = (size: number): number => size * 1.3;

export interface Style {
  font: PDFFont;
  size: number;
  color?: typeof BLACK;
}

export interface Line extends Style {
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
export function widthOf(text: string, style: Style): number {
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
export function wrap(value: string, style: Style, width: number): Line[] {
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

export const heightOf = (lines: Line[]): number => lines.reduce((sum, l) => sum + l.height, 0);

/** Draws lines from `top` downwards; the baseline sits a font size below each line's top. */
export function drawLines(
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
export class Sheet {
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

  /** A row of the form's table: the field's name on the left, its value on the right. */
  field(name: string, value: string, styles: { name: Style; value: Style }, nameWidth = LABEL_WIDTH): void {
    const valueWidth = WIDTH - nameWidth;
    this.row([
      { width: nameWidth, lines: wrap(name, styles.name, nameWidth - 2 * CELL_PAD) },
      { width: valueWidth, lines: wrap(value, styles.value, valueWidth - 2 * CELL_PAD) },
    ]);
  }

  /** A bordered box across the page: a heading in the table, a warning. */
  box(lines: (width: number) => Line[]): void {
    this.row([{ width: WIDTH, lines: lines(WIDTH - 2 * CELL_PAD) }]);
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

/** One place to sign or write: what is printed above the line, and the caption under it. */
export interface SignatureCell {
  width: number;
  above: Line[];
  caption: Line[];
}

/** The height of a row of signature lines: the tallest text above, the line, the tallest caption. */
export function signatureRowHeight(cells: SignatureCell[]): number {
  return (
    Math.max(leading(SIZE.body), ...cells.map((c) => heightOf(c.above))) +
    2 +
    Math.max(...cells.map((c) => heightOf(c.caption)))
  );
}

/**
 * «_____ (подпись) _____ (расшифровка подписи)»: the cells from `x` rightwards, `gap` apart, each a
 * line with its text standing on it and its caption centred under it.
 */
export function drawSignatureRow(
  page: PDFPage,
  top: number,
  cells: SignatureCell[],
  gap: number,
  x = LEFT,
): void {
  const lineY = top - Math.max(leading(SIZE.body), ...cells.map((c) => heightOf(c.above))) - 2;
  for (const cell of cells) {
    drawLines(page, cell.above, x, lineY + heightOf(cell.above) + 2);
    page.drawLine({
      start: { x, y: lineY },
      end: { x: x + cell.width, y: lineY },
      thickness: 0.5,
      color: BLACK,
    });
    drawLines(page, cell.caption, x, lineY - 2, { width: cell.width, center: true });
    x += cell.width + gap;
  }
}

/**
 * The footer of every page: lines that are the same on each (what the paper is) and a last one
 * that counts the sheets, drawn once all pages are laid out. `height` is what the pages keep free.
 */
export function pageFooter(
  style: Style,
  head: string,
  last: (page: number, pages: number) => string,
): { bottom: number; draw: (pages: PDFPage[]) => void } {
  const headLines = wrap(head, style, WIDTH);
  const height = heightOf(headLines) + leading(style.size) + 6;
  return {
    // where the sheet's content stops
    bottom: FOOTER_BOTTOM + height + 12,
    draw(pages) {
      pages.forEach((p, i) => {
        const lines = [...headLines, ...wrap(last(i + 1, pages.length), style, WIDTH)];
        const footerTop = FOOTER_BOTTOM + heightOf(lines);
        p.drawLine({
          start: { x: LEFT, y: footerTop + 4 },
          end: { x: RIGHT, y: footerTop + 4 },
          thickness: 0.3,
          color: GREY,
        });
        drawLines(p, lines, LEFT, footerTop);
      });
    },
  };
}

/** «А. С. Громова»: how a signature is spelled out under Russian documents. */
export function signatureName(person: {
  lastName: string;
  firstName: string;
  middleName: string | null;
}): string {
  const initial = (name: string): string => `${Array.from(name)[0] ?? ''}.`;
  const initials = [person.firstName, person.middleName].filter((n): n is string => !!n).map(initial);
  return [...initials, person.lastName].join(' ');
}
