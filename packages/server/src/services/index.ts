import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/index.js';
import type { Database } from '../db/client.js';
import type { Integrations } from '../integrations/index.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import { FieldCipher, LookupHasher } from '../lib/crypto.js';
import { commonPasswords } from '../lib/common-passwords.js';
import { AuthenticationService } from './citizen/authentication.js';
import { NotificationService } from './platform/notifications.js';
import { OneTimeCodes } from './citizen/one-time-codes.js';
import { RegistrationService } from './citizen/registration.js';
import { OutboxService } from './platform/outbox.js';
import { ConfirmationService } from './citizen/confirmation.js';
import { PersonalDataService } from './citizen/personal-data.js';
import { SessionService } from './platform/sessions.js';
import { HttpCrlFetcher } from '../integrations/crl/http.js';
import { CrlService } from './signature/crl.js';
import { SignatureService, SignedDocumentService } from './signature/signatures.js';
import { TestCaService } from './signature/test-ca.js';
import { TrustListService } from './signature/trust-list.js';
import { RoleService } from './platform/roles.js';
import { RetentionService } from './platform/retention.js';

export interface ServiceDeps {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobQueue;
  integrations: Integrations;
  cipher: FieldCipher;
  lookup: LookupHasher;
  logger: FastifyBaseLogger;
}

/** Every use-case, wired once by the composition root. */
export interface Services {
  sessions: SessionService;
  notifications: NotificationService;
  outbox: OutboxService;
  registration: RegistrationService;
  authentication: AuthenticationService;
  personalData: PersonalDataService;
  confirmation: ConfirmationService;
  trustList: TrustListService;
  testCa: TestCaService;
  signatures: SignatureService;
  signedDocuments: SignedDocumentService;
  roles: RoleService;
  retention: RetentionService;
}

export function createServices(deps: ServiceDeps): Services {
  const db = deps.database.db;
  const sessions = new SessionService(db, deps.clock);
  const notifications = new NotificationService(deps.queue, deps.cipher);
  const codes = new OneTimeCodes(deps.lookup, deps.config);
  const citizenDeps = {
    db,
    clock: deps.clock,
    queue: deps.queue,
    cipher: deps.cipher,
    lookup: deps.lookup,
    notifications,
    integrations: deps.integrations,
    config: deps.config,
    logger: deps.logger,
  };
  // Qualified electronic signatures: trust list, test CA (demo mode), CRLs, verification.
  const trustList = new TrustListService({ db, clock: deps.clock, config: deps.config });
  const testCa = new TestCaService({
    db,
    clock: deps.clock,
    config: deps.config,
    cipher: deps.cipher,
    lookup: deps.lookup,
    trustList,
  });
  const crls = new CrlService({
    fetcher: new HttpCrlFetcher(),
    clock: deps.clock,
    testCa,
    logger: deps.logger,
    maxAgeMs: deps.config.crl.cacheMaxAgeSeconds * 1000,
  });
  const confirmation = new ConfirmationService(citizenDeps);
  const signatures = new SignatureService({
    db,
    clock: deps.clock,
    cipher: deps.cipher,
    lookup: deps.lookup,
    sessions,
    trustList,
    crls,
    confirmation,
    logger: deps.logger,
  });
  return {
    trustList,
    testCa,
    signatures,
    signedDocuments: new SignedDocumentService({
      db,
      clock: deps.clock,
      cipher: deps.cipher,
      lookup: deps.lookup,
      signatures,
    }),
    roles: new RoleService({ db, clock: deps.clock }),
    retention: new RetentionService({ db, clock: deps.clock, queue: deps.queue }),
    sessions,
    notifications,
    personalData: new PersonalDataService({ ...citizenDeps, sessions }),
    confirmation,
    outbox: new OutboxService(db, deps.config),
    registration: new RegistrationService(
      db,
      deps.clock,
      deps.config,
      codes,
      notifications,
      sessions,
      commonPasswords,
    ),
    authentication: new AuthenticationService(
      db,
      deps.clock,
      deps.config,
      deps.lookup,
      codes,
      notifications,
      sessions,
      commonPasswords,
      deps.queue,
      deps.cipher,
    ),
  };
}

export function createServiceDeps(
  config: Config,
  database: Database,
  clock: Clock,
  queue: JobQueue,
  integrations: Integrations,
  logger: FastifyBaseLogger,
): ServiceDeps {
  return {
    config,
    database,
    clock,
    queue,
    integrations,
    logger,
    cipher: new FieldCipher(config.dataEncryptionKey),
    lookup: new LookupHasher(config.lookupHashKey),
  };
}
