import { describe } from 'node:test';
import type { DialectName } from '../src/db/connection.ts';

/**
 * Every database test runs on every dialect. test/run.ts decides which are
 * available (and fails when PostgreSQL is expected but unreachable).
 */
export const DIALECTS: DialectName[] = (process.env.HAVEN_TEST_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');

export const POSTGRES_ADMIN_URL = process.env.HAVEN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function forEachDialect(run: (dialect: DialectName) => void): void {
  for (const dialect of DIALECTS) describe(`on ${dialect}`, () => run(dialect));
}
