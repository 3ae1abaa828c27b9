import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { gpgTestName, verifyAsAnyoneWould } from '../../../test/gpg.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount } from '../../../test/web-client.ts';
import { DAY, HOUR } from '../../platform/clock.ts';
import { CoalitionKeyProblem, signCoalitionCanary } from './coalition-canary.ts';


forEachDialect((dialect) => {
  describe('the coalition’s own canary, signed with the key Haven holds', () => {
    let t: TestHaven;
    let stewardId: string;
    before(async () => {
      t = await startHaven(dialect, { env: { COALITION_CANARY_PASSPHRASE: 'a passphrase for the coalition key' } });
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      stewardId = (await createAccount(t.app, 'coalition-steward', { roles: ['steward'] })).id;
    });
    after(() => t.close());

    it('shows that there is no coalition canary until one is signed', async () => {
      assert.match((await t.app.inject({ method: 'GET', url: '/transparency' })).body, /No canary published/);
      assert.equal((await t.app.inject({ method: 'GET', url: '/canary.txt' })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/coalition/transparency' })).json().canary.state, 'none');
    });

    it('makes a passphrase-protected key on first use, outside the database, and publishes a statement anyone can verify', async () => {
      const signed = await signCoalitionCanary(t.haven, { nextUpdate: '2026-12-23' }, 'system');
      assert.equal(signed.keyCreated, true);
      const keyFile = path.join(t.dataDir, 'coalition-canary.key');
      assert.match(fs.readFileSync(keyFile, 'utf8'), /^-----BEGIN PGP PRIVATE KEY BLOCK-----/);
      assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
      const served = (await t.app.inject({ method: 'GET', url: '/canary.txt' })).body;
      assert.match(served, /Provider: coalition\nDate: 2026-11-23\nNext-Update: 2026-12-23\n/);
      const page = (await t.app.inject({ method: 'GET', url: '/transparency', headers: { 'accept-language': 'fr' } })).body;
      assert.match(page, /À jour : signé le 23 novembre 2026, prochaine mise à jour promise avant le 23 décembre 2026/);
      const api = (await t.app.inject({ method: 'GET', url: '/api/v1/coalition/transparency' })).json();
      assert.equal(api.canary.keyFingerprint, signed.fingerprint);
      assert.equal(api.canary.statementUrl, 'http://haven.test/canary.txt');
      // Nothing the database holds can sign: it has the public half only.
      const stored = await t.haven.canaries.key('coalition');
      assert.match(stored!.armored, /PUBLIC KEY BLOCK/);
      assert.doesNotMatch(stored!.armored, /PRIVATE/);
    });

    it(gpgTestName, async () => {
      const output = await verifyAsAnyoneWould((await t.app.inject({ method: 'GET', url: '/canary.txt' })).body, (await t.app.inject({ method: 'GET', url: '/canary-key.asc' })).body);
      if (output !== null) assert.match(output, /\[GNUPG:\] GOODSIG [0-9A-F]+ Haven coalition canary/);
    });

    it('signs the next statement with the same key, and keeps the earlier one in the history', async () => {
      t.clock.advance(20 * DAY);
      const before = (await t.haven.canaries.key('coalition'))!.fingerprint;
      const next = await signCoalitionCanary(t.haven, { nextUpdate: '2027-01-12', text: 'Our own words this time.' }, 'system');
      assert.equal(next.keyCreated, false);
      assert.equal(next.fingerprint, before);
      const page = (await t.app.inject({ method: 'GET', url: '/transparency' })).body;
      assert.match(page, /Current: signed on 13 December 2026/);
      assert.match(page, /signed on 23 November 2026, next promised by 23 December 2026/);
      assert.match((await t.app.inject({ method: 'GET', url: '/canary.txt' })).body, /Our own words this time\./);
    });

    it('tells the stewards when the coalition’s canary is overdue, with a link to it', async () => {
      t.clock.set(new Date('2027-01-14T10:00:00Z'));
      await t.haven.jobs.runDue();
      t.clock.advance(2 * HOUR);
      await t.haven.jobs.runDue();
      const notices = (await t.haven.inbox.list(stewardId)).filter((n) => /warrant canary of the coalition is overdue/.test(n.subject));
      assert.equal(notices.length, 1);
      assert.match(notices[0]!.text, /http:\/\/haven\.test\/transparency#canary/);
      assert.match((await t.app.inject({ method: 'GET', url: '/transparency' })).body, /class="canary-alarm" role="alert"/);
    });

    it('refuses to sign without the passphrase of a protected key, and changes nothing', async () => {
      const stranger = await startHaven(dialect);
      try {
        fs.copyFileSync(path.join(t.dataDir, 'coalition-canary.key'), path.join(stranger.dataDir, 'coalition-canary.key'));
        await assert.rejects(signCoalitionCanary(stranger.haven, { nextUpdate: '2027-02-01' }, 'system'), CoalitionKeyProblem);
        assert.equal((await stranger.haven.canaries.status('coalition')).state, 'none');
      } finally {
        await stranger.close();
      }
    });
  });
});
