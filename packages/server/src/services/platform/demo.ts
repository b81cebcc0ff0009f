import type { Config } from '../../config/index.js';
import type { Db } from '../../db/client.js';
import { systemActor } from '../../domain/policy/actor.js';
import { AppError } from '../../lib/errors.js';
import { findAccountByVerifiedContact } from '../../repositories/citizen/accounts.js';
import {
  findHeadAccountId,
  findLiveOrganizationByOgrn,
} from '../../repositories/organization/organizations.js';
import type { TestCaService } from '../signature/test-ca.js';

/** A demo account as the home page lists it (db/seed.ts creates them). */
export interface DemoAccount {
  title: string;
  login: string;
  password: string;
  level: 'simplified' | 'standard' | 'confirmed';
  /** a demo organization's employee: its short name */
  organization?: string;
  /** a demo organization's head: the legal entity's test certificate and its PIN */
  headCertificate?: { ogrn: string; pin: string };
  /** a demo operator of the workstation: the service certificate (ЭП-СП) and its PIN */
  serviceCertificate?: { ogrn: string; pin: string; key: string };
}

/**
 * The demo accounts and their passwords, shown on the home page in demo mode only. The list is
 * handed in by the composition root (from db/seed.ts), so no route or service imports the seed.
 */
export class DemoService {
  constructor(
    private readonly deps: {
      config: Pick<Config, 'demoMode'>;
      accounts: readonly DemoAccount[];
      db?: Db;
      testCa?: Pick<TestCaService, 'issueLegalEntityForAccount' | 'issueServiceCertificate'>;
    },
  ) {}

  accounts(): DemoAccount[] {
    return this.deps.config.demoMode ? [...this.deps.accounts] : [];
  }

  /**
   * The legal entity's test certificate of a demo organization's head (PKCS#12 with the PIN the
   * home page shows), issued afresh by the test CA on each download for the head's checked data.
   * Only for the demo heads the list names, and only in demo mode: everyone may read their
   * passwords there anyway.
   */
  async headCertificate(ogrn: string): Promise<{ container: Buffer; fileName: string }> {
    const listed = this.accounts().find((a) => a.headCertificate?.ogrn === ogrn)?.headCertificate;
    const { db, testCa } = this.deps;
    if (!listed || !db || !testCa) throw new AppError('not_found');
    const organization = await findLiveOrganizationByOgrn(db, ogrn);
    const headId = organization && (await findHeadAccountId(db, organization.id));
    if (!headId) throw new AppError('not_found');
    const issued = await testCa.issueLegalEntityForAccount(
      systemActor('demo'),
      headId,
      { algorithm: 'gost2012_256', pin: listed.pin, organization: { kind: 'register', ogrn } },
      { ip: null },
    );
    return { container: Buffer.from(issued.container, 'base64'), fileName: `head-${ogrn}.p12` };
  }

  /**
   * A demo operator's service certificate for АРМ «Центр обслуживания» (PKCS#12 with the PIN the
   * home page shows), issued afresh on each download for the operator's checked data and the
   * organization's ОГРН and ИНН. Only for the demo operators the list names, only in demo mode.
   */
  async serviceCertificate(key: string): Promise<{ container: Buffer; fileName: string }> {
    const listed = this.accounts().find((a) => a.serviceCertificate?.key === key);
    const { db, testCa } = this.deps;
    if (!listed?.serviceCertificate || !db || !testCa) throw new AppError('not_found');
    const organization = await findLiveOrganizationByOgrn(db, listed.serviceCertificate.ogrn);
    const account = await findAccountByVerifiedContact(db, 'email', listed.login);
    if (!organization || !account) throw new AppError('not_found');
    const issued = await testCa.issueServiceCertificate(
      systemActor('demo'),
      account.id,
      { ogrn: organization.ogrn, inn: organization.inn, fullName: organization.fullName },
      {
        algorithm: 'gost2012_256',
        pin: listed.serviceCertificate.pin,
        title: 'Оператор центра обслуживания',
      },
    );
    return { container: Buffer.from(issued.container, 'base64'), fileName: `operator-${key}.p12` };
  }
}
