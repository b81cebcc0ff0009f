import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids.js';

/**
 * X.500 names of Russian qualified certificates (Приказ ФСБ № 795, п. 17-18): identifiers are
 * NumericString, the rest UTF8String, country PrintableString, e-mail IA5String. @peculiar/x509
 * cannot write NumericString (STACK.md), so names are built here with asn1js.
 */
export interface NameFields {
  commonName?: string;
  lastName?: string;
  /** givenName: «Имя Отчество» in Russian certificates */
  givenName?: string;
  snils?: string;
  inn?: string;
  innLe?: string;
  ogrn?: string;
  ogrnip?: string;
  organization?: string;
  organizationalUnit?: string;
  title?: string;
  email?: string;
  country?: string;
  state?: string;
  locality?: string;
  street?: string;
}

type Kind = 'utf8' | 'numeric' | 'printable' | 'ia5';

/** Written in this order: the order CryptoPro and the FNS CA use, country first, CN last. */
const FIELD_OIDS: Array<[keyof NameFields, string, Kind]> = [
  ['country', OID.country, 'printable'],
  ['state', OID.state, 'utf8'],
  ['locality', OID.locality, 'utf8'],
  ['street', OID.street, 'utf8'],
  ['organization', OID.organization, 'utf8'],
  ['organizationalUnit', OID.organizationalUnit, 'utf8'],
  ['title', OID.title, 'utf8'],
  ['lastName', OID.surname, 'utf8'],
  ['givenName', OID.givenName, 'utf8'],
  ['email', OID.emailAddress, 'ia5'],
  ['snils', OID.snils, 'numeric'],
  ['inn', OID.inn, 'numeric'],
  ['innLe', OID.innLe, 'numeric'],
  ['ogrn', OID.ogrn, 'numeric'],
  ['ogrnip', OID.ogrnip, 'numeric'],
  ['commonName', OID.commonName, 'utf8'],
];

function stringValue(kind: Kind, value: string): asn1js.BaseStringBlock {
  switch (kind) {
    case 'numeric':
      return new asn1js.NumericString({ value });
    case 'printable':
      return new asn1js.PrintableString({ value });
    case 'ia5':
      return new asn1js.IA5String({ value });
    default:
      return new asn1js.Utf8String({ value });
  }
}

export function buildName(fields: NameFields): pkijs.RelativeDistinguishedNames {
  const typesAndValues: pkijs.AttributeTypeAndValue[] = [];
  for (const [key, type, kind] of FIELD_OIDS) {
    const value = fields[key];
    if (value)
      typesAndValues.push(new pkijs.AttributeTypeAndValue({ type, value: stringValue(kind, value) }));
  }
  // One attribute per RDN, as CAs write names (pkijs would put them all into one multi-valued
  // RDN); parsing the encoding back keeps it as the exact bytes pkijs will write.
  const der = new asn1js.Sequence({
    value: typesAndValues.map((tv) => new asn1js.Set({ value: [tv.toSchema()] })),
  }).toBER();
  return pkijs.RelativeDistinguishedNames.fromBER(der);
}

/** First value of each attribute type, as text. Unknown string types are read as their bytes. */
export function readName(name: pkijs.RelativeDistinguishedNames): Map<string, string> {
  const out = new Map<string, string>();
  for (const tv of name.typesAndValues) {
    if (out.has(tv.type)) continue;
    const block = tv.value as any;
    const text =
      typeof block?.valueBlock?.value === 'string'
        ? block.valueBlock.value
        : new TextDecoder().decode(block?.valueBlock?.valueHexView ?? new Uint8Array());
    out.set(tv.type, text.trim());
  }
  return out;
}

const SHORT: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.surname]: 'SN',
  [OID.givenName]: 'G',
  [OID.country]: 'C',
  [OID.state]: 'S',
  [OID.locality]: 'L',
  [OID.street]: 'STREET',
  [OID.organization]: 'O',
  [OID.organizationalUnit]: 'OU',
  [OID.title]: 'T',
  [OID.emailAddress]: 'E',
  [OID.snils]: 'СНИЛС',
  [OID.inn]: 'ИНН',
  [OID.innLe]: 'ИНН ЮЛ',
  [OID.ogrn]: 'ОГРН',
  [OID.ogrnip]: 'ОГРНИП',
};

/** "CN=…, O=…, ИНН ЮЛ=…", the way CryptoPro shows a name, most specific first. */
export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const block = tv.value as any;
      const text = typeof block?.valueBlock?.value === 'string' ? block.valueBlock.value : '';
      return `${SHORT[tv.type] ?? tv.type}=${text}`;
    })
    .reverse()
    .join(', ');
}
