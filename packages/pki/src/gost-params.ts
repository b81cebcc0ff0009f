/**
 * The parameter sets of GOST R 34.10-2012 keys (Р 1323565.1.024-2019 «Параметры эллиптических
 * кривых»; RFC 4357 §11.4, RFC 7836 appendix A.1): every one a certificate may name, with its curve
 * given by its numbers. node-gost-crypto gets the numbers, never a curve name: its names shift the
 * ТК 26 sets by one ('T-256-A' is CryptoPro A) and it has none for ТК 26 256-A and 512-C.
 *
 * The twisted Edwards curves (ТК 26 256-A, 512-C) are given in their Weierstrass form, as
 * Р 1323565.1.024-2019 also states them and as OpenSSL's gost engine computes (gost_params.c): one
 * group, the same signatures, the public key's x || y in Weierstrass coordinates (RFC 9215 §4.3).
 *
 * Pure data, no imports: shared by the server (lib/pki) and the browser's signer (web/src/signature).
 * Add a curve here and both sign and verify on it.
 */

export interface GostCurve {
  /** our name of the curve (several parameter sets share one) */
  id: string;
  /** hex, big-endian: field prime, coefficients, base point order, base point */
  p: string;
  a: string;
  b: string;
  q: string;
  x: string;
  y: string;
}

const cryptoProA: GostCurve = {
  id: 'CryptoPro-A',
  p: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97',
  a: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD94',
  b: 'A6',
  q: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893',
  x: '01',
  y: '8D91E471E0989CDA27DF505A453F2B7635294F2DDF23E3B122ACC99C9E9F1E14',
};

const cryptoProB: GostCurve = {
  id: 'CryptoPro-B',
  p: '8000000000000000000000000000000000000000000000000000000000000C99',
  a: '8000000000000000000000000000000000000000000000000000000000000C96',
  b: '3E1AF419A269A5F866A7D3C25C3DF80AE979259373FF2B182F49D4CE7E1BBC8B',
  q: '800000000000000000000000000000015F700CFFF1A624E5E497161BCC8A198F',
  x: '01',
  y: '3FA8124359F96680B83D1C3EB2C070E5C545C9858D03ECFB744BF8D717717EFC',
};

const cryptoProC: GostCurve = {
  id: 'CryptoPro-C',
  p: '9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D759B',
  a: '9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D7598',
  b: '805A',
  q: '9B9F605F5A858107AB1EC85E6B41C8AA582CA3511EDDFB74F02F3A6598980BB9',
  x: '00',
  y: '41ECE55743711A8C3CBF3783CD08C0EE4D4DC440D4641A8F366E550DFDB3BB67',
};

const tc26_256A: GostCurve = {
  id: 'TC26-256-A',
  p: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97',
  a: 'C2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335',
  b: '295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513',
  q: '400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67',
  x: '91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28',
  y: '32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C',
};

const tc26_512A: GostCurve = {
  id: 'TC26-512-A',
  p: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7',
  a: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4',
  b: 'E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760',
  q: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275',
  x: '03',
  y: '7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4',
};

const tc26_512B: GostCurve = {
  id: 'TC26-512-B',
  p: '8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006F',
  a: '8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006C',
  b: '687D1B459DC841457E3E06CF6F5E2517B97C7D614AF138BCBF85DC806C4B289F3E965D2DB1416D217F8B276FAD1AB69C50F78BEE1FA3106EFB8CCBC7C5140116',
  q: '800000000000000000000000000000000000000000000000000000000000000149A1EC142565A545ACFDB77BD9D40CFA8B996712101BEA0EC6346C54374F25BD',
  x: '02',
  y: '1A8F7EDA389B094C2C071E3647A8940F3C123B697578C213BE6DD9E6C8EC7335DCB228FD1EDF4A39152CBCAAF8C0398828041055F94CEEEC7E21340780FE41BD',
};

const tc26_512C: GostCurve = {
  id: 'TC26-512-C',
  p: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7',
  a: 'DC9203E514A721875485A529D2C722FB187BC8980EB866644DE41C68E143064546E861C0E2C9EDD92ADE71F46FCF50FF2AD97F951FDA9F2A2EB6546F39689BD3',
  b: 'B4C4EE28CEBC6C2C8AC12952CF37F16AC7EFB6A9F69F4B57FFDA2E4F0DE5ADE038CBC2FFF719D2C18DE0284B8BFEF3B52B8CC7A5F5BF0A3C8D2319A5312557E1',
  q: '3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC98CDBA46506AB004C33A9FF5147502CC8EDA9E7A769A12694623CEF47F023ED',
  x: 'E2E31EDFC23DE7BDEBE241CE593EF5DE2295B7A9CBAEF021D385F7074CEA043AA27272A7AE602BF2A7B9033DB9ED3610C6FB85487EAE97AAC5BC7928C1950148',
  y: 'F5CE40D95B5EB899ABBCCFF5911CB8577939804D6527378B8C108C3D2090FF9BE18E2D33E3021ED2EF32D85822423B6304F726AA854BAE07D0396E9A9ADDC40F',
};

export interface GostParamSet {
  oid: string;
  /** the name of the OID in Р 1323565.1.024-2019 / RFC 4357 */
  name: string;
  size: 256 | 512;
  curve: GostCurve;
  /**
   * Whether the key's parameters name the digest too (RFC 9215 §3: present for the CryptoPro sets and
   * ТК 26 512-A/B, absent for ТК 26 256-A..D and 512-C), as the gost engine writes them.
   */
  digestInKeyParams: boolean;
  /** `openssl genpkey -algorithm gost2012_<size> -pkeyopt paramset:<openssl>` (gost engine) */
  openssl: string;
}

export const gostParamSets: readonly GostParamSet[] = [
  {
    oid: '1.2.643.2.2.35.1',
    name: 'id-GostR3410-2001-CryptoPro-A-ParamSet',
    size: 256,
    curve: cryptoProA,
    digestInKeyParams: true,
    openssl: 'A',
  },
  {
    oid: '1.2.643.2.2.35.2',
    name: 'id-GostR3410-2001-CryptoPro-B-ParamSet',
    size: 256,
    curve: cryptoProB,
    digestInKeyParams: true,
    openssl: 'B',
  },
  {
    oid: '1.2.643.2.2.35.3',
    name: 'id-GostR3410-2001-CryptoPro-C-ParamSet',
    size: 256,
    curve: cryptoProC,
    digestInKeyParams: true,
    openssl: 'C',
  },
  // The key-exchange sets are the A and C curves under other names (RFC 4357 §11.4).
  {
    oid: '1.2.643.2.2.36.0',
    name: 'id-GostR3410-2001-CryptoPro-XchA-ParamSet',
    size: 256,
    curve: cryptoProA,
    digestInKeyParams: true,
    openssl: 'XA',
  },
  {
    oid: '1.2.643.2.2.36.1',
    name: 'id-GostR3410-2001-CryptoPro-XchB-ParamSet',
    size: 256,
    curve: cryptoProC,
    digestInKeyParams: true,
    openssl: 'XB',
  },
  {
    oid: '1.2.643.7.1.2.1.1.1',
    name: 'id-tc26-gost-3410-12-256-paramSetA',
    size: 256,
    curve: tc26_256A,
    digestInKeyParams: false,
    openssl: 'TCA',
  },
  // ТК 26 256-B, C, D are the CryptoPro A, B, C curves (RFC 7836 appendix A.1).
  {
    oid: '1.2.643.7.1.2.1.1.2',
    name: 'id-tc26-gost-3410-12-256-paramSetB',
    size: 256,
    curve: cryptoProA,
    digestInKeyParams: false,
    openssl: 'TCB',
  },
  {
    oid: '1.2.643.7.1.2.1.1.3',
    name: 'id-tc26-gost-3410-12-256-paramSetC',
    size: 256,
    curve: cryptoProB,
    digestInKeyParams: false,
    openssl: 'TCC',
  },
  {
    oid: '1.2.643.7.1.2.1.1.4',
    name: 'id-tc26-gost-3410-12-256-paramSetD',
    size: 256,
    curve: cryptoProC,
    digestInKeyParams: false,
    openssl: 'TCD',
  },
  {
    oid: '1.2.643.7.1.2.1.2.1',
    name: 'id-tc26-gost-3410-12-512-paramSetA',
    size: 512,
    curve: tc26_512A,
    digestInKeyParams: true,
    openssl: 'A',
  },
  {
    oid: '1.2.643.7.1.2.1.2.2',
    name: 'id-tc26-gost-3410-12-512-paramSetB',
    size: 512,
    curve: tc26_512B,
    digestInKeyParams: true,
    openssl: 'B',
  },
  {
    oid: '1.2.643.7.1.2.1.2.3',
    name: 'id-tc26-gost-3410-12-512-paramSetC',
    size: 512,
    curve: tc26_512C,
    digestInKeyParams: false,
    openssl: 'C',
  },
];

/** What keys are made with unless asked otherwise: CryptoPro A (256) and ТК 26 A (512), what CAs issue most. */
export const defaultGostParamSet = { 256: '1.2.643.2.2.35.1', 512: '1.2.643.7.1.2.1.2.1' } as const;

const byOid = new Map(gostParamSets.map((set) => [set.oid, set]));

export function gostParamSetByOid(oid: string): GostParamSet | undefined {
  return byOid.get(oid);
}
