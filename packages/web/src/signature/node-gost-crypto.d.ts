// node-gost-crypto ships no typings; gost.ts types the small part it uses.
declare module 'node-gost-crypto/lib/gostEngine.js' {
  const engine: unknown;
  export default engine;
}
