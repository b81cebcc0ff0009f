import { getRegistryJson, postRegistryJson, RegistryProtocolError } from '../registry-http.js';
import type { LetterRequest, RussianPost, TrackingAnswer } from './port.js';

const STATUSES = new Set(['accepted', 'in_transit', 'delivered', 'returned']);

/**
 * The post's letter service (hybrid mail: the text is printed and enveloped by the post) and its
 * tracking: POST {base}/letters -> {"trackingNumber"}; GET {base}/tracking/{number} ->
 * {"status", "at"}. The reference makes a repeated send idempotent on the post's side.
 */
export class HttpRussianPost implements RussianPost {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  private url(path: string): string {
    return `${this.baseUrl.replace(/\/$/, '')}${path}`;
  }

  async sendLetter(letter: LetterRequest): Promise<{ trackingNumber: string }> {
    const answer = await postRegistryJson<{ trackingNumber?: string }>(
      'russian_post',
      this.url('/letters'),
      this.token,
      letter,
    );
    if (!answer.trackingNumber)
      throw new RegistryProtocolError('russian_post: no tracking number in the answer');
    return { trackingNumber: answer.trackingNumber };
  }

  async track(trackingNumber: string): Promise<TrackingAnswer> {
    const answer = await getRegistryJson<{ status?: string; at?: string }>(
      'russian_post',
      this.url(`/tracking/${encodeURIComponent(trackingNumber)}`),
      this.token,
    );
    if (!answer.status || !STATUSES.has(answer.status) || !answer.at)
      throw new RegistryProtocolError('russian_post: unexpected tracking answer');
    return { status: answer.status as TrackingAnswer['status'], at: new Date(answer.at) };
  }
}
