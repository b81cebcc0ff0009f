import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';
import { loadConfig } from '../../src/config/index.js';
import { accountRoles, auditLog, trustedRoots } from '../../src/db/schema/index.js';
import { demoAccounts, demoPeople, seedDemoData } from '../../src/db/seed.js';
import {
  findAccountByVerifiedContact,
  getAccountForUpdate,
} from '../../src/repositories/citizen/accounts.js';
import { openDatabase } from '../../src/system.js';
import { auditReport } from '../../src/audit/report.js';
import { createSimplifiedCitizen, createStandardCitizen, uniqueEmail } from '../support/factories.js';
import { TestClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { fixture } from '../unit/signature/fixtures.js';

/**
 * Staff roles: only the console (`cli.ts grant-role`) and the demo seed grant the federal
 * operator's role, only to a confirmed account (seed 000), and every grant is audited.
 */

let system: TestSystem;

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../../..');
/** the console's own embedded database: the commands open the database the server would */
let dataDir: string;
let env: Record<string, string | undefined>;

/** a command as a process of its own, as an administrator runs it (`tsx` takes seconds to start) */
const cliProcess = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(root, 'packages/server/src/cli.ts'), ...args], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );
/** started with the file so its process runs alongside the tests; «cli.ts grant-role» reads it */
let missingRoleProcess: ReturnType<typeof cliProcess>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'openesia-roles-'));
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    APP_ENV: 'development',
    DATA_DIR: dataDir,
    DEMO_MODE: 'true',
    SIMULATORS: 'true',
    SIMULATOR_DELAY_FACTOR: '0',
    SIMULATOR_FAILURE_RATE: '0',
    LOG_LEVEL: 'silent',
  };
  missingRoleProcess = cliProcess('grant-role', '--login', '+79990000000');
  system = await startTestSystem();
});
afterAll(async () => {
  await missingRoleProcess;
  await system.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function confirmedCitizen(options: { email?: string } = {}) {
  const citizen = await createStandardCitizen(system, options);
  await system.database.db.transaction(async (tx) => {
    const account = await getAccountForUpdate(tx, citizen.id);
    await system.services.confirmation.confirmIdentity(
      tx,
      account,
      'service_center',
      { actorType: 'system' },
      system.clock.now(),
    );
  });
  return citizen;
}

const grantsOf = (accountId: string) =>
  system.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.event, 'account.role_granted'), eq(auditLog.subjectId, accountId)));

const rolesOf = (accountId: string) =>
  system.database.db.select().from(accountRoles).where(eq(accountRoles.accountId, accountId));

async function signedIn(login: string, password: string): Promise<TestClient> {
  const client = new TestClient(system.app);
  const res = await client.post('/api/login', { login, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return client;
}

describe('granting the federal operator role', () => {
  it('grants it to a confirmed account found by its e-mail, auditing the grant once', async () => {
    const email = uniqueEmail();
    const citizen = await confirmedCitizen({ email });
    const sut = system.services.roles;

    const first = await sut.grant(
      { login: email.toUpperCase(), role: 'federal_operator' },
      { actorType: 'administrator', via: 'cli' },
    );
    const again = await sut.grant(
      { login: email, role: 'federal_operator' },
      { actorType: 'administrator', via: 'cli' },
    );

    expect(first).toEqual({ accountId: citizen.id, granted: true });
    expect(again).toEqual({ accountId: citizen.id, granted: false });
    expect((await rolesOf(citizen.id)).map((r) => r.role)).toEqual(['federal_operator']);
    const grants = await grantsOf(citizen.id);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({
      actorType: 'administrator',
      data: { role: 'federal_operator', via: 'cli' },
    });
    const operator = await signedIn(email, citizen.password);
    expect((await operator.get('/api/registry/trust-list')).status).toBe(200);
  });

  it('finds the account by its phone however it is typed', async () => {
    const citizen = await confirmedCitizen();
    const typed = `8 (${citizen.phone!.slice(2, 5)}) ${citizen.phone!.slice(5, 8)}-${citizen.phone!.slice(8, 10)}-${citizen.phone!.slice(10)}`;

    const result = await system.services.roles.grant(
      { login: typed, role: 'federal_operator' },
      { actorType: 'administrator', via: 'cli' },
    );

    expect(result).toEqual({ accountId: citizen.id, granted: true });
  });

  it('refuses an account that is not confirmed, an unknown login and a malformed one, changing nothing', async () => {
    const standard = await createStandardCitizen(system);
    const simplified = await createSimplifiedCitizen(system);
    const sut = system.services.roles;
    const actor = { actorType: 'administrator', via: 'cli' } as const;

    for (const [login, code] of [
      [standard.phone!, 'account.level_too_low'],
      [simplified.phone!, 'account.level_too_low'],
      [uniqueEmail(), 'not_found'],
      ['не логин', 'validation.failed'],
    ] as const) {
      await expect(sut.grant({ login, role: 'federal_operator' }, actor), login).rejects.toMatchObject({
        code,
      });
    }
    for (const id of [standard.id, simplified.id]) {
      expect(await rolesOf(id)).toEqual([]);
      expect(await grantsOf(id)).toEqual([]);
    }
  });
});

describe('the demo federal operator', () => {
  it('is a confirmed account with the role, granted by the seed and audited once however often it runs', async () => {
    const person = demoPeople.find((p) => p.title === 'Оператор ЕСИА (федеральный оператор)')!;
    const listed = demoAccounts.find((a) => a.title === person.title)!;

    await seedDemoData(system);
    await seedDemoData(system);

    const account = await findAccountByVerifiedContact(
      system.database.db,
      person.contact.type,
      person.contact.value,
    );
    expect(account?.level).toBe('confirmed');
    expect((await rolesOf(account!.id)).map((r) => r.role)).toEqual(['federal_operator']);
    const grants = await grantsOf(account!.id);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ actorType: 'system', data: { role: 'federal_operator', via: 'seed' } });

    const operator = await signedIn(listed.login, listed.password);
    const list = await operator.get('/api/registry/trust-list');
    expect(list.status).toBe(200);
    expect(list.body.roots.map((r: { source: string }) => r.source)).toContain('test_ca');
    // The other demo people stay citizens.
    const citizen = demoAccounts.find((a) => a.level === 'confirmed' && a !== listed)!;
    const refused = await (await signedIn(citizen.login, citizen.password)).get('/api/registry/trust-list');
    expect(refused.body.error.code).toBe('auth.forbidden');
  });
});

describe('trust-list changes by a citizen without the role', () => {
  it('are refused with auth.forbidden and change nothing', async () => {
    const citizen = await confirmedCitizen();
    const sut = await signedIn(citizen.phone!, citizen.password);
    const before = await system.database.db.select().from(trustedRoots);

    const added = await sut.post('/api/registry/trust-list', {
      certificate: fixture('other-root.der').toString('base64'),
    });
    const imported = await sut.post('/api/registry/trust-list/import', {
      xml: fixture('trust-list.xml').toString('utf8'),
    });
    const removed = await sut.request('DELETE', `/api/registry/trust-list/${before[0].id}`);

    for (const res of [added, imported, removed]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    }
    expect(await system.database.db.select().from(trustedRoots)).toEqual(before);
  });

  it('are refused with auth.required when nobody is signed in', async () => {
    const sut = new TestClient(system.app);
    const res = await sut.post('/api/registry/trust-list/import', {
      xml: fixture('trust-list.xml').toString('utf8'),
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('auth.required');
  });
});

describe('cli.ts grant-role', () => {
  /**
   * The same command line through `runCli`, the function the script's process exits with, in
   * this process: the same parsing, configuration from `env` and exit code, without starting `tsx`.
   */
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const line =
      (to: string[]) =>
      (...parts: unknown[]) =>
        void to.push(`${parts.map(String).join(' ')}\n`);
    const log = vi.spyOn(console, 'log').mockImplementation(line(out));
    const error = vi.spyOn(console, 'error').mockImplementation(line(err));
    try {
      const code = await runCli(args, env);
      return { code, stdout: out.join(''), stderr: err.join('') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  };

  it('grants the role to a confirmed account from the console, audited, and refuses bad requests', async () => {
    expect((await cli('seed')).code).toBe(0);
    const smirnova = demoAccounts.find((a) => a.title === 'Гражданин, подтверждённая учётная запись')!;
    const petrov = demoAccounts.find((a) => a.level === 'standard')!;

    const granted = await cli('grant-role', '--login', smirnova.login, '--role', 'federal_operator');
    const notConfirmed = await cli('grant-role', '--login', petrov.login, '--role', 'federal_operator');
    const unknownRole = await cli('grant-role', '--login', smirnova.login, '--role', 'root');
    const missing = await cli('grant-role', '--login', smirnova.login);

    expect(granted.code, granted.stderr).toBe(0);
    expect(granted.stdout).toMatch(/role federal_operator granted to account [0-9a-f-]{36}/);
    expect(notConfirmed.code).toBe(1);
    expect(notConfirmed.stderr).toContain('refused: account.level_too_low');
    expect(unknownRole.code).toBe(2);
    expect(missing.code).toBe(2);
    // The script's own process too: its command line reaches `runCli`, and its exit code the shell.
    const missingProcess = await missingRoleProcess;
    expect(missingProcess.code, missingProcess.stderr).toBe(2);
    expect(missingProcess.stderr).toContain('usage:');

    const database = await openDatabase(loadConfig(env));
    try {
      const accountId = granted.stdout.match(/account ([0-9a-f-]{36})/)![1];
      const grants = await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.event, 'account.role_granted'), eq(auditLog.subjectId, accountId)));
      expect(grants.map((g) => [g.actorType, g.data])).toEqual([
        ['administrator', { role: 'federal_operator', via: 'cli' }],
      ]);
      // Each command anchored the chains' heads in DATA_DIR on its way out; the check agrees.
      const report = await auditReport(database.db, loadConfig(env).audit);
      expect(report.ok, report.lines.join('\n')).toBe(true);
      expect(report.lines.join('\n')).toMatch(/checkpoints: [1-9]\d* signed lines/);
    } finally {
      await database.close();
    }
  });

  it('grants «Региональный оператор» of a region and revokes it, audited as the administrator', async () => {
    // The database the test above seeded. Each command starts a system (seconds): the refusals
    // are the service's, tested in regional-staff.test.ts.
    const smirnova = demoAccounts.find((a) => a.title === 'Гражданин, подтверждённая учётная запись')!;

    const granted = await cli(
      'grant-role',
      '--login',
      smirnova.login,
      '--role',
      'regional_operator',
      '--region',
      '35',
    );
    const noRegion = await cli('grant-role', '--login', smirnova.login, '--role', 'regional_operator');
    const revoked = await cli('revoke-role', '--login', smirnova.login, '--role', 'regional_operator');

    expect(granted.code, granted.stderr).toBe(0);
    expect(granted.stdout).toMatch(/role regional_operator of region 35 granted to account [0-9a-f-]{36}/);
    expect(noRegion.code).toBe(2);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/role regional_operator of region 35 revoked from account/);

    const database = await openDatabase(loadConfig(env));
    try {
      const accountId = granted.stdout.match(/account ([0-9a-f-]{36})/)![1];
      const entries = await database.db
        .select()
        .from(auditLog)
        .where(
          and(
            inArray(auditLog.event, ['account.role_granted', 'account.role_revoked']),
            eq(auditLog.subjectId, accountId),
            sql`${auditLog.data} ->> 'role' = 'regional_operator'`,
          ),
        )
        .orderBy(auditLog.seq);
      expect(entries.map((e) => [e.event, e.actorType, e.data.via, e.data.regionCode])).toEqual([
        ['account.role_granted', 'administrator', 'cli', '35'],
        ['account.role_revoked', 'administrator', 'cli', '35'],
      ]);
    } finally {
      await database.close();
    }
  });
});
