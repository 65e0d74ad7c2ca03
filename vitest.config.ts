import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'build/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    // Browser tests walk whole journeys; on a loaded two-core machine one can pass 60 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A loaded two-core machine can take seconds to re-render; the 1 s default made browser polls flaky.
    expect: { poll: { timeout: 30_000 } },
    pool: 'forks',
    // Two cores: more workers only queue up behind each other's WASM databases.
    maxWorkers: 2,
  },
});
