import type { Config } from '../../config/index.js';
import type { Db } from '../../db/client.js';
import { systemActor } from '../../domain/policy/actor.js';
import { AppError } from '../../lib/errors.js';
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
      testCa?: Pick<TestCaService, 'issueLegalEntityForAccount'>;
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
}
