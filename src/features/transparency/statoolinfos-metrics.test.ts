import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monthValues, usageFromStatoolInfos } from './statoolinfos-metrics.ts';

/** A ChatonsInfos service file with metrics, as a CHATONS member publishes it (comments, names, blanks and all). */
const padsService = `# [File]
file.class = service
file.protocol = ChatonsInfos-0.5
file.datetime = 2026-03-02T04:00:00

# [Service]
service.name = Pads
software.name = Etherpad

# [Metrics]
metrics.service.accounts.name = Nombre de comptes
metrics.service.accounts.2025.months = 100,110,120,130,140,150,160,170,180,190,200,210
metrics.service.accounts.2026.months = 220,230
metrics.service.accounts.active.name = Nombre de comptes actifs
metrics.service.accounts.active.2025.months = ,,,,,,,,,,90,95
metrics.service.accounts.active.2026.months = 99,101
metrics.service.accounts.active.2026.weeks = 10,11,12
metrics.service.database.bytes.2026.months = 1500000000,1600000000
metrics.service.files.bytes.2026.months = 500000000,
metrics.http.visits.humans.2026.months = 9999,9999
`;

/** Another service: semicolons (the StatoolInfos separator) with decimal commas, users instead of accounts. */
const videosService = `file.class = Service
service.name = Videos
metrics.service.users.2026.months = 40;45;;
metrics.service.files.bytes.2026.months = 2000000000,5;3000000000;-4;lots
metrics.service.accounts.2026.months = 5;6;7;8;9;10;11;12;13;14;15;16;17;18
`;

const organization = `file.class = Organization
organization.name = Fjord Hosting
subs.pads = https://fjord.example/pads.properties
`;

describe('reading usage statistics from StatoolInfos metrics', () => {
  it('sums accounts, active accounts and storage across services, month by month', () => {
    const usage = usageFromStatoolInfos([organization, padsService, videosService], '2026-02');
    assert.deepEqual(usage.slice(-3), [
      { month: '2025-12', accounts: 210, storageMb: null, monthlyActive: 95 },
      { month: '2026-01', accounts: 225, storageMb: 1500 + 500 + 2000, monthlyActive: 139 },
      { month: '2026-02', accounts: 236, storageMb: 1600 + 3000, monthlyActive: 146 },
    ]);
    assert.deepEqual(usage[0], { month: '2025-01', accounts: 100, storageMb: null, monthlyActive: null });
    assert.equal(usage.length, 14, 'twelve months of 2025 and two of 2026, none after the last month asked for');
  });

  it('leaves out months still to come, and months where nothing is known', () => {
    const usage = usageFromStatoolInfos([videosService], '2026-03');
    assert.deepEqual(usage.map((u) => u.month), ['2026-01', '2026-02', '2026-03']);
    assert.deepEqual(usage[2], { month: '2026-03', accounts: 7, storageMb: null, monthlyActive: null });
    assert.deepEqual(usageFromStatoolInfos([organization, 'metrics.service.accounts.2026.months = ,,', 'not = properties = at all \\u12'], '2026-12'), []);
  });

  it('reads a year of values with either separator, and a short list as unknown for the rest', () => {
    assert.deepEqual(monthValues('1,2,,4'), [1, 2, null, 4]);
    assert.deepEqual(monthValues('1;2,5; ;x;-1'), [1, 2.5, null, null, null]);
    assert.equal(monthValues(Array(20).fill('1').join(',')).length, 12);
  });

  it('drops a figure too large for the column instead of storing nonsense', () => {
    const usage = usageFromStatoolInfos(['metrics.service.accounts.2026.months = 99999999999,3'], '2026-12');
    assert.deepEqual(usage, [{ month: '2026-02', accounts: 3, storageMb: null, monthlyActive: null }]);
  });
});
