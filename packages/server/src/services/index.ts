import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/index.js';
import type { Database } from '../db/client.js';
import { HttpCrlFetcher } from '../integrations/crl/http.js';
import type { Integrations } from '../integrations/index.js';
import type { JobPort } from '../jobs/ports.js';
import type { Clock } from '../lib/clock.js';
import { commonPasswords } from '../lib/common-passwords.js';
import { FieldCipher, LookupHasher } from '../lib/crypto.js';
import { AuthenticationService } from './citizen/authentication.js';
import { ConfirmationService } from './citizen/confirmation.js';
import { OneTimeCodes } from './citizen/one-time-codes.js';
import { InnLookupService } from './citizen/inn-lookup.js';
import { PersonalDataService } from './citizen/personal-data.js';
import { RegistrationService } from './citizen/registration.js';
import { DemoService, type DemoAccount } from './platform/demo.js';
import { HealthService } from './platform/health.js';
import { NotificationService } from './platform/notifications.js';
import { OutboxService } from './platform/outbox.js';
import { ActingForService } from './organization/acting-for.js';
import { AccessService } from './organization/access.js';
import { InvitationService } from './organization/invitations.js';
import { OrganizationJournalService } from './organization/journal.js';
import { MemberService } from './organization/members.js';
import { OrganizationProfileService } from './organization/profile.js';
import { RegionalRegistrationService } from './organization/regional.js';
import { ApplicationService } from './application/applications.js';
import { OpeningPlanService } from './application/opening-plan.js';
import { ComplaintService } from './complaint/complaints.js';
import { CentersService } from './center/centers.js';
import { CenterMapService } from './center/map.js';
import { CenterReportService } from './center/report.js';
import { geography } from '../lib/geography.js';
import { OrganizationBlockingService } from './organization/blocking.js';
import { OrganizationRegistrationService } from './organization/registration.js';
import { RetentionService } from './platform/retention.js';
import { RegionalStaffService } from './platform/regional-staff.js';
import { RoleService } from './platform/roles.js';
import { SessionService } from './platform/sessions.js';
import { CrlService } from './signature/crl.js';
import { SignatureService } from './signature/signatures.js';
import { TestCaService } from './signature/test-ca.js';
import { TrustListService } from './signature/trust-list.js';
import { OidcInteractions } from '../oidc/interactions.js';
import { OidcProviderHost } from '../oidc/provider.js';
import { OidcClaimsService } from './oidc/claims.js';
import { OidcClientService } from './oidc/clients.js';
import { OidcRegistryService } from './oidc/registry.js';
import { OidcConsentService } from './oidc/consents.js';
import { OidcKeyService } from './oidc/keys.js';
import { EsiaAuthorizationService } from './esia/authorization.js';
import { EsiaTokenEndpoint } from './esia/exchange.js';
import { EsiaLogoutService } from './esia/logout.js';
import { EsiaRestService } from './esia/rest.js';
import { EsiaTokenService } from './esia/tokens.js';
import { WorkstationAccessService } from './workstation/access.js';
import { WorkstationJournalService } from './workstation/journal.js';
import { WorkstationService } from './workstation/operations.js';

/** What use-cases are built from; each service takes the part it needs as one deps object. */
export interface ServiceDeps {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobPort;
  integrations: Integrations;
  cipher: FieldCipher;
  lookup: LookupHasher;
  logger: FastifyBaseLogger;
  /** the demo people's logins and passwords (db/seed.ts), listed on the home page in demo mode */
  demoAccounts: readonly DemoAccount[];
}

/** Every use-case, wired once by the composition root. */
export interface Services {
  health: HealthService;
  demo: DemoService;
  sessions: SessionService;
  notifications: NotificationService;
  outbox: OutboxService;
  registration: RegistrationService;
  authentication: AuthenticationService;
  personalData: PersonalDataService;
  /** the citizen's ИНН from the tax service once the personal data are checked */
  innLookup: InnLookupService;
  confirmation: ConfirmationService;
  trustList: TrustListService;
  testCa: TestCaService;
  signatures: SignatureService;
  roles: RoleService;
  /** «Региональные операторы»: who is a region's operator by a personal grant */
  regionalStaff: RegionalStaffService;
  retention: RetentionService;
  actingFor: ActingForService;
  members: MemberService;
  invitations: InvitationService;
  access: AccessService;
  organizationJournal: OrganizationJournalService;
  organizationRegistration: OrganizationRegistrationService;
  organizationProfile: OrganizationProfileService;
  regionalRegistration: RegionalRegistrationService;
  applications: ApplicationService;
  openingPlan: OpeningPlanService;
  complaints: ComplaintService;
  /** «Центры обслуживания» on the technological portal (issue 11) */
  centers: CentersService;
  organizationBlocking: OrganizationBlockingService;
  /** the centers' report and data quality for the regional and federal operators (issue 11) */
  centerReport: CenterReportService;
  /** «Карта центров обслуживания»: the public map's viewport, list and card */
  centerMap: CenterMapService;
  oidcKeys: OidcKeyService;
  oidcClients: OidcClientService;
  /** «Информационные системы»: the technological portal's and the operator of ЕСИА's registry */
  oidcRegistry: OidcRegistryService;
  oidcConsents: OidcConsentService;
  oidcClaims: OidcClaimsService;
  /** node-oidc-provider configured over the services above (oidc/provider.ts) */
  oidcProvider: OidcProviderHost;
  /** the sign-in and consent steps over the provider's interaction API (oidc/interactions.ts) */
  oidcInteractions: OidcInteractions;
  /** the ESIA-compatible interface (issue 13): /aas/oauth2/* and its steps, tokens, logout */
  esiaAuthorization: EsiaAuthorizationService;
  esiaTokenEndpoint: EsiaTokenEndpoint;
  esiaTokens: EsiaTokenService;
  esiaLogout: EsiaLogoutService;
  esiaRest: EsiaRestService;
  /** АРМ «Центр обслуживания» (issue 12): entry, center and terms; the operations; the journal */
  workstationAccess: WorkstationAccessService;
  workstation: WorkstationService;
  workstationJournal: WorkstationJournalService;
}

/** The one place services are built, by context; a service gets its collaborators here, never a global. */
export function createServices(deps: ServiceDeps): Services {
  const { config, clock, queue, cipher, lookup, logger, integrations } = deps;
  const db = deps.database.db;

  // The provider's signing keys, rotated by the hourly retention run.
  const oidcKeys = new OidcKeyService({ db, clock, cipher });

  // Platform: what every context uses.
  const sessions = new SessionService({ db, clock });
  const notifications = new NotificationService({ queue, cipher });
  const actingFor = new ActingForService({ db, clock });
  const platform = {
    health: new HealthService({ database: deps.database }),
    sessions,
    notifications,
    outbox: new OutboxService({ db, config }),
    roles: new RoleService({ db, clock, actingFor }),
    regionalStaff: new RegionalStaffService({ db, clock }),
    retention: new RetentionService({ db, clock, queue, oidcKeys }),
  };

  // Citizen: registration, sign-in and recovery, personal data, confirmation of identity.
  const codes = new OneTimeCodes({ lookup, config });
  const citizenDeps = { db, clock, queue, cipher, lookup, notifications, integrations, config, logger };
  const confirmation = new ConfirmationService(citizenDeps);
  const citizen = {
    registration: new RegistrationService({
      db,
      clock,
      config,
      codes,
      notifications,
      sessions,
      commonPasswords,
    }),
    authentication: new AuthenticationService({
      db,
      clock,
      config,
      lookup,
      codes,
      notifications,
      sessions,
      commonPasswords,
      queue,
      cipher,
    }),
    personalData: new PersonalDataService({ ...citizenDeps, sessions }),
    innLookup: new InnLookupService(citizenDeps),
    confirmation,
  };
  // Checked personal data: the ИНН is asked of the tax service by the confirmed passport.
  citizen.personalData.onChecksCompleted((tx, result) => citizen.innLookup.checksCompleted(tx, result));

  // Qualified electronic signatures: trust list, test CA (demo mode), CRLs, verification.
  const trustList = new TrustListService({ db, clock, config });
  const testCa = new TestCaService({ db, clock, config, cipher, lookup, trustList });
  const crls = new CrlService({
    fetcher: new HttpCrlFetcher(),
    clock,
    testCa,
    logger,
    maxAgeMs: config.crl.cacheMaxAgeSeconds * 1000,
  });
  const signatures = new SignatureService({
    db,
    clock,
    cipher,
    lookup,
    sessions,
    trustList,
    crls,
    confirmation,
    logger,
  });
  const signature = {
    trustList,
    testCa,
    signatures,
  };
  const demo = new DemoService({ config, accounts: deps.demoAccounts, db, testCa });

  // Organizations: acting for one (the session's choice), employees, invitations, access, journal.
  const organization = {
    actingFor,
    members: new MemberService({ db, clock }),
    invitations: new InvitationService({ db, clock, config, lookup, notifications }),
    access: new AccessService({ db, clock }),
    organizationJournal: new OrganizationJournalService({ db }),
    organizationRegistration: new OrganizationRegistrationService({
      db,
      clock,
      config,
      queue,
      cipher,
      lookup,
      integrations,
      notifications,
      signatures,
      logger,
    }),
    organizationProfile: new OrganizationProfileService({ db, clock, integrations, logger }),
    regionalRegistration: new RegionalRegistrationService({ db, clock, notifications }),
  };

  // Applications Форма З and Форма И: the organization, the regional and the federal operator.
  const application = {
    applications: new ApplicationService({ db, clock, config, cipher, lookup, notifications, signatures }),
    openingPlan: new OpeningPlanService({ db, clock, config }),
  };

  // Complaints about service centers, and the federal operator's blocking of an issuer (issue 10).
  const complaint = {
    complaints: new ComplaintService({ db, clock, config, cipher, notifications }),
    organizationBlocking: new OrganizationBlockingService({ db, clock, notifications }),
  };

  // Service centers (issue 11): the technological portal, the public map, the operators' report
  // and the data-quality check.
  const geo = geography();
  const center = {
    centers: new CentersService({ db, clock, geo, geocoder: integrations.geocoder }),
    centerMap: new CenterMapService({ db, clock, config }),
    centerReport: new CenterReportService({ db, clock, geo }),
  };

  // АРМ «Центр обслуживания» (issue 12): operators serve citizens in person.
  const workstationJournal = new WorkstationJournalService({ db });
  const workstation = {
    workstationJournal,
    workstationAccess: new WorkstationAccessService({
      db,
      clock,
      lookup,
      signatures,
      journal: workstationJournal,
    }),
    workstation: new WorkstationService({
      db,
      clock,
      cipher,
      lookup,
      personalData: citizen.personalData,
      confirmation,
      notifications,
      journal: workstationJournal,
      logger,
    }),
  };
  // A registration at a center is confirmed when its registry checks pass.
  citizen.personalData.onChecksCompleted((tx, result, now) =>
    workstation.workstation.checksCompleted(tx, result, now),
  );

  // OpenID Connect: relying parties sign citizens in (issue 13).
  const oidcClients = new OidcClientService({ db, clock, cipher, config });
  const oidcConsents = new OidcConsentService({ db, clock });
  const oidcClaims = new OidcClaimsService({ db, cipher });
  const oidcProvider = new OidcProviderHost({
    config,
    db,
    clock,
    cipher,
    lookup,
    logger,
    keys: oidcKeys,
    clients: oidcClients,
    consents: oidcConsents,
    claims: oidcClaims,
    sessions,
  });
  const oidc = {
    oidcKeys,
    oidcClients,
    oidcRegistry: new OidcRegistryService({ db, clock, clients: oidcClients }),
    oidcConsents,
    oidcClaims,
    oidcProvider,
    oidcInteractions: new OidcInteractions({
      host: oidcProvider,
      clients: oidcClients,
      consents: oidcConsents,
    }),
  };

  // The ESIA-compatible interface (issue 13): the same registry, consents and signing keys.
  const esiaTokens = new EsiaTokenService({ config, clock, keys: oidcKeys });
  oidcConsents.onWithdrawn((tx, accountId, clientId, now) =>
    esiaTokens.revokeForConsent(tx, accountId, clientId, now),
  );
  const esia = {
    esiaTokens,
    esiaAuthorization: new EsiaAuthorizationService({ db, clock, config, lookup, consents: oidcConsents }),
    esiaTokenEndpoint: new EsiaTokenEndpoint({ db, clock, tokens: esiaTokens }),
    esiaLogout: new EsiaLogoutService({ db, clock, lookup }),
    esiaRest: new EsiaRestService({ db, clock, config, cipher, lookup, tokens: esiaTokens }),
  };

  return {
    ...platform,
    demo,
    ...citizen,
    ...signature,
    ...organization,
    ...application,
    ...complaint,
    ...center,
    ...workstation,
    ...oidc,
    ...esia,
  };
}

export function createServiceDeps(
  config: Config,
  database: Database,
  clock: Clock,
  queue: JobPort,
  integrations: Integrations,
  logger: FastifyBaseLogger,
  demoAccounts: readonly DemoAccount[] = [],
): ServiceDeps {
  return {
    config,
    database,
    clock,
    queue,
    integrations,
    logger,
    demoAccounts,
    cipher: new FieldCipher(config.dataEncryptionKey),
    lookup: new LookupHasher(config.lookupHashKey),
  };
}
