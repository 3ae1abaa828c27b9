import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';

const ONION = `http://${'a'.repeat(56)}.onion`;

forEachDialect((dialect) => {
  let plain: TestHaven;
  let secure: TestHaven;
  before(async () => {
    plain = await startHaven(dialect);
    secure = await startHaven(dialect, { env: { PUBLIC_URL: 'https://haven.example', ONION_ADDRESS: ONION } });
  });
  after(async () => {
    await plain.close();
    await secure.close();
  });

  it('asks browsers for HTTPS only when Haven is served over HTTPS', async () => {
    assert.equal((await plain.app.inject('/')).headers['strict-transport-security'], undefined);
    assert.match(String((await secure.app.inject('/')).headers['strict-transport-security']), /max-age=\d+/);
  });

  it('marks the cookie Secure when served over HTTPS', async () => {
    assert.doesNotMatch(String((await plain.app.inject('/login')).headers['set-cookie']), /Secure/);
    assert.match(String((await secure.app.inject('/login')).headers['set-cookie']), /Secure/);
  });

  it('announces the onion service to Tor Browser on every page', async () => {
    const response = await secure.app.inject('/login?next=/account');
    assert.equal(response.headers['onion-location'], `${ONION}/login?next=/account`);
  });

  it('keeps personal pages out of caches', async () => {
    assert.equal((await plain.app.inject('/account')).headers['cache-control'], 'no-store');
  });
});
