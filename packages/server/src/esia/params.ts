import { EsiaError } from './errors.js';

/**
 * The parameters of a request to the ESIA-compatible endpoints (the query of /ac, the form of
 * /te), read once: a parameter given twice, a value with a control character (U+0000 included)
 * or a lone surrogate, or one longer than its bound is ESIA-007003 — never a 500, never stored.
 */
/**
 * No control character (U+0000 included: PostgreSQL's text cannot hold it) and no lone surrogate
 * (in a `u` expression a surrogate pair is one code point, so the range matches only lone ones).
 */
const PLAIN = /^[^\u0000-\u001f\u007f\uD800-\uDFFF]*$/u;

export class EsiaParams {
  private constructor(
    private readonly values: Map<string, string>,
    private readonly duplicated: Set<string>,
    private readonly invalid: Set<string>,
  ) {}

  static parse(raw: string): EsiaParams {
    const values = new Map<string, string>();
    const duplicated = new Set<string>();
    const invalid = new Set<string>();
    for (const [name, value] of new URLSearchParams(raw)) {
      if (values.has(name)) duplicated.add(name);
      values.set(name, value);
      const limit = name === 'client_secret' ? 16_384 : 2_048;
      if (value.length > limit || !PLAIN.test(value)) invalid.add(name);
    }
    return new EsiaParams(values, duplicated, invalid);
  }

  /** The value as sent (signed strings are built from it verbatim), or undefined when absent or empty. */
  get(name: string): string | undefined {
    this.check(name);
    const value = this.values.get(name);
    return value === '' ? undefined : value;
  }

  /** An optional value that may be present and empty (`scope_org`): '' when absent. */
  optional(name: string): string {
    this.check(name);
    return this.values.get(name) ?? '';
  }

  /** The value; ESIA-007014 when it is missing. */
  require(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw new EsiaError('ESIA-007014', name);
    return value;
  }

  /** Refuses the request if any parameter is duplicated or malformed (checked after the redirect is proven). */
  checkAll(): void {
    for (const name of [...this.duplicated, ...this.invalid]) this.check(name);
  }

  private check(name: string): void {
    if (this.duplicated.has(name) || this.invalid.has(name)) throw new EsiaError('ESIA-007003', name);
  }
}
