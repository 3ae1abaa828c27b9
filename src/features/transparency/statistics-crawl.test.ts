import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { LoopbackSite } from '../../../test/loopback-site.ts';

function organization(site: LoopbackSite, subs: string[]) {
  return ['file.class = Organization', 'organization.name = Beacon Hosting', ...subs.map((s) => `subs.${s} = ${site.url(`/statoolinfos/${s}.properties`)}`)].join('\n');
}

function service(name: string, metrics: string[]) {
  return ['file.class = Service', `service.name = ${name}`, 'software.name = Nextcloud', ...metrics].join('\n');
}

forEachDialect((dialect) => {
  describe('usage statistics read from a provider’s StatoolInfos metrics', () => {
    let t: TestHaven;
    let site: LoopbackSite;
    let organisationId: string;

    before(async () => {
      t = await startHaven(dialect, { env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'true' } });
      t.clock.set(new Date('2026-03-10T08:00:00Z'));
      site = await LoopbackSite.start();
      organisationId = (await t.haven.organisations.create({ slug: 'beacon', name: 'Beacon', kind: 'hosting-provider' }, 'system')).id;
      site.set('/statoolinfos/beacon.properties', organization(site, ['cloud', 'mail']));
      site.set('/statoolinfos/cloud.properties', service('Beacon Cloud', ['metrics.service.accounts.2026.months = 300,310,320', 'metrics.service.files.bytes.2026.months = 2000000000,2500000000']));
      site.set('/statoolinfos/mail.properties', service('Beacon Mail', ['metrics.service.accounts.2026.months = 50;55', 'metrics.service.accounts.active.2026.months = 40;41', 'metrics.service.accounts.2025.months = ,,,,,,,,,,,45']));
      await t.haven.federation.register(organisationId, { url: site.url('/statoolinfos/beacon.properties'), format: 'statoolinfos' }, 'system');
    });
    after(async () => {
      await site.close();
      await t.close();
    });

    it('records the monthly totals over every service at each reading that imports the files', async () => {
      assert.equal((await t.haven.federation.read(organisationId)).outcome, 'imported');
      const months = (await t.haven.statistics.list(organisationId)).map(({ recordedAt: _recordedAt, ...u }) => u);
      assert.deepEqual(months, [
        { month: '2025-12', accounts: 45, storageMb: null, monthlyActive: null, source: 'statoolinfos' },
        { month: '2026-01', accounts: 350, storageMb: 2000, monthlyActive: 40, source: 'statoolinfos' },
        { month: '2026-02', accounts: 365, storageMb: 2500, monthlyActive: 41, source: 'statoolinfos' },
        { month: '2026-03', accounts: 320, storageMb: null, monthlyActive: null, source: 'statoolinfos' },
      ]);
      const page = (await t.app.inject({ method: 'GET', url: '/directory/providers/beacon/statistics' })).body;
      assert.match(page, /from its StatoolInfos metrics/);
    });

    it('keeps a month the provider sent when later metrics say nothing about it, and takes what they do say', async () => {
      await t.haven.statistics.record(organisationId, [{ month: '2026-01', accounts: 351, storageMb: 2100, monthlyActive: 39 }], 'upload', 'system');
      site.set('/statoolinfos/cloud.properties', service('Beacon Cloud', ['metrics.service.accounts.2026.months = ,310,330']));
      site.set('/statoolinfos/mail.properties', service('Beacon Mail', ['metrics.service.accounts.2026.months = ;56']));
      assert.equal((await t.haven.federation.read(organisationId)).outcome, 'imported');
      const months = new Map((await t.haven.statistics.list(organisationId)).map((u) => [u.month, u]));
      assert.deepEqual([months.get('2026-01')!.accounts, months.get('2026-01')!.storageMb, months.get('2026-01')!.source], [351, 2100, 'upload']);
      assert.deepEqual([months.get('2026-02')!.accounts, months.get('2026-02')!.storageMb, months.get('2026-02')!.monthlyActive], [366, 2500, 41]);
      assert.equal(months.get('2026-03')!.accounts, 330);
    });

    it('reads nothing into the statistics when the files have not changed', async () => {
      const before = await t.haven.statistics.list(organisationId);
      t.clock.advance(60_000);
      assert.equal((await t.haven.federation.read(organisationId)).outcome, 'unchanged');
      assert.deepEqual(await t.haven.statistics.list(organisationId), before);
    });
  });
});
