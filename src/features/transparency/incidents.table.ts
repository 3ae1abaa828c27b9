export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** A provider's organisation id, or 'coalition' for the coalition's own journal. */
export type IncidentScope = string;
export const COALITION = 'coalition';

export interface IncidentsTable {
  id: string;
  scope: IncidentScope;
  number: number;
  title: string;
  /** JSON array of the names of the services affected. */
  services: string;
  status: IncidentStatus;
  started_at: string;
  ended_at: string | null;
  post_mortem: string | null;
  created_at: string;
  updated_at: string;
}

export interface IncidentUpdatesTable {
  id: string;
  incident_id: string;
  at: string;
  status: IncidentStatus;
  body: string;
}
