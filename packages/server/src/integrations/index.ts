import type { Config } from '../config/index.js';
import type { Database } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { MessageSender } from './messaging/port.js';
import { SimulatedMessageSender } from './messaging/simulator.js';
import { HttpSmsGateway } from './messaging/sms-http.js';
import { SmtpMailer } from './messaging/smtp.js';

/**
 * Ports to external state systems, each with a real adapter and a simulator chosen by
 * configuration (`SIMULATORS`). One folder per system: port.ts, the real adapter, simulator.ts.
 */
export interface Integrations {
  sms: MessageSender;
  email: MessageSender;
}

export function createIntegrations(config: Config, database: Database, clock: Clock): Integrations {
  const simulation = config.simulator;
  if (config.simulators) {
    const outbox = new SimulatedMessageSender(database.db, clock, simulation);
    return { sms: outbox, email: outbox };
  }
  return {
    sms: new HttpSmsGateway(config.sms.gatewayUrl!, config.sms.token),
    email: new SmtpMailer(config.mail.smtpUrl!, config.mail.from),
  };
}
