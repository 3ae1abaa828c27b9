import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig } from './config.ts';
import { Password, Username } from './features/accounts/accounts.schemas.ts';
import { COALITION_ROLES, type CoalitionRole } from './features/accounts/accounts.table.ts';
import { OrganisationName, Slug } from './features/organisations/organisations.schemas.ts';
import { ORGANISATION_KINDS, ORGANISATION_ROLES, type OrganisationKind, type OrganisationRole } from './features/organisations/organisations.table.ts';
import { commandLineProgress } from './command-line-progress.ts';
import { AppError } from './platform/http/errors.ts';

/**
 * The operators' command line. Every command builds Haven exactly as the server does.
 * The heavy modules (the app, the database drivers) are loaded only by the commands that
 * need them, so that a mistyped option is answered at once.
 */
const program = new Command('haven').description('Operate a Haven instance');

/** A mistake of the operator's, told in one line. */
class CliError extends Error {}

async function withHaven<T>(run: (app: FastifyInstance) => Promise<T>): Promise<T> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const { buildApp } = await import('./app.ts');
  const app = await buildApp(config, { logStream: process.stderr });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

const oneOf = <T extends string>(allowed: readonly T[]) => (value: string): T => {
  if (!(allowed as readonly string[]).includes(value)) throw new InvalidArgumentError(`Choose one of: ${allowed.join(', ')}.`);
  return value as T;
};
const collect = <T>(value: T, previous: T[] = []) => [...previous, value];

interface StringRule {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}
/** The same rules as the web forms and the API (their schemas), for the command line. */
function fits(value: string, rule: StringRule): boolean {
  const length = [...value].length;
  if (rule.minLength !== undefined && length < rule.minLength) return false;
  if (rule.maxLength !== undefined && length > rule.maxLength) return false;
  return rule.pattern === undefined || new RegExp(rule.pattern, 'u').test(value);
}
const USERNAME = Username as StringRule;
const PASSWORD = Password as StringRule;
const SLUG = Slug as StringRule;
const ORGANISATION_NAME = OrganisationName as StringRule;

const username = (value: string): string => {
  const name = value.trim().toLowerCase();
  if (!fits(name, USERNAME)) {
    throw new InvalidArgumentError(
      `A username is ${USERNAME.minLength} to ${USERNAME.maxLength} lowercase letters, digits, dots, hyphens or underscores, starting with a letter or digit.`,
    );
  }
  return name;
};
const slug = (value: string): string => {
  const text = value.trim().toLowerCase();
  if (!fits(text, SLUG)) {
    throw new InvalidArgumentError(
      `A slug is ${SLUG.minLength} to ${SLUG.maxLength} lowercase letters and digits, in words joined by single hyphens (as riverbank-hosting).`,
    );
  }
  return text;
};
const organisationName = (value: string): string => {
  const text = value.trim();
  if (!fits(text, ORGANISATION_NAME)) {
    throw new InvalidArgumentError(`A name is ${ORGANISATION_NAME.minLength} to ${ORGANISATION_NAME.maxLength} characters.`);
  }
  return text;
};

async function readPasswordFromStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const line = text.split(/\r?\n/)[0]?.trim();
  if (!line) return undefined;
  if (!fits(line, PASSWORD)) {
    throw new CliError(`The password read from standard input must be ${PASSWORD.minLength} to ${PASSWORD.maxLength} characters.`);
  }
  return line;
}

/** Null when nothing has that name; any other failure goes on up. */
async function orNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}

program
  .command('migrate')
  .description('bring the database up to date')
  .action(async () => {
    const config = loadConfig(process.env);
    const { openDatabase } = await import('./db/connection.ts');
    const { migrateToLatest } = await import('./db/migrator.ts');
    const database = openDatabase(config.database);
    try {
      const result = await migrateToLatest(database.db);
      const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
      if (applied.length) process.stdout.write(`Applied ${applied.length} migration(s): ${applied.join(', ')}.\n`);
      process.stdout.write('The database is up to date.\n');
    } finally {
      await database.destroy();
    }
  });

const user = program.command('user').description('accounts');
user
  .command('create')
  .description('create an account; the password is read from standard input, or generated and printed once')
  .requiredOption('--name <username>', 'username', username)
  .addOption(new Option('--role <role>', `coalition role (repeatable): ${COALITION_ROLES.join(', ')}`).argParser((v, prev: CoalitionRole[]) => collect(oneOf(COALITION_ROLES)(v), prev)))
  .option('--org <slug>', 'organisation to join', slug)
  .addOption(new Option('--org-role <role>', 'role in that organisation').choices(ORGANISATION_ROLES).default('staff'))
  .action(async (options: { name: string; role?: CoalitionRole[]; org?: string; orgRole: OrganisationRole }, command: Command) => {
    if (!options.org && command.getOptionValueSource('orgRole') === 'cli') throw new CliError('--org-role needs --org <slug>: the organisation to join.');
    const password = await readPasswordFromStdin();
    await withHaven(async ({ haven }) => {
      const organisation = options.org ? await haven.organisations.findBySlug(options.org) : null;
      if (options.org && !organisation) throw new CliError(`No organisation has the slug "${options.org}" (create it with "org create").`);
      if (await orNull(haven.accounts.findByUsername(options.name))) throw new CliError(`The username "${options.name}" is already taken.`);
      const created = await haven.accounts.create({ username: options.name, password, roles: options.role ?? [] }, 'system');
      if (organisation) await haven.organisations.addMember(organisation.id, created.id, options.orgRole, 'system');
      const roles = created.roles.length ? ` (${created.roles.join(', ')})` : '';
      const membership = organisation ? `, ${options.orgRole} of ${organisation.slug}` : '';
      process.stdout.write(`Created account ${created.username}${roles}${membership}.\n`);
      if (created.generatedPassword) process.stdout.write(`Password (shown once): ${created.generatedPassword}\n`);
    });
  });

program
  .command('org')
  .description('organisations')
  .command('create')
  .description('create an organisation')
  .requiredOption('--slug <slug>', 'short name used in addresses', slug)
  .requiredOption('--name <name>', 'display name', organisationName)
  .requiredOption('--kind <kind>', `one of ${ORGANISATION_KINDS.join(', ')}`, oneOf(ORGANISATION_KINDS))
  .action(async (options: { slug: string; name: string; kind: OrganisationKind }) => {
    await withHaven(async ({ haven }) => {
      if (await haven.organisations.findBySlug(options.slug)) throw new CliError(`The slug "${options.slug}" is already taken.`);
      const created = await haven.organisations.create(options, 'system');
      process.stdout.write(`Created organisation ${created.slug}.\n`);
    });
  });

program
  .command('token')
  .description('API tokens')
  .command('create')
  .description('create an API token for an account and print it alone on standard output')
  .requiredOption('--user <username>', 'the account the token acts as')
  .option('--label <label>', 'what the token is for', 'command line')
  .action(async (options: { user: string; label: string }) => {
    await withHaven(async ({ haven }) => {
      const account = await orNull(haven.accounts.findByUsername(options.user));
      if (!account) throw new CliError(`No account is named "${options.user.trim().toLowerCase()}".`);
      const created = await haven.tokens.create(account.id, options.label, 'system');
      process.stdout.write(`${created.token}\n`);
    });
  });

program
  .command('setup-link')
  .description('print a new one-time link to create the first steward (only while no account exists)')
  .action(async () => {
    await withHaven(async ({ haven }) => {
      if (!(await haven.setup.needed())) throw new CliError('Accounts already exist: create more with "user create" or in the web interface.');
      const token = await haven.setup.issueLink();
      process.stdout.write(`${new URL(`/setup/${token}`, haven.config.publicUrl)}\n`);
    });
  });

program
  .command('demo')
  .description('demonstration data')
  .command('load')
  .description('load the clearly labelled demonstration data set')
  .action(async () => {
    const { loadDemoData } = await import('./features/demo/demo-data.ts');
    await withHaven(async ({ haven }) => {
      const { step: onStep, finish } = await commandLineProgress('demo data');
      try {
        const result = await loadDemoData(haven, 'system', onStep);
        finish();
        process.stdout.write(`Demo data: ${result.organisationsCreated} organisation(s) and ${result.accountsCreated} account(s) created.\n`);
        if (result.accountsCreated > 0) process.stdout.write(`Every new demo account (demo-steward, demo-host, demo-partner, …) has the password: ${result.password}\n`);
      } catch (error) {
        finish();
        throw error;
      }
    });
  });

program
  .command('crawl')
  .description('read the metadata every provider publishes (StatoolInfos, librehost.json) and update the directory')
  .option('--due', 'only the sources not read within CRAWL_INTERVAL_HOURS')
  .addOption(new Option('--concurrency <n>', 'sources read at once').default(8).argParser((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('Give a whole number from 1 to 64.');
    return n;
  }))
  .action(async (options: { due?: boolean; concurrency: number }) => {
    await withHaven(async ({ haven }) => {
      const since = options.due ? new Date(haven.clock.now().getTime() - haven.config.crawlIntervalHours * 3_600_000).toISOString() : '9999';
      const sources = await haven.federation.due(since);
      const slugs = new Map((await haven.organisations.list()).map((o) => [o.id, o.slug]));
      const { step, finish } = await commandLineProgress('crawl');
      const counts = { imported: 0, unchanged: 0, rejected: 0 };
      const refused: string[] = [];
      try {
        await haven.federation.crawl(sources, {
          concurrency: options.concurrency,
          onProgress: (done, outcome) => {
            counts[outcome.outcome] += 1;
            if (outcome.outcome === 'rejected') refused.push(`${slugs.get(outcome.organisationId)}: ${outcome.reason}`);
            step(done, sources.length, slugs.get(outcome.organisationId) ?? '');
          },
        });
      } finally {
        finish();
      }
      for (const line of refused) process.stderr.write(`refused ${line}\n`);
      process.stdout.write(`${sources.length} source(s) read: ${counts.imported} imported, ${counts.unchanged} unchanged, ${counts.rejected} refused.\n`);
    });
  });

program
  .command('check')
  .description('run the automated checks behind every provider’s claims (TLS, headers, third parties, security.txt, reachability)')
  .action(async () => {
    await withHaven(async ({ haven }) => {
      const due = await haven.evidence.due('9999', 100_000);
      const slugs = new Map((await haven.organisations.list()).map((o) => [o.id, o.slug]));
      const { step, finish } = await commandLineProgress('checks');
      let contradicted = 0;
      try {
        let done = 0;
        for (const provider of due) {
          const results = await haven.evidence.check(provider.organisationId, provider.website);
          contradicted += results.filter((r) => r.outcome === 'contradicted').length;
          step(++done, due.length, slugs.get(provider.organisationId) ?? '');
        }
      } finally {
        finish();
      }
      process.stdout.write(`${due.length} provider(s) checked; ${contradicted} claim(s) contradicted.\n`);
    });
  });

const canary = program.command('canary').description('the coalition’s own warrant canary');
canary
  .command('sign')
  .description('sign the coalition’s next canary statement with the key Haven holds (made on first use) and publish it at /canary.txt')
  .option('--next-update <date>', 'the date (YYYY-MM-DD) by which the next statement is promised; a month from today by default')
  .option('--text-file <path>', 'the statement to sign, instead of the built-in one (English and French)')
  .action(async (options: { nextUpdate?: string; textFile?: string }) => {
    const { signCoalitionCanary, defaultNextUpdate, CoalitionKeyProblem } = await import('./features/transparency/coalition-canary.ts');
    const { CanaryRefused } = await import('./features/transparency/canary-statement.ts');
    let text: string | undefined;
    if (options.textFile) {
      try {
        text = fs.readFileSync(options.textFile, 'utf8');
      } catch {
        throw new CliError(`Cannot read ${options.textFile}.`);
      }
    }
    await withHaven(async ({ haven }) => {
      try {
        const signed = await signCoalitionCanary(haven, { nextUpdate: options.nextUpdate ?? defaultNextUpdate(haven.clock), text }, 'system');
        if (signed.keyCreated) process.stdout.write(`A new signing key was made and kept in ${haven.config.coalitionCanaryKeyFile}: back it up somewhere safe.\n`);
        process.stdout.write(`Signed with ${signed.fingerprint}: dated ${signed.date}, next update promised by ${signed.nextUpdate}.\n`);
        process.stdout.write(`Published at ${new URL('/canary.txt', haven.config.publicUrl)} (key: ${new URL('/canary-key.asc', haven.config.publicUrl)}).\n`);
      } catch (error) {
        if (error instanceof CoalitionKeyProblem || error instanceof CanaryRefused) throw new CliError(error instanceof CanaryRefused ? error.detail : error.message);
        throw error;
      }
    });
  });

program
  .command('jobs')
  .description('background work')
  .command('run-due')
  .description('run every piece of due work once, then exit')
  .action(async () => {
    await withHaven(async ({ haven }) => {
      const report = await haven.jobs.runDue({
        onProgress: (job, ok) => process.stderr.write(`${ok ? 'done' : 'FAILED'} ${job.kind}\n`),
      });
      process.stdout.write(`${report.ran} piece(s) of due work done, ${report.failed} failed.\n`);
      if (report.failed > 0) process.exitCode = 1;
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  let message: string;
  if (error instanceof ConfigError || error instanceof CliError) message = error.message;
  else if (error instanceof AppError) {
    const details = error.problems.filter((p) => p.text.en !== error.text.en).map((p) => ` ${p.field}: ${p.text.en}`);
    message = `${error.text.en}${details.join('')}`;
  } else message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  // Exit now: a half-opened database connection must not keep a failed command waiting.
  process.exit(2);
});
