export interface CharterVersionsTable {
  id: string;
  version: number;
  /** The template this line of versions started from. */
  based_on: string;
  /** CharterContent as JSON. */
  content: string;
  note: string;
  adopted_at: string;
}

export interface CharterDraftsTable {
  id: string;
  base_version: number;
  content: string;
  updated_at: string;
}
