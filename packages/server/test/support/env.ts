/**
 * The environment every test system starts with: simulators on, no simulated delays or random
 * failures (tests provoke failures deterministically), PostgreSQL when the run provides one.
 * Tests are allowed to read process.env here: this is test configuration, not the app's.
 */
export function testEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    APP_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL || undefined,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DEMO_MODE: 'true',
    SIMULATORS: 'true',
    SIMULATOR_DELAY_FACTOR: '0',
    SIMULATOR_FAILURE_RATE: '0',
    ...extra,
  };
}
