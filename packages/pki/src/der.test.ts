import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { DerError, checkStrictDer, oidOf, readTlv, timeOf } from './der.js';

const encode = (value: asn1js.BaseBlock) => new Uint8Array(value.toBER());

describe('reading an OBJECT IDENTIFIER by offsets', () => {
  it.each([
    '1.2.840.113549.1.7.2',
    '1.2.643.7.1.1.3.2',
    '0.9.2342.19200300.100.1.1',
    '2.5.29.15',
    '2.999.3',
    // an arc past 2^53 (a UUID arc of X.667): read exactly, through BigInt
    '2.25.329800735698586629295641978511506172918',
    '1.2.9007199254740993.5',
  ])('reads %s as asn1js writes it', (oid) => {
    const der = encode(new asn1js.ObjectIdentifier({ value: oid }));

    const sut = oidOf(der, readTlv(der, 0));

    expect(sut).toBe(oid);
  });

  it('refuses a padded arc (X.690 8.19.2: the leading 0x80 is not allowed)', () => {
    const der = new Uint8Array([0x06, 0x03, 0x2a, 0x80, 0x01]);
    expect(() => oidOf(der, readTlv(der, 0))).toThrow();
  });

  it('refuses an arc cut short', () => {
    const der = new Uint8Array([0x06, 0x02, 0x2a, 0x86]);
    expect(() => oidOf(der, readTlv(der, 0))).toThrow();
  });
});

describe('reading a time by offsets', () => {
  const bytes = (tag: number, text: string) => new Uint8Array([tag, text.length, ...Buffer.from(text)]);

  it.each([
    new Date('2026-12-02T10:55:14Z'),
    new Date('1999-01-31T23:59:59Z'),
    new Date('2049-12-31T23:59:59Z'),
    new Date('1950-01-01T00:00:00Z'),
  ])('reads the UTCTime of %s as asn1js does', (date) => {
    const der = encode(new asn1js.UTCTime({ valueDate: date }));

    const sut = timeOf(der, readTlv(der, 0));

    expect(sut).toEqual(date);
    expect(sut).toEqual((asn1js.fromBER(der.slice().buffer).result as asn1js.UTCTime).toDate());
  });

  it.each(['20261202105514Z', '20261202105514.5Z', '20261202105514.123456Z', '20500101000000Z'])(
    'reads the GeneralizedTime %s as asn1js does',
    (text) => {
      const der = bytes(0x18, text);

      const sut = timeOf(der, readTlv(der, 0));

      expect(sut).toEqual((asn1js.fromBER(der.slice().buffer).result as asn1js.GeneralizedTime).toDate());
    },
  );

  it.each([
    [0x17, '2612021055Z'], // no seconds: BER only
    [0x17, '261202105514+0300'], // an offset: BER only
    [0x18, '20261202105514'], // local time
    [0x18, '20261202105514.50Z'], // trailing zero in the fraction
    [0x17, '260231105514Z'], // 31 February
    [0x04, '261202105514Z'], // not a time at all
  ])('refuses what DER does not allow (tag %i, %s)', (tag, text) => {
    const der = bytes(tag, text);
    expect(() => timeOf(der, readTlv(der, 0))).toThrow();
  });
});

describe('reading TLVs strictly (X.690 10.1)', () => {
  const tlv = (...bytes: number[]) => Uint8Array.from(bytes);

  it.each([
    ['a length in the long form below 128', tlv(0x04, 0x81, 0x01, 0xaa)],
    ['a length with a leading zero octet', tlv(0x04, 0x82, 0x00, 0x01, 0xaa)],
    ['an end-of-contents', tlv(0x00, 0x00)],
    ['an indefinite length', tlv(0x30, 0x80, 0x00, 0x00)],
  ])('refuses %s', (_what, der) => {
    expect(() => readTlv(der, 0)).toThrow(DerError);
  });

  it('reads the long form from 128 on', () => {
    const der = new Uint8Array(3 + 200);
    der.set([0x04, 0x81, 200]);
    expect(readTlv(der, 0)).toMatchObject({ valueStart: 3, end: 203 });
  });
});

describe('checking a whole structure is strict DER', () => {
  const seq = (...inner: number[]) => Uint8Array.from([0x30, inner.length, ...inner]);
  const check = (der: Uint8Array) => () => checkStrictDer(der, readTlv(der, 0));

  it('accepts what asn1js writes', () => {
    const der = encode(
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: '1.2.643.100.3' }),
          new asn1js.Set({ value: [new asn1js.UTCTime({ valueDate: new Date('2026-01-02T03:04:05Z') })] }),
          new asn1js.BitString({ valueHex: new Uint8Array([0x80]).buffer, unusedBits: 7 }),
          new asn1js.BmpString({ value: 'Ключ' }),
        ],
      }),
    );
    expect(check(der)).not.toThrow();
  });

  it.each([
    ['an OID cut short deep inside', seq(0x31, 0x04, 0x06, 0x02, 0x2a, 0x86)],
    ['a BIT STRING with 8 unused bits', seq(0x03, 0x02, 0x08, 0x00)],
    ['a time not in DER form', seq(0x17, 0x03, 0x41, 0x42, 0x43)],
    ['a BMPString of odd length', seq(0x1e, 0x01, 0x41)],
    ['a constructed OCTET STRING', seq(0x24, 0x03, 0x04, 0x01, 0x00)],
    ['a child running past its parent', seq(0x31, 0x05, 0x02, 0x01, 0x00)],
  ])('refuses %s', (_what, der) => {
    expect(check(der)).toThrow(DerError);
  });
});
