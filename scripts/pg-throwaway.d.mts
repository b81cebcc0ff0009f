/** A throwaway PostgreSQL cluster in `dir` (initdb, pg_ctl start), for CI, tests and benchmarks. */
export function startThrowawayPostgres(dir: string): Promise<{ url: string; stop: () => void }>;
export function stopThrowawayPostgres(dir: string): void;
