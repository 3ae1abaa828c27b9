import type { InfrastructureControl, RegistrationKind, ServiceCategory, ServiceStatus } from './directory.model.ts';
import type { MetadataFormat } from './federation/metadata.ts';

/** A provider organisation's public profile; list fields and fitness are JSON text. */
export interface ProviderProfilesTable {
  organisation_id: string;
  description: string;
  structure_type: string | null;
  website: string | null;
  contact: string | null;
  languages: string;
  countries: string;
  economic_model: string | null;
  prices: string;
  terms_url: string | null;
  privacy_url: string | null;
  infrastructure: InfrastructureControl | null;
  hypervisor_access: string;
  physical_host: string;
  onion_address: string | null;
  fitness: string;
  updated_at: string;
}

export interface ProviderServicesTable {
  id: string;
  organisation_id: string;
  /** Stable within the provider: the open-data and federation files name services by it. */
  slug: string;
  name: string;
  category: ServiceCategory;
  description: string;
  url: string | null;
  software_name: string;
  software_licence: string;
  software_version: string;
  source_url: string | null;
  registration: RegistrationKind;
  registration_open: number;
  price: string;
  free_of_charge: number;
  languages: string;
  hosting_country: string | null;
  onion_address: string | null;
  end_to_end: number;
  status: ServiceStatus;
  /** 'haven' when typed in Haven, 'federation' when it came from the provider's published metadata. */
  origin: 'haven' | 'federation';
  created_at: string;
  updated_at: string;
}

/** Every state a profile has been in, whole, so any two can be compared. */
export interface ProfileRevisionsTable {
  id: string;
  organisation_id: string;
  number: number;
  /** JSON of the profile and its services after the change. */
  snapshot: string;
  /** 'delegate', 'steward', 'federation' or 'system': what the public may know of who changed it. */
  changed_by_kind: string;
  changed_by: string | null;
  created_at: string;
}

/** Where a provider publishes metadata about itself. */
export interface MetadataSourcesTable {
  organisation_id: string;
  url: string;
  format: MetadataFormat;
  registered_at: string;
  last_attempt_at: string | null;
}

/** Each fetch of a provider's metadata: every distinct version is kept, with what changed materially. */
export interface MetadataImportsTable {
  id: string;
  organisation_id: string;
  number: number;
  url: string;
  format: MetadataFormat;
  fetched_at: string;
  outcome: 'imported' | 'unchanged' | 'rejected';
  /** Stable code of the refusal (see MetadataRejected), null when imported. */
  reason: string | null;
  detail: string | null;
  content_sha256: string | null;
  /** The files as fetched (JSON map of URL to text), kept for each imported version. */
  content: string | null;
  /** JSON array of material changes found against the previous import. */
  flags: string;
}

/** A dated result of an automated check, supporting or contradicting a claim of the profile. */
export interface ClaimEvidenceTable {
  id: string;
  organisation_id: string;
  claim: string;
  target: string;
  outcome: 'verified' | 'contradicted';
  facts: string;
  checked_at: string;
}

/** One row: bumped with every directory change, so each instance knows when to refresh its search index. */
export interface DirectoryStateTable {
  id: number;
  revision: number;
}
