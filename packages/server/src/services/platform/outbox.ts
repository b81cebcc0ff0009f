import type { OutboxMessage } from '@openesia/contracts';
import { desc, eq } from 'drizzle-orm';
import type { Config } from '../../config/index.js';
import type { Db } from '../../db/client.js';
import { simulatorOutbox } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';

/** What the simulators delivered; exists only while simulators run in demo mode. */
export class OutboxService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  async list(recipient?: string, limit = 100): Promise<OutboxMessage[]> {
    if (!this.config.demoMode || !this.config.simulators) throw new AppError('dev.disabled');
    const rows = await this.db
      .select()
      .from(simulatorOutbox)
      .where(recipient ? eq(simulatorOutbox.recipient, recipient) : undefined)
      .orderBy(desc(simulatorOutbox.createdAt))
      .limit(limit);
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
