import type { Config } from '../config/index.js';
import type { Database } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { MessageSender } from './messaging/port.js';
import { HttpMigrationService } from './migration-service/http.js';
import type { MigrationService } from './migration-service/port.js';
import { SimulatedMigrationService } from './migration-service/simulator.js';
import { HttpPensionFund } from './pension-fund/http.js';
import type { PensionFund } from './pension-fund/port.js';
import { SimulatedPensionFund } from './pension-fund/simulator.js';
import { HttpRussianPost } from './russian-post/http.js';
import type { RussianPost } from './russian-post/port.js';
import { SimulatedRussianPost } from './russian-post/simulator.js';
import { SimulatedMessageSender } from './messaging/simulator.js';
import { HttpTaxRegister } from './tax-register/http.js';
import type { TaxRegister } from './tax-register/port.js';
import { SimulatedTaxRegister } from './tax-register/simulator.js';
import { findSimulatedTaxRecord } from '../repositories/simulators/tax-records.js';
import { HttpSmsGateway } from './messaging/sms-http.js';
import { geography } from '../lib/geography.js';
import { NominatimGeocoder } from './geocoder/nominatim.js';
import type { GeocoderPort } from './geocoder/port.js';
import { SimulatedGeocoder } from './geocoder/simulator.js';
import { SmtpMailer } from './messaging/smtp.js';

/**
 * Ports to external state systems, each with a real adapter and a simulator chosen by
 * configuration (`SIMULATORS`). One folder per system: port.ts, the real adapter, simulator.ts.
 */
export interface Integrations {
  sms: MessageSender;
  email: MessageSender;
  pensionFund: PensionFund;
  migrationService: MigrationService;
  russianPost: RussianPost;
  taxRegister: TaxRegister;
  geocoder: GeocoderPort;
}

export function createIntegrations(config: Config, database: Database, clock: Clock): Integrations {
  const simulation = config.simulator;
  if (config.simulators) {
    const outbox = new SimulatedMessageSender(database.db, clock, simulation);
    return {
      sms: outbox,
      email: outbox,
      pensionFund: new SimulatedPensionFund(simulation),
      migrationService: new SimulatedMigrationService(simulation),
      russianPost: new SimulatedRussianPost(database.db, clock, {
        ...simulation,
        deliverySeconds: config.post.simulatedDeliverySeconds,
      }),
      taxRegister: new SimulatedTaxRegister(simulation, (ogrn) => findSimulatedTaxRecord(database.db, ogrn)),
      geocoder: new SimulatedGeocoder(simulation, geography().cities),
    };
  }
  return {
    sms: new HttpSmsGateway(config.sms.gatewayUrl!, config.sms.token),
    email: new SmtpMailer(config.mail.smtpUrl!, config.mail.from),
    pensionFund: new HttpPensionFund(config.registries.pensionFundUrl!, config.registries.token),
    migrationService: new HttpMigrationService(
      config.registries.migrationServiceUrl!,
      config.registries.token,
    ),
    russianPost: new HttpRussianPost(config.registries.russianPostUrl!, config.registries.token),
    taxRegister: new HttpTaxRegister(config.registries.taxRegisterUrl!, config.registries.token),
    geocoder: new NominatimGeocoder(config.geocoder.url!, (lat, lon) => geography().regionAt(lat, lon)),
  };
}
