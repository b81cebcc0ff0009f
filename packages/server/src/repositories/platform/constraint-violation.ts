/**
 * Whether a database error is the violation of the named unique constraint or index. Drizzle wraps
 * driver errors (`cause`); node-postgres and PGlite both report SQLSTATE 23505 and the constraint.
 */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e: any = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (e.code === '23505' && (e.constraint === constraint || String(e.message ?? '').includes(constraint)))
      return true;
  }
  return false;
}
