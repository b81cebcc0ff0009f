import type { System } from '../system.js';

/** Demo people and organizations, loaded at start in demo mode. Idempotent: safe on every start. */
export interface DemoAccount {
  title: string;
  login: string;
  password: string;
  level: 'simplified' | 'standard' | 'confirmed';
}

export const demoAccounts: DemoAccount[] = [];

export async function seedDemoData(_system: System): Promise<void> {}
