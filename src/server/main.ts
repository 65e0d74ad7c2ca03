import { rmSync } from 'node:fs';
import { readConfigOrExit } from './config.ts';
import { listenEarly } from './health/early-server.ts';

// Only what reading the configuration and opening the port need is loaded before the port is
// open (issue 22): liveness answers while the app's code loads and the database opens
// (health/early-server.ts); serve.ts, loaded after, does the rest.
const args = new Set(process.argv.slice(2));
const config = readConfigOrExit();
if (config.secretKey.source === 'development') {
  console.warn(
    'LW_SECRET_KEY is unset: secrets are sealed with the published development key. Set it before real use (README, "Secrets").',
  );
}

if (args.has('--reset') || args.has('--reset-only')) {
  if (config.database.kind !== 'pglite' || !config.database.dataDir) {
    console.error(
      '--reset only clears the embedded database folder. For PostgreSQL, drop and recreate the database.',
    );
    process.exit(1);
  }
  rmSync(config.database.dataDir, { recursive: true, force: true });
  console.log(`Cleared ${config.database.dataDir}.`);
  if (args.has('--reset-only')) process.exit(0);
}

const early = await listenEarly(config);
const { serve } = await import('./serve.ts');
await serve(config, early, { demoAsked: args.has('--demo') });
