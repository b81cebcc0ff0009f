// node-gost-crypto ships no types; lib/pki/algorithms.ts declares the small part it uses.
declare module 'node-gost-crypto' {
  const gostCryptoPackage: unknown;
  export default gostCryptoPackage;
}
