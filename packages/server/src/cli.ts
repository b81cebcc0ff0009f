import { realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signatureAlgorithms, type SignatureAlgorithm } from '@openesia/contracts';
import { auditReport } from './audit/report.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { migrate } from './db/client.js';
import { seedDemoData } from './db/seed.js';
import { createLogger } from './lib/logger.js';
import { AppError } from './lib/errors.js';
import { oidcClientCommand, oidcKeysCommand, oidcUsage } from './oidc/cli.js';
import { systemActor } from './domain/policy/actor.js';
import { staffRoles } from './services/platform/roles.js';
import { createSystem, openDatabase } from './system.js';

/** The roles the console gives: the staff roles, and «Региональный оператор» of a region (--region). */
const consoleRoles = [...staffRoles, 'regional_operator'] as const;

/**
 * Operator commands: `tsx packages/server/src/cli.ts <command>` (root scripts db:migrate, db:seed,
 * audit:verify, test-ca, grant-role, revoke-role). Configuration comes from the environment as for
 * the server.
 */
const usage = `usage:
  cli.ts migrate
  cli.ts pglite-template
  cli.ts seed
  cli.ts audit-verify
  cli.ts grant-role --login <phone|email> --role ${consoleRoles.join('|')} [--region <code>]
  cli.ts revoke-role --login <phone|email> --role ${consoleRoles.join('|')}
  cli.ts test-ca issue --last-name L --first-name F [--middle-name M] [--snils S] [--inn I]
         [--inn-le I] [--ogrn O] [--ogrnip O] [--organization O] [--title T] [--email E]
         [--algorithm ${signatureAlgorithms.join('|')}] [--valid-days N] --pin PIN --out file.p12
  cli.ts test-ca revoke --serial HEX
  cli.ts test-ca root --out root.cer
${oidcUsage}`;

/**
 * The environment the command reads its configuration from: the one `runCli` is given, or
 * (undefined) the process's, which config/index.ts alone reads.
 */
let environment: Record<string, string | undefined> | undefined;

/** Ends the command with an exit code from deep inside it (`runCli` returns the code). */
class Exit {
  constructor(readonly code: number) {}
}

function config(): Config {
  try {
    return loadConfig(environment);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      throw new Exit(2);
    }
    throw err;
  }
}

async function withSystem<T>(
  fn: (system: Awaited<ReturnType<typeof createSystem>>) => Promise<T>,
): Promise<T> {
  const cfg = config();
  // No background jobs for a one-off command: it must not pick up the server's work.
  const system = await createSystem({ ...cfg, jobsEnabled: false }, createLogger(cfg.logLevel), {
    serveWeb: false,
  });
  try {
    return await fn(system);
  } finally {
    await system.stop();
  }
}

async function auditVerifyCommand(): Promise<number> {
  const cfg = config();
  const database = await openDatabase(cfg);
  try {
    const report = await auditReport(database.db, cfg.audit);
    for (const line of report.lines) console.log(line);
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

async function testCa(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      'last-name': { type: 'string' },
      'first-name': { type: 'string' },
      'middle-name': { type: 'string' },
      snils: { type: 'string' },
      inn: { type: 'string' },
      'inn-le': { type: 'string' },
      ogrn: { type: 'string' },
      ogrnip: { type: 'string' },
      organization: { type: 'string' },
      title: { type: 'string' },
      email: { type: 'string' },
      algorithm: { type: 'string', default: 'gost2012_256' },
      'valid-days': { type: 'string' },
      pin: { type: 'string' },
      out: { type: 'string' },
      serial: { type: 'string' },
    },
  });
  const meta = { accountId: null, meta: { ip: null, userAgent: 'cli' } };
  if (action === 'issue') {
    if (!values.out || !values.pin || !values['last-name'] || !values['first-name']) {
      console.error(usage);
      return 2;
    }
    if (!signatureAlgorithms.includes(values.algorithm as SignatureAlgorithm)) {
      console.error(`unknown algorithm ${values.algorithm}`);
      return 2;
    }
    const issued = await withSystem((s) =>
      s.services.testCa.issue(
        {
          algorithm: values.algorithm as SignatureAlgorithm,
          pin: values.pin!,
          validDays: values['valid-days'] ? Number(values['valid-days']) : undefined,
          subject: {
            lastName: values['last-name']!,
            firstName: values['first-name']!,
            middleName: values['middle-name'],
            snils: values.snils,
            inn: values.inn,
            innLe: values['inn-le'],
            ogrn: values.ogrn,
            ogrnip: values.ogrnip,
            organization: values.organization,
            title: values.title,
            email: values.email,
          },
        },
        meta,
      ),
    );
    writeFileSync(values.out, Buffer.from(issued.container, 'base64'));
    const cer = values.out.replace(/\.(p12|pfx)$/i, '') + '.cer';
    writeFileSync(cer, Buffer.from(issued.certificate, 'base64'));
    console.log(
      `certificate ${issued.serialNumber} (${issued.info.algorithm}) for ${issued.info.subject.commonName}: container ${values.out}, certificate ${cer}`,
    );
    return 0;
  }
  if (action === 'revoke' && values.serial) {
    const revoked = await withSystem((s) => s.services.testCa.revoke(values.serial!, 'unspecified', meta));
    console.log(`revoked ${revoked.serialNumber} at ${revoked.revokedAt}`);
    return 0;
  }
  if (action === 'root' && values.out) {
    writeFileSync(values.out, await withSystem((s) => s.services.testCa.rootCertificate()));
    console.log(`root certificate written to ${values.out}`);
    return 0;
  }
  console.error(usage);
  return 2;
}

/** What the console says of a refusal, by its code (the web app has the Russian texts). */
const refusals: Partial<Record<string, string>> = {
  'validation.failed': 'the login is not a mobile phone or an e-mail, or the region code is unknown',
  not_found: 'no active account has this verified phone or e-mail',
  'staff.account_not_found': 'no active account has this verified phone or e-mail',
  'account.level_too_low': 'the account is not confirmed; only a confirmed account may become an operator',
  'staff.account_not_confirmed':
    'the account is not confirmed; only a confirmed account may become an operator',
  'staff.already_granted': 'the account is already the regional operator of this region',
  'staff.other_region':
    'the account is the regional operator of another region; revoke that role first (one region at a time)',
  'staff.not_granted': 'the account does not hold this role',
};

async function refused<T>(run: () => Promise<T>): Promise<T | number> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = err.details.fields?.map((f) => `${f.path}: ${f.code}`).join(', ');
    console.error(
      `refused: ${err.code}${fields ? ` [${fields}]` : ''}${refusals[err.code] ? ` (${refusals[err.code]})` : ''}`,
    );
    return 1;
  }
}

/** `--login` and `--role` of grant-role and revoke-role; grant-role's `--region` for a region's operator. */
function roleArgs(
  args: string[],
  command: 'grant-role' | 'revoke-role',
): { login: string; role: (typeof consoleRoles)[number]; region?: string } | number {
  const { values } = parseArgs({
    args,
    options: {
      login: { type: 'string' },
      role: { type: 'string' },
      ...(command === 'grant-role' ? { region: { type: 'string' as const } } : {}),
    },
  });
  const region = (values as { region?: string }).region;
  if (!values.login || !values.role) {
    console.error(usage);
    return 2;
  }
  const role = consoleRoles.find((r) => r === values.role);
  if (!role) {
    console.error(`unknown role ${values.role}; known: ${consoleRoles.join(', ')}`);
    return 2;
  }
  if (command === 'grant-role' && (role === 'regional_operator') !== (region !== undefined)) {
    console.error(`--region goes with --role regional_operator, and only with it\n${usage}`);
    return 2;
  }
  return { login: values.login, role, region };
}

/**
 * Gives a staff role to a confirmed account, found by its verified phone or e-mail: the federal
 * operator's role (no web page grants it: nobody in the system stands above the federal operator)
 * or «Региональный оператор» of `--region` (the federal operator's page «Региональные операторы»
 * grants it too). Written to the audit log as an administrator's action.
 */
async function grantRoleCommand(args: string[]): Promise<number> {
  const parsed = roleArgs(args, 'grant-role');
  if (typeof parsed === 'number') return parsed;
  const { login, role, region } = parsed;
  return withSystem(async (s) => {
    if (role === 'regional_operator') {
      const granted = await refused(() =>
        s.services.regionalStaff.grant(systemActor('cli'), { login, regionCode: region! }),
      );
      if (typeof granted === 'number') return granted;
      console.log(
        `role regional_operator of region ${granted.regionCode} granted to account ${granted.accountId}`,
      );
      return 0;
    }
    const result = await refused(() =>
      s.services.roles.grant({ login, role }, { actorType: 'administrator', via: 'cli' }),
    );
    if (typeof result === 'number') return result;
    console.log(
      result.granted
        ? `role ${role} granted to account ${result.accountId}`
        : `account ${result.accountId} already holds role ${role}`,
    );
    return 0;
  });
}

/** Takes a staff role back (audited); it ends with the person's next request. */
async function revokeRoleCommand(args: string[]): Promise<number> {
  const parsed = roleArgs(args, 'revoke-role');
  if (typeof parsed === 'number') return parsed;
  const { login, role } = parsed;
  return withSystem(async (s) => {
    if (role === 'regional_operator') {
      const revoked = await refused(() => s.services.regionalStaff.revokeByLogin(systemActor('cli'), login));
      if (typeof revoked === 'number') return revoked;
      console.log(
        `role regional_operator of region ${revoked.regionCode} revoked from account ${revoked.accountId}`,
      );
      return 0;
    }
    const revoked = await refused(() =>
      s.services.roles.revoke({ login, role }, { actorType: 'administrator', via: 'cli' }),
    );
    if (typeof revoked === 'number') return revoked;
    console.log(`role ${role} revoked from account ${revoked.accountId}`);
    return 0;
  });
}

async function command(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'migrate': {
      const database = await openDatabase(config());
      try {
        await migrate(database);
        console.log('migrations applied');
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'pglite-template': {
      // Run by `npm install` (scripts/prepare-start.mjs): the fresh embedded database new data dirs copy.
      const { preparePgliteTemplate } = await import('./db/pglite-template.js');
      console.log(`PGlite template: ${await preparePgliteTemplate()}`);
      return 0;
    }
    case 'seed':
      await withSystem((s) => seedDemoData(s));
      console.log('demo data seeded');
      return 0;
    case 'audit-verify':
      return auditVerifyCommand();
    case 'test-ca':
      return testCa(args);
    case 'grant-role':
      return grantRoleCommand(args);
    case 'revoke-role':
      return revokeRoleCommand(args);
    case 'oidc-client':
      return withSystem((s) => oidcClientCommand(s.services, args));
    case 'oidc-keys':
      return withSystem((s) => oidcKeysCommand(s.services, args));
    default:
      console.error(usage);
      return 2;
  }
}

/**
 * Runs one command and resolves to its exit code: 0 done, 1 refused or failed, 2 a bad command
 * line or configuration. Exported so the tests run the commands in their own process (starting
 * `tsx` per command costs seconds); run as a script, the process exits with that code.
 */
export async function runCli(argv: string[], env?: Record<string, string | undefined>): Promise<number> {
  environment = env;
  try {
    return await command(argv);
  } catch (err) {
    if (err instanceof Exit) return err.code;
    console.error(err instanceof AppError ? `refused: ${err.code}` : err);
    return 1;
  } finally {
    environment = undefined;
  }
}

function runAsScript(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (runAsScript()) {
  void runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
