import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A page of a PDF as a viewer shows it. */
export interface PdfPage {
  width: number;
  /** the text items in drawing order, each with where it stands */
  items: { str: string; x: number; y: number; width: number }[];
  /** the items joined, runs of whitespace made one space */
  text: string;
  /** the same without the footer (the bottom 2 cm) */
  body: string;
}

/** Reads the text back with PDF.js, the reader Firefox uses: what a person's viewer would show. */
export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  // PDF.js takes the buffer over (and refuses a Node Buffer): it gets a plain copy.
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 })
    .promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      'str' in item ? [{ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width }] : [],
    );
    const join = (list: typeof items): string =>
      list
        .map((i) => i.str)
        .join(' ')
        .replace(/\s+/g, ' ');
    const text = join(items);
    const body = join(items.filter((i) => i.y > 20 * (72 / 25.4)));
    pages.push({ width: page.view[2]!, items, text, body });
  }
  await pdf.destroy();
  return pages;
}
