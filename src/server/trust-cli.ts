import { readConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { DEMO_PASSWORD } from './demo/demo-trust.ts';
import { runTrustCommand } from './trusts/trust-command.ts';

// `npm run trust -- create|list|disable|enable …`: the operators' command (issue 13, README).
const config = readConfig();
const database = await openDatabase(config);
let code = 1;
try {
  code = await runTrustCommand(
    process.argv.slice(2),
    { config, database },
    {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
      demoPassword: DEMO_PASSWORD,
    },
  );
} finally {
  await database.close();
}
process.exit(code);
