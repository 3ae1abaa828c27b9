import type { Haven } from '../../haven.ts';
import type { UsageRow } from '../transparency/statistics.service.ts';

/** The `count` months before the current one, oldest first, as YYYY-MM. */
function pastMonths(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - count + i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/**
 * Demo usage statistics: eighteen months of steady growth for Riverbank,
 * twelve months for Lanterne Libre with storage not stated for two of them
 * (so the charts show a gap and the table says so).
 */
export async function loadDemoStatistics(haven: Haven): Promise<void> {
  const now = haven.clock.now();
  const plans: { slug: string; months: number; rows: (i: number) => Omit<UsageRow, 'month'> }[] = [
    {
      slug: 'demo-riverbank-hosting',
      months: 18,
      rows: (i) => ({ accounts: 820 + i * 37 + (i % 3) * 5, storageMb: 210_000 + i * 9_500, monthlyActive: 530 + i * 21 - (i % 4) * 12 }),
    },
    {
      slug: 'demo-lanterne-libre',
      months: 12,
      rows: (i) => ({ accounts: 140 + i * 6, storageMb: i === 4 || i === 5 ? null : 18_000 + i * 1_250, monthlyActive: 95 + i * 4 + (i % 2) * 3 }),
    },
  ];
  for (const plan of plans) {
    const organisation = await haven.organisations.getBySlug(plan.slug);
    if ((await haven.statistics.list(organisation.id)).length > 0) continue;
    const rows = pastMonths(now, plan.months).map((month, i) => ({ month, ...plan.rows(i) }));
    await haven.statistics.record(organisation.id, rows, 'upload', 'system');
  }
}
