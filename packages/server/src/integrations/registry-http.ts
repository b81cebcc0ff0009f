/**
 * What every state registry adapter shares: a JSON request over HTTPS with a bearer token (in
 * production through the СМЭВ adapter of the operator), and one rule for failures. Timeouts,
 * network errors, 429 and 5xx are transient: the job queue retries them with backoff. Any other
 * refusal is a defect of ours (wrong request) and is reported as such, not as "unavailable".
 */
export class RegistryUnavailableError extends Error {
  constructor(
    readonly registry: string,
    detail: string,
  ) {
    super(`${registry} unavailable: ${detail}`);
  }
}

export class RegistryProtocolError extends Error {}

/** One request to a registry, with the failure rule above; `body` undefined makes it a GET. */
async function registryJson<T>(
  registry: string,
  url: string,
  token: string | undefined,
  body: unknown,
  timeoutMs: number,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new RegistryUnavailableError(registry, (err as Error).message);
  }
  if (res.status === 429 || res.status >= 500)
    throw new RegistryUnavailableError(registry, `HTTP ${res.status}`);
  if (!res.ok) throw new RegistryProtocolError(`${registry} refused the request: HTTP ${res.status}`);
  try {
    return (await res.json()) as T;
  } catch {
    throw new RegistryUnavailableError(registry, 'unreadable answer');
  }
}

export function postRegistryJson<T>(
  registry: string,
  url: string,
  token: string | undefined,
  body: unknown,
  timeoutMs = 15_000,
): Promise<T> {
  return registryJson<T>(registry, url, token, body ?? {}, timeoutMs);
}

export function getRegistryJson<T>(
  registry: string,
  url: string,
  token: string | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  return registryJson<T>(registry, url, token, undefined, timeoutMs);
}

/**
 * Counts requests about one record, so a simulator can fail "the first two times" and then
 * answer: the deterministic transient failure that tests and the demo rely on.
 */
export class RequestCounter {
  private readonly counts = new Map<string, number>();
  next(key: string): number {
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n;
  }
}
