// autocannon ships no types; the benchmarks use its programmatic API only through login-load.ts.
declare module 'autocannon';
