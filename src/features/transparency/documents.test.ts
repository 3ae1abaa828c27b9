import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY } from '../../platform/clock.ts';
import { emptyProfile } from '../directory/directory.service.ts';

forEachDialect((dialect) => {
  describe('backup policy, reports and accounts', () => {
    let t: TestHaven;
    let delegate: WebClient;
    const base = '/directory/providers/paper-host/documents';

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      const org = await t.haven.organisations.create({ slug: 'paper-host', name: 'Paper Host', kind: 'hosting-provider' }, 'system');
      await t.haven.directory.saveProfile('paper-host', emptyProfile(), { kind: 'system', actor: 'system' });
      const d = await createAccount(t.app, 'paper-d');
      await t.haven.organisations.addMember(org.id, d.id, 'delegate', 'system');
      delegate = new WebClient(t.app);
      await delegate.logIn('paper-d', d.password);
    });
    after(() => t.close());

    it('lets a delegate publish a structured backup policy and dated reports, shown to everyone', async () => {
      const policy = { kind: 'backup-policy', title: 'How we back up', asOf: '2026-11-01', url: '', frequency: 'daily', retentionDays: '7', encrypted: 'true', offsite: 'true', lastRestoreTest: '2026-10-15' };
      assert.equal((await delegate.post(base, policy, base)).status, 303);
      assert.equal((await delegate.post(base, { kind: 'activity-report', title: 'Report 2025', asOf: '2026-02-01', url: 'https://paper.example/report-2025.pdf' }, base)).status, 303);
      const page = (await t.app.inject({ method: 'GET', url: base })).body;
      assert.match(page, /Backups taken every day, kept 7 days, encrypted, also kept at another site; restore last tested on 15 October 2026/);
      assert.match(page, /href="https:\/\/paper\.example\/report-2025\.pdf"/);
      assert.doesNotMatch(page, /More than a year old/);
      const french = (await t.app.inject({ method: 'GET', url: base, headers: { 'accept-language': 'fr' } })).body;
      assert.match(french, /Sauvegardes faites chaque jour, gardées 7 jours, chiffrées/);
      const api = (await t.app.inject({ method: 'GET', url: '/api/v1/providers/paper-host/transparency' })).json();
      assert.deepEqual(api.documents.map((d: { kind: string }) => d.kind).sort(), ['activity-report', 'backup-policy']);
      assert.equal(api.documents.find((d: { kind: string }) => d.kind === 'backup-policy').backup.retentionDays, 7);
    });

    it('marks a document stale once it is more than a year old', async () => {
      t.clock.advance(300 * DAY);
      const page = (await t.app.inject({ method: 'GET', url: base })).body;
      assert.equal((page.match(/More than a year old/g) ?? []).length, 1, 'the report of February 2026, not the policy of November');
      const api = (await t.app.inject({ method: 'GET', url: '/api/v1/providers/paper-host/transparency' })).json();
      assert.equal(api.documents.find((d: { kind: string }) => d.kind === 'activity-report').stale, true);
    });

    it('refuses incomplete documents with a translated reason and publishes nothing', async () => {
      const d = await createAccount(t.app, 'paper-d2');
      await t.haven.organisations.addMember((await t.haven.organisations.getBySlug('paper-host')).id, d.id, 'delegate', 'system');
      const fresh = new WebClient(t.app);
      await fresh.logIn('paper-d2', d.password);
      const noUrl = await fresh.post(base, { kind: 'accounts', title: 'Accounts 2026', asOf: '2027-01-10', url: '' }, base);
      assert.equal(noUrl.status, 400);
      assert.match(noUrl.body, /Give the address where the document can be read/);
      const future = await fresh.post(base, { kind: 'accounts', title: 'Accounts 2030', asOf: '2030-01-10', url: 'https://paper.example/a.pdf' }, base);
      assert.match(future.body, /cannot be dated in the future/);
      const noBackup = await fresh.post(base, { kind: 'backup-policy', title: 'Policy', asOf: '2027-01-10', url: '', retentionDays: 'forever' }, base);
      assert.equal(noBackup.status, 400);
      assert.equal((await t.haven.documents.list((await t.haven.organisations.getBySlug('paper-host')).id)).length, 2);
    });
  });
});
