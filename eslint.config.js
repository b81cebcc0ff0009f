// ESLint (flat config): the dependency direction of docs/ARCHITECTURE.md, and promises that are
// awaited. Formatting is prettier's, unused exports knip's (`npm run lint` runs all three).
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** One import restriction: a regular expression over the import's text, and why. */
const forbid = (regex, message) => ({ regex, message });

// A relative import that climbs into a top-level folder of packages/server/src, from any depth.
const serverLayer = (...layers) => `^(\\.\\./)+(${layers.join('|')})(/|\\.js$)`;

// What does I/O: a domain rule receives its data and the time, it never fetches them.
const ioPackages = [
  'drizzle-orm',
  'drizzle-orm/*',
  'pg',
  'pg-boss',
  '@electric-sql/pglite',
  'fastify',
  'fastify-plugin',
  '@fastify/*',
  'nodemailer',
  'pino',
  'node:fs',
  'node:fs/promises',
  'node:net',
  'node:http',
  'node:https',
  'node:tls',
  'node:dns',
  'node:dgram',
  'node:child_process',
  'node:worker_threads',
  'fs',
  'net',
  'http',
  'https',
  'child_process',
];

const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message: 'the domain does no I/O: pass the data in' })),
      patterns,
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/server/src/db/migrations/**',
      'data/**',
      '.tmp/**',
      'test-results/**',
      'bench/results/**',
    ],
  },
  {
    files: ['packages/*/src/**/*.{ts,tsx}', 'packages/*/test/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      // Typed linting (no-floating-promises needs the types): each file's own package tsconfig.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits fails unseen; fire-and-forget is written `void` with a reason beside it.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'none', ignoreRestSiblings: true, caughtErrors: 'none', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['packages/server/src/domain/**/*.ts'],
    rules: restrict(
      [
        forbid(
          serverLayer('db', 'repositories', 'services', 'http', 'jobs', 'integrations', 'audit', 'config'),
          'domain/ imports no I/O layer: it decides, services do the I/O (docs/ARCHITECTURE.md)',
        ),
        {
          group: ioPackages.filter((p) => p.includes('*')),
          message: 'the domain does no I/O: pass the data in',
        },
      ],
      ioPackages.filter((p) => !p.includes('*')),
    ),
  },
  {
    files: ['packages/server/src/http/routes/**/*.ts'],
    rules: restrict([
      forbid(
        serverLayer('db', 'repositories'),
        'a route reaches data through a service, never db/ or repositories/ (docs/ARCHITECTURE.md)',
      ),
      forbid('^drizzle-orm', 'SQL lives in repositories/ only'),
    ]),
  },
  {
    files: ['packages/server/src/services/**/*.ts'],
    rules: restrict([
      forbid(
        '^(\\.\\./)+jobs/(?!(ports|specs)\\.js$)',
        'a service enqueues through jobs/ports.ts and jobs/specs.ts, never a handler or the queue itself',
      ),
      forbid(serverLayer('http'), 'services know nothing of HTTP'),
      forbid('^drizzle-orm', 'SQL lives in repositories/ only'),
      forbid('db/schema', 'SQL lives in repositories/ only'),
    ]),
  },
  {
    files: ['packages/server/src/repositories/**/*.ts'],
    rules: restrict([
      forbid(
        serverLayer('services', 'http', 'jobs', 'integrations'),
        'a repository is SQL only: no layer above it',
      ),
    ]),
  },
  {
    files: ['packages/server/src/integrations/**/*.ts'],
    rules: restrict([
      forbid(serverLayer('services', 'http', 'jobs'), 'an adapter knows its port, not the use-cases'),
      forbid('^drizzle-orm', 'SQL lives in repositories/ (the simulators: repositories/simulators/)'),
      forbid('db/schema', 'SQL lives in repositories/ (the simulators: repositories/simulators/)'),
    ]),
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // An effect that should run on one change only says so with useEffectEvent, not by leaving
      // dependencies out.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}', 'packages/contracts/src/**/*.ts'],
    // The browser signer's tests check it against the server's PKI code (the same CMS and
    // certificates both ways) until both use one package (packages/pki, issue 8 §6).
    ignores: ['packages/web/src/**/*.test.ts'],
    rules: restrict([
      forbid('^@openesia/server', 'the server is reached over HTTP, through @openesia/contracts'),
      forbid('(^|/)server/src(/|$)', 'the server is reached over HTTP, through @openesia/contracts'),
    ]),
  },
);
