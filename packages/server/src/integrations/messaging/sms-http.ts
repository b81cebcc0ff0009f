import {
  PermanentDeliveryError,
  TransientDeliveryError,
  type MessageSender,
  type OutgoingMessage,
} from './port.js';

/**
 * SMS through an HTTP gateway: POST {to, text} as JSON with a bearer token; 2xx with {id}
 * is accepted, 4xx is a permanent refusal, anything else is retried by the job queue.
 */
export class HttpSmsGateway implements MessageSender {
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: OutgoingMessage): Promise<{ providerId: string }> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new TransientDeliveryError(`SMS gateway unreachable: ${(err as Error).message}`);
    }
    if (res.status >= 400 && res.status < 500 && res.status !== 429)
      throw new PermanentDeliveryError(`SMS gateway refused: ${res.status}`);
    if (!res.ok) throw new TransientDeliveryError(`SMS gateway answered ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as { id?: string };
    return { providerId: body.id ?? 'unknown' };
  }
}
