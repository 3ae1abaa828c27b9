export const AUTHORITY_KINDS = ['court', 'police', 'intelligence', 'administration', 'regulator', 'foreign-authority', 'private-party', 'other'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export const REQUEST_KINDS = ['data-disclosure', 'takedown', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const OUTCOMES = ['pending', 'refused', 'complied-in-part', 'complied', 'contested'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Published at once, automatically on a date, or when the provider says it legally may. */
export const PUBLICATIONS = ['now', 'after-date', 'when-possible'] as const;
export type Publication = (typeof PUBLICATIONS)[number];

export interface LegalRequestsTable {
  id: string;
  organisation_id: string;
  number: number;
  received_on: string;
  authority_kind: AuthorityKind;
  request_kind: RequestKind;
  legal_order: number;
  /** JSON { dataRequested, notes }, encrypted. */
  details_enc: string;
  outcome: Outcome;
  publication: Publication;
  publish_after: string | null;
  /** Null while held back. */
  published_at: string | null;
  created_at: string;
  updated_at: string;
}
