/**
 * Preloaded into a server by `BENCH_COUNT_SQL=1 npm run bench -- oidc` (node --import): counts the
 * SQL statements it sends through pg, by prepared statement name or the text's start, and writes
 * the counts to BENCH_SQL_COUNT_FILE on SIGUSR2, so the bench can take the difference over a run.
 * Statements per flow do not depend on the machine's load, unlike CPU time.
 */
import { writeFileSync } from 'node:fs';
import pg from 'pg';

const counts = new Map();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const key =
    typeof config === 'string' ? config : (config?.name ?? config?.text ?? String(config?.constructor?.name));
  // The provider's storage statements by model (their first parameter), to tell them apart.
  // (Drizzle passes them beside the query, not in it.)
  const values = config?.values ?? rest[0];
  const model = key.startsWith('oidc_model') && Array.isArray(values) ? `:${values[0]}` : '';
  const short = key.replace(/\s+/g, ' ').slice(0, 140) + model;
  counts.set(short, (counts.get(short) ?? 0) + 1);
  return query.call(this, config, ...rest);
};
process.on('SIGUSR2', () => {
  writeFileSync(process.env.BENCH_SQL_COUNT_FILE, JSON.stringify(Object.fromEntries(counts)));
});
