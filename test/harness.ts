import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { DialectName } from '../src/db/connection.ts';
import type { Haven } from '../src/haven.ts';
import { ManualClock } from '../src/platform/clock.ts';
import type { MailTransport } from '../src/platform/mail/mailer.ts';
import { POSTGRES_ADMIN_URL } from './dialects.ts';

export interface TestHaven {
  app: FastifyInstance;
  haven: Haven;
  clock: ManualClock;
  config: Config;
  dataDir: string;
  /** Every log line written so far. */
  logs(): string;
  /** Builds a second app on the same database and data folder (a restart, or another instance). */
  sibling(options?: { clock?: ManualClock }): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export interface TestDatabase {
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, empty database of the dialect: a new PostgreSQL database, or nothing to do for SQLite. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') return { url: null, drop: async () => {} };
  const name = `haven_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Builds Haven exactly as production does (buildApp), on a fresh database of
 * the dialect, with a clock that stands still and logs captured in memory.
 */
export async function startHaven(
  dialect: DialectName,
  options: { env?: Record<string, string>; mailTransport?: MailTransport; clock?: ManualClock } = {},
): Promise<TestHaven> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-test-'));
  const database = await createTestDatabase(dialect);
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    PUBLIC_URL: 'http://haven.test',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  };
  const config = loadConfig(env);
  const clock = options.clock ?? new ManualClock();
  let logText = '';
  const logStream = () =>
    new Writable({
      write(chunk, _encoding, done) {
        logText += chunk.toString();
        done();
      },
    });
  const app = await buildApp(config, { clock, logStream: logStream(), mailTransport: options.mailTransport });
  const siblings: FastifyInstance[] = [];
  return {
    app,
    haven: app.haven,
    clock,
    config,
    dataDir,
    logs: () => logText,
    sibling: async (siblingOptions = {}) => {
      const other = await buildApp(config, { clock: siblingOptions.clock ?? clock, logStream: logStream(), mailTransport: options.mailTransport });
      siblings.push(other);
      return other;
    },
    close: async () => {
      for (const other of siblings) await other.close();
      await app.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
