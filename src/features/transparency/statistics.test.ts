import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { emptyProfile } from '../directory/directory.service.ts';
import { readUsageCsv, writeUsageCsv } from './usage-csv.ts';
import { monthsBetween, scaleFor } from './usage-chart.tsx';

const base = '/directory/providers/tally-host/statistics';
const chart = (page: string, figure: string) => new RegExp(`<svg[^>]*id="chart-${figure}"[\\s\\S]*?</svg>`).exec(page)?.[0] ?? '';
const bars = (svg: string) => svg.match(/<rect class="bar"/g)?.length ?? 0;
const row = (page: string, monthText: string) => new RegExp(`<tr><th scope="row"><time[^>]*>${monthText}</time></th>([\\s\\S]*?)</tr>`).exec(page)?.[1]?.replace(/<[^>]+>/g, '|') ?? '';

forEachDialect((dialect) => {
  describe('anonymised usage statistics', () => {
    let t: TestHaven;
    let delegate: WebClient;
    let organisationId: string;
    let token: string;

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-06-15T12:00:00Z'));
      const org = await t.haven.organisations.create({ slug: 'tally-host', name: 'Tally Host', kind: 'hosting-provider' }, 'system');
      organisationId = org.id;
      await t.haven.directory.saveProfile('tally-host', emptyProfile(), { kind: 'system', actor: 'system' });
      const d = await createAccount(t.app, 'tally-d');
      await t.haven.organisations.addMember(org.id, d.id, 'delegate', 'system');
      token = (await t.haven.tokens.create(d.id, 'stats script', 'system')).token;
      delegate = new WebClient(t.app);
      await delegate.logIn('tally-d', d.password);
    });
    after(() => t.close());

    it('lets a delegate paste figures as CSV, drawn for everyone as charts beside a table', async () => {
      const csv = 'month,accounts,storage_gb,monthly_active\n2026-01,1200,350.5,800\n2026-02,1250,360,820\n2026-03,1300,,\n2026-05,1400,380.25,850\n';
      const posted = await delegate.post(base, { months: csv }, base);
      assert.equal(posted.status, 303, posted.body.slice(0, 400));
      const page = (await t.app.inject({ method: 'GET', url: base })).body;
      const accounts = chart(page, 'accounts');
      assert.match(accounts, /role="img" aria-labelledby="chart-accounts-title chart-accounts-desc"/);
      assert.match(accounts, /<title id="chart-accounts-title">Accounts, by month<\/title>/);
      assert.match(accounts, /lowest 1,200 accounts, highest 1,400 accounts, latest 1,400 accounts \(May 2026\)/);
      assert.equal(bars(accounts), 4, 'one bar a month with a value');
      assert.equal(bars(chart(page, 'storage')), 3, 'March states no storage: no bar');
      assert.equal(bars(chart(page, 'monthlyActive')), 3);
      assert.match(accounts, />Apr 26<\/text>/, 'April, with no figures, still has its place on the axis');
      assert.doesNotMatch(page, /style=|<script/, 'nothing the CSP would block');
      assert.match(row(page, 'January 2026'), /1,200\|.*350\.5\|.*800\|.*sent by the provider/);
      assert.match(row(page, 'March 2026'), /1,300\|.*not stated.*not stated/);
      const french = (await t.app.inject({ method: 'GET', url: base, headers: { 'accept-language': 'fr' } })).body;
      assert.match(french, /<title id="chart-storage-title">Stockage utilisé, par mois<\/title>/);
      assert.match(row(french, 'janvier 2026'), /1\u202f200\|.*350,5\|.*800\|.*envoyé par le fournisseur/);
      const profile = (await t.app.inject({ method: 'GET', url: '/directory/providers/tally-host' })).body;
      assert.match(profile, /href="\/directory\/providers\/tally-host\/statistics">Usage statistics</);
      assert.ok((await t.haven.audit.latest(50)).some((e) => e.action === 'transparency.statistics.upload' && e.actor_name === 'tally-d'), 'the audit trail says who published');
    });

    it('gives the same months as a CSV download with a fixed header', async () => {
      const response = await t.app.inject({ method: 'GET', url: `${base}.csv` });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.equal(response.headers['content-disposition'], 'attachment; filename="tally-host-usage-statistics.csv"');
      assert.equal(response.body, 'month,accounts,storage_gb,monthly_active,source\n2026-01,1200,350.5,800,upload\n2026-02,1250,360,820,upload\n2026-03,1300,,,upload\n2026-05,1400,380.25,850,upload\n');
    });

    it('refuses a bad upload whole, naming the row in English and in French, and changes nothing', async () => {
      const before = await t.haven.statistics.list(organisationId);
      const french = new WebClient(t.app, { headers: { 'accept-language': 'fr' } });
      french.cookie = delegate.cookie;
      const cases: [WebClient, string, RegExp][] = [
        [delegate, '2025-12,1,1,1\n2026-01,900,1,1\n2026-07,1,1,1', /Row 3: a month still to come has no figures yet\./],
        [french, '2025-12,1,1,1\n2026-02,12.5,1,1', /Ligne 2 : les chiffres doivent être des nombres entiers/],
        [delegate, 'month,accounts,storage_gb,monthly_active\n2025-12,1,1,1\n2026-13,1,1,1', /Row 3: give the month as YYYY-MM\./],
        [french, '2025-12,1,1,1\n2025-11,,,', /Ligne 2 : donnez au moins un chiffre\./],
        [delegate, '2025-12,1,1,1\n2025-12,2,2,2', /Row 2: 2025-12 is given twice\./],
        [delegate, '2025-12,1,1', /Row 1: give month, accounts, storage in GB/],
        [delegate, Array.from({ length: 121 }, (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},1,1,1`).join('\n'), /Send at most 120 months at once\./],
        [delegate, '', /Give at least one month\./],
      ];
      for (const [client, months, sentence] of cases) {
        const response = await client.post(base, { months }, base);
        assert.equal(response.status, 400, months.slice(0, 60));
        assert.match(response.body, sentence);
        assert.match(response.body, /aria-invalid="true"/, 'the field is marked');
      }
      assert.match((await delegate.post(base, { months: '2026-07,1,1,1' }, base)).body, /<textarea[^>]*>2026-07,1,1,1<\/textarea>/, 'what was sent is shown again');
      assert.deepEqual(await t.haven.statistics.list(organisationId), before);
    });

    it('takes figures from a script with a token, the newest write of a month winning, and publishes them in the transparency JSON', async () => {
      const put = (months: unknown[], locale = 'en') =>
        t.app.inject({ method: 'PUT', url: '/api/v1/providers/tally-host/statistics', headers: { authorization: `Bearer ${token}`, 'accept-language': locale }, payload: { months } });
      t.clock.advance(60_000);
      assert.equal((await put([{ month: '2026-05', accounts: 1500, storageMb: 400_000, monthlyActive: 900 }, { month: '2026-04', accounts: 1450 }])).statusCode, 204);
      for (const [locale, sentence] of [['en', 'Row 2: a month still to come'], ['fr', 'Ligne 2 : un mois à venir']] as const) {
        const refused = await put([{ month: '2026-06', accounts: 1 }, { month: '2026-07', accounts: 1 }], locale);
        assert.equal(refused.statusCode, 400);
        assert.equal(refused.json().error.code, 'month_in_future');
        assert.deepEqual(refused.json().error.fields.map((f: { field: string }) => f.field), ['months']);
        assert.match(refused.json().error.fields[0].message, new RegExp(sentence));
      }
      assert.equal((await put([{ month: '2026-02', accounts: -1 }])).statusCode, 400, 'the schema refuses a negative figure');
      const api = (await t.app.inject({ method: 'GET', url: '/api/v1/providers/tally-host/transparency' })).json();
      assert.deepEqual(api.statistics.slice(-3), [
        { month: '2026-03', accounts: 1300, storageMb: null, monthlyActive: null, source: 'upload' },
        { month: '2026-04', accounts: 1450, storageMb: null, monthlyActive: null, source: 'upload' },
        { month: '2026-05', accounts: 1500, storageMb: 400_000, monthlyActive: 900, source: 'upload' },
      ]);
      assert.equal(api.statistics.length, 5);
    });

    it('removes a month at a delegate’s request, and says so when there was nothing to remove', async () => {
      assert.equal((await delegate.post(`${base}/remove`, { month: '2026-04' }, base)).status, 303);
      assert.ok(!(await t.haven.statistics.list(organisationId)).some((u) => u.month === '2026-04'));
      const nothing = await delegate.post(`${base}/remove`, { month: '2026-04' }, base);
      assert.equal(nothing.status, 400);
      assert.match(nothing.body, /No figures are recorded for that month\./);
    });

    it('merges StatoolInfos metrics into the months, never blanking a figure the provider sent', async () => {
      const metrics = ['file.class = Service', 'metrics.service.accounts.2026.months = 1210,,,,,,,', 'metrics.service.files.bytes.2026.months = ,,5000000000', 'metrics.service.accounts.active.2026.months = ,,,,,,,,9'].join('\n');
      assert.equal(await t.haven.statistics.importStatoolInfos(organisationId, { 'https://tally.example/s.properties': metrics }), 2);
      const months = new Map((await t.haven.statistics.list(organisationId)).map((u) => [u.month, u]));
      assert.deepEqual(months.get('2026-01'), { ...months.get('2026-01')!, accounts: 1210, storageMb: 350_500, monthlyActive: 800, source: 'statoolinfos' });
      assert.deepEqual(months.get('2026-03'), { ...months.get('2026-03')!, accounts: 1300, storageMb: 5000, monthlyActive: null, source: 'statoolinfos' });
      assert.equal(months.get('2026-02')!.source, 'upload', 'a month the metrics leave empty is untouched');
      assert.ok(!months.has('2026-09'), 'a month still to come is not imported');
      assert.equal(await t.haven.statistics.importStatoolInfos(organisationId, { x: metrics }), 0, 'the same metrics again change nothing');
    });
  });
});

describe('usage statistics files and axes', () => {
  it('reads a header, blank lines, empty figures, gigabytes with decimals, and French spreadsheets', () => {
    assert.deepEqual(readUsageCsv('month,accounts,storage_gb,monthly_active\n\n2026-01,1200,350.5,800\r\n2026-02,,0.25,\n"2026-03";1300;12,5;810'), [
      { line: 3, month: '2026-01', accounts: 1200, storageMb: 350_500, monthlyActive: 800 },
      { line: 4, month: '2026-02', accounts: null, storageMb: 250, monthlyActive: null },
      { line: 5, month: '2026-03', accounts: 1300, storageMb: 12_500, monthlyActive: 810 },
    ]);
  });

  it('reads back the file it gives for download', () => {
    const csv = writeUsageCsv([{ month: '2026-01', accounts: 5, storageMb: 1234, monthlyActive: null, source: 'upload', recordedAt: '' }]);
    assert.equal(csv, 'month,accounts,storage_gb,monthly_active,source\n2026-01,5,1.234,,upload\n');
    assert.deepEqual(readUsageCsv(csv), [{ line: 2, month: '2026-01', accounts: 5, storageMb: 1234, monthlyActive: null }]);
  });

  it('picks round gridlines above the largest value, and lists every month across a year end', () => {
    assert.deepEqual(scaleFor(1234), { top: 1500, step: 500 });
    assert.deepEqual(scaleFor(9), { top: 10, step: 2.5 });
    assert.deepEqual(monthsBetween('2025-11', '2026-02'), ['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
