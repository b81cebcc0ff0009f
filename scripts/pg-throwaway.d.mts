/** A throwaway PostgreSQL cluster in `dir` (initdb, pg_ctl start), for CI, tests and benchmarks. */
export function startThrowawayPostgres(
  dir: string,
  settings?: string[],
): Promise<{ url: string; stop: () => void }>;
export function stopThrowawayPostgres(dir: string): void;
/** A cluster kept between runs: started again when `dir` holds one, made otherwise. */
export function startKeptPostgres(
  dir: string,
  settings?: string[],
): Promise<{ url: string; reused: boolean; stop: () => void }>;
/** Stops a kept cluster and keeps its data. */
export function stopKeptPostgres(dir: string): void;
