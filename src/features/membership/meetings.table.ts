export interface MeetingsTable {
  id: string;
  /** ISO-8601 UTC. */
  starts_at: string;
  duration_minutes: number;
  /** Shown to logged-in members only (a call link or a place can put people at risk). */
  location_note: string;
  created_at: string;
  cancelled_at: string | null;
}
