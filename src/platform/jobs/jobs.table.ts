export type JobState = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  kind: string;
  unique_key: string | null;
  payload_enc: string | null;
  run_at: string;
  state: JobState;
  attempts: number;
  claimed_by: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}
