import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { POSTGRES_ADMIN_URL } from './dialects.ts';

/**
 * Runs the whole suite: every *.test.ts under src/ and test/, on SQLite and
 * on PostgreSQL. PostgreSQL is required unless HAVEN_TEST_DATABASES leaves it
 * out explicitly: a suite that silently skips a database proves nothing.
 */
const root = path.resolve(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full);
    return entry.name.endsWith('.test.ts') || entry.name.endsWith('.test.tsx') ? [full] : [];
  });
}

const databases = process.env.HAVEN_TEST_DATABASES ?? 'sqlite,postgres';
if (databases.includes('postgres')) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    await client.end();
  } catch (error) {
    process.stderr.write(
      `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${error instanceof Error ? error.message : error}).\n` +
        'Start it, point HAVEN_TEST_POSTGRES_URL at one, or run only the SQLite suite with HAVEN_TEST_DATABASES=sqlite.\n',
    );
    process.exit(1);
  }
}

const filter = process.argv.slice(2);
const files = [...testFiles(path.join(root, 'src')), ...testFiles(path.join(root, 'test'))]
  .filter((f) => filter.length === 0 || filter.some((part) => f.includes(part)))
  .sort();
process.stdout.write(`Running ${files.length} test file(s) on: ${databases}\n`);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, HAVEN_TEST_DATABASES: databases }, cwd: root },
);
process.exit(result.status ?? 1);
