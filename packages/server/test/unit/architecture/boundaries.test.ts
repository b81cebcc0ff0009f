import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../../..');

// The repository's own config, without type information: only the import rules are under test.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-unused-vars': 'off' },
  },
});

async function importRuleMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the linter holds the dependency direction', () => {
  it.each([
    ['packages/server/src/domain/citizen/x.ts', "import { db } from '../../db/client.js';"],
    [
      'packages/server/src/domain/citizen/x.ts',
      "import { findX } from '../../repositories/citizen/accounts.js';",
    ],
    ['packages/server/src/domain/signature/x.ts', "import type { Services } from '../../services/index.js';"],
    ['packages/server/src/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['packages/server/src/domain/citizen/x.ts', "import { eq } from 'drizzle-orm';"],
    ['packages/server/src/http/routes/x.ts', "import { demoAccounts } from '../../db/seed.js';"],
    [
      'packages/server/src/http/routes/x.ts',
      "import { getAccountById } from '../../repositories/citizen/accounts.js';",
    ],
    [
      'packages/server/src/services/citizen/x.ts',
      "import { postLetterJobs } from '../../jobs/post-letters.js';",
    ],
    ['packages/server/src/services/citizen/x.ts', "import type { JobQueue } from '../../jobs/queue.js';"],
    ['packages/server/src/services/platform/x.ts', "import { requireAuth } from '../../http/auth.js';"],
    ['packages/server/src/services/platform/x.ts', "import { sessions } from '../../db/schema/index.js';"],
    ['packages/server/src/integrations/russian-post/x.ts', "import { and } from 'drizzle-orm';"],
    ['packages/web/src/portals/x.tsx', "import { createSystem } from '../../../server/src/system.js';"],
  ])('refuses, in %s: %s', async (file, code) => {
    expect(await importRuleMessages(file, code)).toHaveLength(1);
  });

  it.each([
    ['packages/server/src/domain/citizen/x.ts', "import { moscowDate } from '../shared/moscow-time.js';"],
    ['packages/server/src/domain/citizen/x.ts', "import { createHash } from 'node:crypto';"],
    ['packages/server/src/http/routes/x.ts', "import type { AppContext } from '../context.js';"],
    ['packages/server/src/services/citizen/x.ts', "import type { JobPort } from '../../jobs/ports.js';"],
    ['packages/server/src/services/citizen/x.ts', "import { sendPostLetterJob } from '../../jobs/specs.js';"],
    ['packages/server/src/services/citizen/x.ts', "import type { Db } from '../../db/client.js';"],
    ['packages/server/src/jobs/x.ts', "import type { Services } from '../services/index.js';"],
    ['packages/web/src/portals/x.tsx', "import { loginSchema } from '@openesia/contracts';"],
  ])('allows, in %s: %s', async (file, code) => {
    expect(await importRuleMessages(file, code)).toEqual([]);
  });
});
