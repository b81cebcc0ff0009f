import type { Config } from '../../config/index.js';

/** A demo account as the home page lists it (db/seed.ts creates them). */
export interface DemoAccount {
  title: string;
  login: string;
  password: string;
  level: 'simplified' | 'standard' | 'confirmed';
}

/**
 * The demo accounts and their passwords, shown on the home page in demo mode only. The list is
 * handed in by the composition root (from db/seed.ts), so no route or service imports the seed.
 */
export class DemoService {
  constructor(
    private readonly deps: { config: Pick<Config, 'demoMode'>; accounts: readonly DemoAccount[] },
  ) {}

  accounts(): DemoAccount[] {
    return this.deps.config.demoMode ? [...this.deps.accounts] : [];
  }
}
