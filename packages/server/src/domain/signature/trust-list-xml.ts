import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../../lib/errors.js';

/**
 * The trust list of accredited CAs as the federal operator publishes it (e-trust.gosuslugi.ru,
 * «portal/ca/getxml»; reference material 6.1): УдостоверяющийЦентр elements with Название, ОГРН,
 * РеестровыйНомер, СтатусАккредитации/Статус, and under their keys the certificates (Данные, base64
 * DER) and the CRL addresses (АдресаСписковОтзыва/Адрес).
 */
export interface TrustListEntry {
  name: string;
  ogrn: string | null;
  registryNumber: string | null;
  /** «Действует» means accredited now; any other status is not trusted */
  active: boolean;
  certificates: Buffer[];
  crlUrls: string[];
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return text((value as Record<string, unknown>)['#text']);
  const s = String(value).trim();
  return s || null;
}

/** Every value of `key` anywhere below `node`. */
function collect(node: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((n) => collect(n, key, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) (Array.isArray(v) ? v : [v]).forEach((x) => out.push(x));
      collect(v, key, out);
    }
  }
  return out;
}

export function parseTrustListXml(xml: string): TrustListEntry[] {
  let doc: unknown;
  try {
    doc = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      trimValues: true,
      processEntities: false,
    }).parse(xml, true);
  } catch {
    throw new AppError('trust_list.invalid_xml');
  }
  const centers = collect(doc, 'УдостоверяющийЦентр');
  if (!centers.length) throw new AppError('trust_list.invalid_xml');
  return centers.map((center) => {
    const c = center as Record<string, unknown>;
    const status = text(collect(c['СтатусАккредитации'], 'Статус')[0]);
    const certificates = collect(c, 'Данные')
      .map((d) => text(d))
      .filter((d): d is string => !!d)
      .map((d) => Buffer.from(d.replace(/\s+/g, ''), 'base64'))
      .filter((der) => der.length > 0 && der[0] === 0x30);
    const crlUrls = collect(collect(c, 'АдресаСписковОтзыва'), 'Адрес')
      .map((a) => text(a))
      .filter((a): a is string => !!a && /^https?:\/\//i.test(a));
    return {
      name: text(c['Название']) ?? text(c['КраткоеНазвание']) ?? 'Без названия',
      ogrn: text(c['ОГРН']),
      registryNumber: text(c['РеестровыйНомер']),
      active: status === 'Действует',
      certificates,
      crlUrls: [...new Set(crlUrls)],
    };
  });
}
