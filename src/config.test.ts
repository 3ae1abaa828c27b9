import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts on an embedded SQLite file under ./data with nothing set', () => {
    const config = loadConfig({}, '/srv/haven');
    assert.deepEqual(config.database, { kind: 'sqlite', file: path.join('/srv/haven/data/haven.sqlite') });
    assert.equal(config.port, 8080);
    assert.equal(config.masterKeyFile, '/srv/haven/data/master.key');
    assert.ok(Object.isFrozen(config));
  });

  it('switches to PostgreSQL from DATABASE_URL alone', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://haven@db.internal/haven' });
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://haven@db.internal/haven' });
  });

  it('names every bad variable at once', () => {
    assert.throws(
      () =>
        loadConfig({
          PORT: 'eighty',
          DATABASE_URL: 'mysql://x',
          HAVEN_MASTER_KEY: 'c2hvcnQ=',
          LOG_LEVEL: 'loud',
          ONION_ADDRESS: 'example.com',
          OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'sometimes',
          OUTBOUND_CA_FILE: '/no/such/ca.pem',
          CRAWL_INTERVAL_HOURS: '0',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const name of ['PORT', 'DATABASE_URL', 'HAVEN_MASTER_KEY', 'LOG_LEVEL', 'ONION_ADDRESS', 'OUTBOUND_ALLOW_PRIVATE_ADDRESSES', 'OUTBOUND_CA_FILE', 'CRAWL_INTERVAL_HOURS']) {
          assert.ok(error.problems.some((p) => p.startsWith(name)), `${name} is named`);
        }
        return true;
      },
    );
  });
});
