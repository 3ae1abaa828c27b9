export interface AuditEventsTable {
  id: string;
  occurred_at: string;
  /** Null once the actor's account is deleted, or for the system itself. */
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
}
