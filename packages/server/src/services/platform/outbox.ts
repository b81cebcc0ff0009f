import type { OutboxMessage } from '@openesia/contracts';
import type { Config } from '../../config/index.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { listOutboxMessages } from '../../repositories/simulators/outbox.js';

/** What the simulators delivered; exists only while simulators run in demo mode. */
export class OutboxService {
  private readonly db: Db;
  private readonly config: Config;

  constructor(deps: { db: Db; config: Config }) {
    this.db = deps.db;
    this.config = deps.config;
  }

  async list(recipient?: string, limit = 100): Promise<OutboxMessage[]> {
    if (!this.config.demoMode || !this.config.simulators) throw new AppError('dev.disabled');
    const rows = await listOutboxMessages(this.db, { recipient, limit });
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      to: r.recipient,
      subject: r.subject,
      body: r.body,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
