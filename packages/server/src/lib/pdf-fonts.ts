import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';

/**
 * DejaVu (Cyrillic, ё and й included) from the dejavu-fonts-ttf package, for the papers the
 * system prints: the application forms and the operator workstation's documents.
 */
// Resolved through Node's own lookup, so the files are found wherever npm put the package.
const require = createRequire(import.meta.url);
const FONT_FILES = {
  serif: () => require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  serifBold: () => require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'),
  // A password is read off paper character by character: a monospace face tells 0 from O and l from 1.
  mono: () => require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
};
type FontName = keyof typeof FONT_FILES;

const fontBytes = new Map<FontName, Promise<Uint8Array>>();

/** Read once per process; pdf-lib embeds a subset of the glyphs each document uses. */
function loadFont(name: FontName): Promise<Uint8Array> {
  let bytes = fontBytes.get(name);
  if (!bytes) {
    bytes = readFile(FONT_FILES[name]()).catch((err: unknown) => {
      fontBytes.delete(name); // a failed read is tried again next time, not remembered
      throw err;
    });
    fontBytes.set(name, bytes);
  }
  return bytes;
}

export interface PdfMetadata {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  /** the creation and modification date: from the input, so the same input gives the same bytes */
  date: Date;
}

/** A Russian-language document with its metadata set and the regular and bold serif embedded. */
export async function createPdf(
  meta: PdfMetadata,
): Promise<{ doc: PDFDocument; regular: PDFFont; bold: PDFFont }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await embedFont(doc, 'serif');
  const bold = await embedFont(doc, 'serifBold');
  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setKeywords(meta.keywords);
  doc.setCreator('OpenESIA');
  doc.setProducer('OpenESIA');
  doc.setLanguage('ru-RU');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  return { doc, regular, bold };
}

/** Any further face, for a document made by createPdf. */
export async function embedFont(doc: PDFDocument, name: FontName): Promise<PDFFont> {
  return doc.embedFont(await loadFont(name), { subset: true });
}
