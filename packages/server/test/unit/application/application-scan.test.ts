import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { assertScan, MAX_SCAN_BYTES, scanTypeOf as sut } from '../../../src/domain/application/scan.js';
import { codeOf } from '../../support/errors.js';

// A 4×4 blue square, encoded by Skia (@napi-rs/canvas): a real JPEG with its ICC profile, and a real PNG.
const jpeg = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAEAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCMApBz/9k=',
  'base64',
);
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAYAAACp8Z5+AAAABHNCSVQICAgIfAhkiAAAAAFzUkdCAK7OHOkAAAAVSURBVAiZY5T1u/GfAQkwMaABwgIAk58CSpOi7qIAAAAASUVORK5CYII=',
  'base64',
);

async function pdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save();
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('the scan of a signed application is told by its content', () => {
  it('knows a PDF, a JPEG and a PNG', async () => {
    expect(sut(await pdf())).toBe('application/pdf');
    expect(sut(jpeg)).toBe('image/jpeg');
    expect(sut(png)).toBe('image/png');
  });

  it('reads a file that sits inside a larger buffer', () => {
    const pool = Buffer.concat([Buffer.from('prefix'), png, Buffer.from('suffix')]);

    expect(sut(pool.subarray(6, 6 + png.length))).toBe('image/png');
  });

  it('refuses a text file renamed to .pdf, whatever its name says', () => {
    const text = ascii('Заявка по форме И: скан приложу позже\n');

    expect(sut(text)).toBeNull();
    expect(codeOf(() => assertScan(text))).toBe('application.scan_type');
  });

  it('refuses another image type', () => {
    const gif = Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64');

    expect(sut(gif)).toBeNull();
  });

  it('refuses a PNG cut off in transfer', () => {
    expect(sut(png.subarray(0, 60))).toBeNull();
    expect(sut(png.subarray(0, png.length - 1))).toBeNull();
    expect(codeOf(() => assertScan(png.subarray(0, 60)))).toBe('application.scan_type');
  });

  it('refuses a PNG whose first chunk is not a header of a real image', () => {
    const zeroWidth = Buffer.from(png);
    zeroWidth.writeUInt32BE(0, 16);
    const noHeader = Buffer.from(png);
    noHeader.write('IDAT', 12, 'latin1');

    expect(sut(zeroWidth)).toBeNull();
    expect(sut(noHeader)).toBeNull();
  });

  it('refuses a JPEG or a PDF cut off before its end', async () => {
    const whole = await pdf();

    expect(sut(jpeg.subarray(0, jpeg.length - 2))).toBeNull();
    expect(sut(whole.subarray(0, whole.length - 8))).toBeNull();
    expect(sut(ascii('%PDF-1.7\n'))).toBeNull();
  });

  it('refuses a PDF header of an unknown version', () => {
    expect(sut(ascii('%PDF-9.1\n%%EOF\n'))).toBeNull();
  });

  it('refuses an empty file', () => {
    expect(sut(new Uint8Array(0))).toBeNull();
    expect(codeOf(() => assertScan(new Uint8Array(0)))).toBe('application.scan_empty');
  });

  it('accepts a scan of exactly the limit and refuses one byte more', () => {
    const atLimit = new Uint8Array(MAX_SCAN_BYTES).fill(0x20);
    atLimit.set(ascii('%PDF-1.7\n'));
    atLimit.set(ascii('\n%%EOF\n'), MAX_SCAN_BYTES - 7);
    const over = new Uint8Array(MAX_SCAN_BYTES + 1);
    over.set(png);

    expect(assertScan(atLimit)).toBe('application/pdf');
    expect(codeOf(() => assertScan(over))).toBe('application.scan_too_large');
    expect(MAX_SCAN_BYTES).toBe(10 * 1024 * 1024);
  });

  it('gives the type of a scan it accepts', () => {
    expect(assertScan(jpeg)).toBe('image/jpeg');
  });
});
