import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generate } from 'selfsigned';
import { forEachDialect } from '../../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../../test/harness.ts';
import { createAccount, WebClient } from '../../../../test/web-client.ts';
import { DAY } from '../../../platform/clock.ts';
import { emptyProfile } from '../directory.service.ts';

/** A provider's website on loopback, over TLS with a certificate the test's Haven is told to trust. */
async function providerSite(validDays: number) {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: `Provider site ${validDays}` }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - DAY),
    notAfterDate: new Date(now + validDays * DAY),
    extensions: [{ name: 'basicConstraints', cA: false }, { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    if (request.url === '/.well-known/security.txt') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`Contact: mailto:security@provider.example\nExpires: ${new Date(now + 100 * DAY).toISOString()}\n`);
      return;
    }
    response
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'strict-transport-security': 'max-age=31536000',
        'content-security-policy': "default-src 'self'",
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      })
      .end('<!doctype html><title>Provider</title><script src="https://tracker.example.net/t.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://localhost:${(server.address() as AddressInfo).port}/`, cert: pems.cert, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

forEachDialect((dialect) => {
  describe('evidence for the claims of a profile', () => {
    let t: TestHaven;
    let site: Awaited<ReturnType<typeof providerSite>>;
    let delegate: WebClient;

    before(async () => {
      site = await providerSite(90);
      const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'haven-ca-')), 'ca.pem');
      fs.writeFileSync(caFile, site.cert);
      t = await startHaven(dialect, { env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'true', OUTBOUND_CA_FILE: caFile }, clock: undefined });
      t.clock.set(new Date());
      const org = await t.haven.organisations.create({ slug: 'checked', name: 'Checked Host', kind: 'hosting-provider' }, 'system');
      const d = await createAccount(t.app, 'checked-d');
      await t.haven.organisations.addMember(org.id, d.id, 'delegate', 'system');
      await t.haven.directory.saveProfile('checked', { ...emptyProfile(), website: site.url }, { kind: 'system', actor: 'system' });
      delegate = new WebClient(t.app);
      await delegate.logIn('checked-d', d.password);
    });
    after(async () => {
      await site.close();
      await t.close();
    });

    it('shows each claim as not checked yet, then dated evidence once a delegate runs the checks', async () => {
      assert.match((await t.app.inject({ method: 'GET', url: '/directory/providers/checked' })).body, /Not checked yet/);
      const ran = await delegate.post('/directory/providers/checked/checks', {}, '/directory/providers/checked');
      assert.equal(ran.status, 303);
      const page = (await t.app.inject({ method: 'GET', url: '/directory/providers/checked' })).body;
      const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(t.clock.now());
      const claim = (name: string) => new RegExp(`id="claim-${name}"[^>]*>(?:(?!</li>).)*`, 's').exec(page)?.[0] ?? '';
      assert.match(claim('tls'), new RegExp(`Verified on ${today}`));
      assert.match(claim('tls'), /89|90/, 'the days left before the certificate expires');
      assert.match(claim('security-headers'), /Verified on/);
      assert.match(claim('security-txt'), /Verified on/);
      assert.match(claim('reachability'), /Verified on/);
      assert.match(claim('third-parties'), new RegExp(`Contradicted on ${today}`));
      assert.match(claim('third-parties'), /tracker\.example\.net/);
      const french = (await t.app.inject({ method: 'GET', url: '/directory/providers/checked', headers: { 'accept-language': 'fr' } })).body;
      assert.match(french, /Vérifié le/);
      assert.match(french, /Contredit le/);
    });

    it('gives the same evidence through the API, and only the provider’s delegates may run the checks', async () => {
      const detail = (await t.app.inject({ method: 'GET', url: '/api/v1/providers/checked' })).json() as { claims: { claim: string; status: string; checkedAt: string }[] };
      assert.deepEqual(Object.fromEntries(detail.claims.map((c) => [c.claim, c.status])), {
        tls: 'verified',
        'security-headers': 'verified',
        'third-parties': 'contradicted',
        'security-txt': 'verified',
        reachability: 'verified',
      });
      assert.equal((await new WebClient(t.app).post('/directory/providers/checked/checks', {}, '/directory/providers/checked')).status, 403);
    });

    it('checks again on schedule once the evidence is older than the interval, and keeps the older evidence', async () => {
      const rows = async () => (await t.haven.database.db.selectFrom('claim_evidence').select('id').execute()).length;
      const before = await rows();
      await t.haven.jobs.runDue();
      assert.equal(await rows(), before, 'evidence of today is fresh: nothing checked again');
      t.clock.advance(25 * 60 * 60 * 1000);
      await t.haven.jobs.runDue();
      assert.equal(await rows(), before + 5, 'the five checks ran again, and the older results stay');
    });
  });

  describe('evidence with private addresses refused (the production setting)', () => {
    it('contradicts every claim of a website on a private address rather than visiting it', async () => {
      const t = await startHaven(dialect);
      try {
        await t.haven.organisations.create({ slug: 'inside', name: 'Inside', kind: 'hosting-provider' }, 'system');
        await t.haven.directory.saveProfile('inside', { ...emptyProfile(), website: 'https://127.0.0.1:9/' }, { kind: 'system', actor: 'system' });
        const org = await t.haven.organisations.getBySlug('inside');
        const results = await t.haven.evidence.check(org.id, 'https://127.0.0.1:9/');
        assert.equal(results.length, 5);
        for (const r of results) {
          assert.equal(r.outcome, 'contradicted');
          assert.equal(r.facts.error, 'forbidden_address');
        }
      } finally {
        await t.close();
      }
    });
  });
});
