import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { signatureAlgorithms, type SignatureAlgorithm } from '@openesia/contracts';
import { auditReport } from './audit/report.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { migrate } from './db/client.js';
import { seedDemoData } from './db/seed.js';
import { createLogger } from './lib/logger.js';
import { AppError } from './lib/errors.js';
import { oidcClientCommand, oidcKeysCommand, oidcUsage } from './oidc/cli.js';
import { staffRoles } from './services/platform/roles.js';
import { createSystem, openDatabase } from './system.js';

/**
 * Operator commands: `tsx packages/server/src/cli.ts <command>` (root scripts db:migrate, db:seed,
 * audit:verify, test-ca, grant-role). Configuration comes from the environment as for the server.
 */
const usage = `usage:
  cli.ts migrate
  cli.ts pglite-template
  cli.ts seed
  cli.ts audit-verify
  cli.ts grant-role --login <phone|email> --role ${staffRoles.join('|')}
  cli.ts test-ca issue --last-name L --first-name F [--middle-name M] [--snils S] [--inn I]
         [--inn-le I] [--ogrn O] [--ogrnip O] [--organization O] [--title T] [--email E]
         [--algorithm ${signatureAlgorithms.join('|')}] [--valid-days N] --pin PIN --out file.p12
  cli.ts test-ca revoke --serial HEX
  cli.ts test-ca root --out root.cer
${oidcUsage}`;

function config(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
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

/**
 * Gives a staff role to a confirmed account, found by its verified phone or e-mail. No web page
 * grants roles (nobody in the system stands above the federal operator); the grant is written to
 * the audit log as an administrator's action.
 */
async function grantRoleCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { login: { type: 'string' }, role: { type: 'string' } } });
  if (!values.login || !values.role) {
    console.error(usage);
    return 2;
  }
  const role = staffRoles.find((r) => r === values.role);
  if (!role) {
    console.error(`unknown role ${values.role}; known: ${staffRoles.join(', ')}`);
    return 2;
  }
  try {
    const result = await withSystem((s) =>
      s.services.roles.grant({ login: values.login!, role }, { actorType: 'administrator', via: 'cli' }),
    );
    console.log(
      result.granted
        ? `role ${role} granted to account ${result.accountId}`
        : `account ${result.accountId} already holds role ${role}`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const why: Partial<Record<string, string>> = {
      'validation.failed': 'the login is not a mobile phone or an e-mail',
      not_found: 'no active account has this verified phone or e-mail',
      'account.level_too_low':
        'the account is not confirmed; only a confirmed account may become an operator',
    };
    console.error(`refused: ${err.code}${why[err.code] ? ` (${why[err.code]})` : ''}`);
    return 1;
  }
}

async function main(argv: string[]): Promise<number> {
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
    case 'oidc-client':
      return withSystem((s) => oidcClientCommand(s.services, args));
    case 'oidc-keys':
      return withSystem((s) => oidcKeysCommand(s.services, args));
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof AppError ? `refused: ${err.code}` : err);
    process.exit(1);
  },
);
