import fs from 'node:fs';
import path from 'node:path';

/**
 * The environment, read once. Nothing else in Haven reads `process.env`:
 * every setting is parsed here, checked, and frozen into a typed object.
 * A bad setting stops start-up with a message naming every bad variable.
 */
export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string };

export interface Config {
  readonly port: number;
  readonly host: string;
  /** The address people reach Haven at; used for links, cookies and origin checks. */
  readonly publicUrl: URL;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Base64 master key given directly, or null to read/generate `masterKeyFile`. */
  readonly masterKey: string | null;
  readonly masterKeyFile: string;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Number of proxies in front of Haven whose X-Forwarded-For may be believed. */
  readonly trustedProxies: number;
  readonly jobsIntervalSeconds: number;
  readonly signupOpen: boolean;
  /** How long members have to review an application. */
  readonly reviewWindowDays: number;
  /** Supports an application needs, with no standing objection, to be accepted. */
  readonly requiredSupports: number;
  /** How long a member has to answer the notice of a breach case before its outcome is recorded. */
  readonly breachAnswerDays: number;
  /** How long a member due for re-confirmation has before it is shown publicly as lapsed. */
  readonly reconfirmGraceDays: number;
  readonly onionAddress: string | null;
  /**
   * Whether crawls and checks may reach loopback, private and link-local
   * addresses. Off in production: provider-given addresses must never turn
   * Haven against its own network. Tests and closed networks turn it on.
   */
  readonly outboundAllowPrivate: boolean;
  /** Extra certificate authorities (PEM) trusted by crawls and checks, besides the system's. */
  readonly outboundCaFile: string | null;
  /** Hours between two readings of a provider's published metadata, and between two checks of its claims. */
  readonly crawlIntervalHours: number;
  readonly checkIntervalHours: number;
  /** Hours between two fetches of a canary a provider hosts itself. */
  readonly canaryFetchIntervalHours: number;
  /** The private key Haven signs the coalition's own canary with (made by the first `haven canary sign`). */
  readonly coalitionCanaryKeyFile: string;
  /** Passphrase protecting that key on disk, or null to keep it unprotected (the file is then readable by its owner only). */
  readonly coalitionCanaryPassphrase: string | null;
  /** Days a provider has to answer a referral before the stewards are told, so that someone steps in. */
  readonly referralAnswerDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Haven cannot start; fix these settings:\n  - ${problems.join('\n  - ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on', 'open'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off', 'closed'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${env[name]}")`);
    return fallback;
  };

  const port = integer('PORT', 8080, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const dataDir = path.resolve(cwd, env.DATA_DIR || './data');

  let publicUrl = new URL(`http://localhost:${port}`);
  if (env.PUBLIC_URL) {
    try {
      publicUrl = new URL(env.PUBLIC_URL);
      if (!['http:', 'https:'].includes(publicUrl.protocol)) throw new Error('protocol');
    } catch {
      problems.push(`PUBLIC_URL must be an http:// or https:// address (got "${env.PUBLIC_URL}")`);
    }
  }

  let database: DatabaseConfig = { kind: 'sqlite', file: path.join(dataDir, 'haven.sqlite') };
  const dbUrl = env.DATABASE_URL;
  if (dbUrl) {
    if (/^postgres(ql)?:\/\//.test(dbUrl)) database = { kind: 'postgres', url: dbUrl };
    else if (dbUrl.startsWith('sqlite:')) {
      const file = dbUrl.slice('sqlite:'.length).replace(/^\/\//, '');
      if (file === '') problems.push('DATABASE_URL sqlite: needs a file path, as sqlite:./data/haven.sqlite');
      else database = { kind: 'sqlite', file: path.resolve(cwd, file) };
    } else problems.push('DATABASE_URL must start with postgres://, postgresql:// or sqlite:');
  }

  const masterKey = env.HAVEN_MASTER_KEY || null;
  if (masterKey !== null && Buffer.from(masterKey, 'base64').length !== 32) {
    problems.push('HAVEN_MASTER_KEY must be 32 bytes encoded in base64 (generate one with: openssl rand -base64 32)');
  }

  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  if (env.OUTBOUND_CA_FILE && !fs.existsSync(path.resolve(cwd, env.OUTBOUND_CA_FILE))) {
    problems.push(`OUTBOUND_CA_FILE names a file that does not exist (got "${env.OUTBOUND_CA_FILE}")`);
  }

  if (env.ONION_ADDRESS && !/^https?:\/\/[a-z2-7]{56}\.onion\/?$/.test(env.ONION_ADDRESS)) {
    problems.push('ONION_ADDRESS must be a v3 onion address with its scheme, as http://<56 characters>.onion');
  }

  const config: Config = {
    port,
    host,
    publicUrl,
    dataDir,
    database,
    masterKey,
    masterKeyFile: path.resolve(cwd, env.HAVEN_MASTER_KEY_FILE || path.join(dataDir, 'master.key')),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || `Haven <haven@${publicUrl.hostname}>`,
    logLevel,
    trustedProxies: integer('TRUSTED_PROXIES', 0, 0, 10),
    jobsIntervalSeconds: integer('JOBS_INTERVAL_SECONDS', 60, 1, 86400),
    signupOpen: boolean('SIGNUP_OPEN', true),
    reviewWindowDays: integer('REVIEW_WINDOW_DAYS', 30, 1, 365),
    requiredSupports: integer('REQUIRED_SUPPORTS', 2, 0, 50),
    breachAnswerDays: integer('BREACH_ANSWER_DAYS', 30, 1, 365),
    reconfirmGraceDays: integer('RECONFIRM_GRACE_DAYS', 60, 1, 365),
    onionAddress: env.ONION_ADDRESS || null,
    outboundAllowPrivate: boolean('OUTBOUND_ALLOW_PRIVATE_ADDRESSES', false),
    outboundCaFile: env.OUTBOUND_CA_FILE ? path.resolve(cwd, env.OUTBOUND_CA_FILE) : null,
    crawlIntervalHours: integer('CRAWL_INTERVAL_HOURS', 24, 1, 24 * 30),
    checkIntervalHours: integer('CHECK_INTERVAL_HOURS', 24, 1, 24 * 30),
    canaryFetchIntervalHours: integer('CANARY_FETCH_INTERVAL_HOURS', 6, 1, 24 * 7),
    coalitionCanaryKeyFile: path.resolve(cwd, env.COALITION_CANARY_KEY_FILE || path.join(dataDir, 'coalition-canary.key')),
    coalitionCanaryPassphrase: env.COALITION_CANARY_PASSPHRASE || null,
    referralAnswerDays: integer('REFERRAL_ANSWER_DAYS', 5, 1, 90),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
