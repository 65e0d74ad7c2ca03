import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { deleteTrustData } from '../data-protection/trust-end.service.ts';
import type { Database } from '../db/connect.ts';
import { AppError } from '../http/errors.ts';
import { type CredentialConsole, createTransport } from '../mail/mailer.ts';
import { listTrusts, provisionTrust, setTrustEnabled, type TrustLine } from './trusts.service.ts';

export const TRUST_USAGE = `Usage: npm run trust -- <command>

  create --name "Oak Trust" --admin-email ada@oak.org.uk [--admin-name "Ada Lovelace"]
         [--single-school --phase primary|secondary|all_through|special|alternative] [--slug oak]
      Makes a trust (or a single school) and its first administrator, who is sent a sign-in
      link (printed here when SMTP_URL is unset).
  list                    Every trust: short name, name, people, schools, enabled or disabled.
  disable <short name>    Nobody in the trust can sign in; every session ends now; data is kept.
  enable <short name>     Lets the trust's people sign in again.
  delete <short name> --confirm <short name>
                          End of contract: deletes every row of the trust's data from every
                          table, checks each table afterwards, and keeps only a line saying it
                          was deleted. Cannot be undone: export first (Data protection page).`;

type Io = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where the sign-in link goes when SMTP_URL is unset (this console by default). */
  credentialConsole?: CredentialConsole;
  now?: () => Date;
  demoPassword: string;
};

/** "ada.lovelace@oak.org.uk" → "Ada Lovelace": a name until the administrator changes it. */
export const nameFromEmail = (email: string) =>
  (email.split('@')[0] ?? '')
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join(' ') || 'Trust administrator';

const describe = (t: TrustLine) =>
  `${t.slug.padEnd(28)} ${t.disabled ? 'disabled' : 'enabled '}  ${String(t.people).padStart(5)} people  ${String(t.schools).padStart(3)} school${t.schools === 1 ? ' ' : 's'}  ${t.name}${t.singleSchool ? ' (single school)' : ''}`;

/**
 * The operators' command (issue 13): the same service, and so the same domain rules, as the
 * set-up wizard. Returns the process's exit code.
 */
export async function runTrustCommand(
  argv: string[],
  deps: { config: Config; database: Database },
  io: Io,
): Promise<number> {
  const [command, ...rest] = argv;
  const now = io.now ?? (() => new Date());
  try {
    if (command === 'create') {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          'admin-email': { type: 'string' },
          'admin-name': { type: 'string' },
          'single-school': { type: 'boolean', default: false },
          phase: { type: 'string' },
          slug: { type: 'string' },
        },
        strict: true,
      });
      if (!values.name || !values['admin-email']) {
        io.err('create needs --name and --admin-email.');
        io.err(TRUST_USAGE);
        return 2;
      }
      const phases = ['primary', 'secondary', 'all_through', 'special', 'alternative'] as const;
      const phase = phases.find((p) => p === values.phase);
      if (values.phase && !phase) {
        io.err(`--phase is one of ${phases.join(', ')}.`);
        return 2;
      }
      const transport = createTransport(deps.config);
      try {
        const made = await provisionTrust(
          {
            db: deps.database.db,
            config: deps.config,
            transport,
            now,
            demoPassword: io.demoPassword,
            ...(io.credentialConsole ? { credentialConsole: io.credentialConsole } : {}),
          },
          {
            kind: values['single-school'] ? 'single_school' : 'trust',
            name: values.name,
            slug: values.slug,
            phase,
            admin: {
              email: values['admin-email'],
              fullName: values['admin-name'] ?? nameFromEmail(values['admin-email']),
            },
            password: null,
            firstRun: false,
          },
        );
        io.out(
          `Created ${made.trust.kind === 'single_school' ? 'school' : 'trust'} “${made.trust.name}” (short name ${made.trust.slug}); its administrator ${made.trust.admin.email} has been sent a sign-in link${deps.config.mail.smtpUrl ? '' : ' (shown above, as SMTP_URL is unset)'}.`,
        );
      } finally {
        transport?.close();
      }
      return 0;
    }
    if (command === 'list') {
      const trusts = await listTrusts(deps.database.db);
      if (trusts.length === 0) io.out('No trusts yet.');
      for (const t of trusts) io.out(describe(t));
      return 0;
    }
    if (command === 'disable' || command === 'enable') {
      const which = rest[0];
      if (!which) {
        io.err(`${command} needs the trust's short name, as \`npm run trust -- list\` shows it.`);
        return 2;
      }
      const line = await setTrustEnabled(
        { db: deps.database.db, now },
        which,
        command === 'enable',
      );
      io.out(
        command === 'disable'
          ? `Disabled ${line.name}: nobody can sign in to it and every session has ended. Its data is kept; \`npm run trust -- enable ${line.slug}\` undoes this.`
          : `Enabled ${line.name}: its people can sign in again.`,
      );
      return 0;
    }
    if (command === 'delete') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { confirm: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
      const which = positionals[0];
      if (!which || !values.confirm) {
        io.err(
          'delete needs the trust’s short name and --confirm with the same short name, e.g. `npm run trust -- delete oak --confirm oak`.',
        );
        return 2;
      }
      const line = (await listTrusts(deps.database.db)).find(
        (t) => t.slug === which || t.trustId === which,
      );
      if (!line) {
        io.err(
          `No trust has the short name or id “${which}”. See them with \`npm run trust -- list\`.`,
        );
        return 1;
      }
      const done = await deleteTrustData(
        deps.database.db,
        line.trustId,
        values.confirm,
        'the operator (npm run trust -- delete)',
        now(),
      );
      io.out(
        `Deleted ${done.name} (${done.slug}): ${done.rowsDeleted} rows; all ${done.tablesChecked} tables with a trust id checked and empty for it.`,
      );
      return 0;
    }
    io.err(command ? `Unknown command “${command}”.` : 'No command given.');
    io.err(TRUST_USAGE);
    return 2;
  } catch (error) {
    if (error instanceof AppError) {
      io.err(error.message);
      return 1;
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(error.message);
      io.err(TRUST_USAGE);
      return 2;
    }
    throw error;
  }
}
