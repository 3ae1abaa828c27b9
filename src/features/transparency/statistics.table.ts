export const STATISTICS_SOURCES = ['upload', 'statoolinfos'] as const;
export type StatisticsSource = (typeof STATISTICS_SOURCES)[number];

/** One month of a provider's aggregate usage; any figure may be unknown. */
export interface UsageStatisticsTable {
  organisation_id: string;
  /** YYYY-MM */
  month: string;
  accounts: number | null;
  storage_mb: number | null;
  monthly_active: number | null;
  source: StatisticsSource;
  recorded_at: string;
}
