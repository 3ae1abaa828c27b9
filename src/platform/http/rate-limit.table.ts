export interface RateLimitWindowsTable {
  key: string;
  window_start: string;
  hits: number;
  expires_at: string;
}
