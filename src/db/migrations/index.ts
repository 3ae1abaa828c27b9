import type { Migration } from 'kysely';
import * as m0001 from './0001_accounts.ts';
import * as m0002 from './0002_organisations.ts';
import * as m0003 from './0003_sessions.ts';
import * as m0004 from './0004_api_tokens.ts';
import * as m0005 from './0005_second_factor.ts';
import * as m0006 from './0006_setup_links.ts';
import * as m0007 from './0007_audit_events.ts';
import * as m0008 from './0008_jobs.ts';
import * as m0009 from './0009_rotating_secrets.ts';
import * as m0010 from './0010_rate_limit_windows.ts';
import * as m0011 from './0011_charter_versions.ts';
import * as m0012 from './0012_meetings.ts';
import * as m0013 from './0013_coalition_memberships.ts';
import * as m0014 from './0014_applications.ts';
import * as m0015 from './0015_application_comments.ts';
import * as m0016 from './0016_stances.ts';
import * as m0017 from './0017_peer_evaluations.ts';
import * as m0018 from './0018_departures.ts';
import * as m0019 from './0019_reconfirmations.ts';
import * as m0020 from './0020_notifications.ts';
import * as m0021 from './0021_provider_profiles.ts';
import * as m0022 from './0022_provider_services.ts';
import * as m0023 from './0023_profile_revisions.ts';
import * as m0024 from './0024_metadata_sources.ts';
import * as m0025 from './0025_claim_evidence.ts';
import * as m0026 from './0026_directory_state.ts';
import * as m0027 from './0027_canaries.ts';
import * as m0028 from './0028_legal_requests.ts';
import * as m0029 from './0029_incidents.ts';
import * as m0030 from './0030_transparency_documents.ts';
import * as m0031 from './0031_canary_scopes.ts';
import * as m0032 from './0032_provider_followers.ts';
import * as m0033 from './0033_usage_statistics.ts';
import * as m0034 from './0034_scoring_rules.ts';
import * as m0035 from './0035_guides.ts';
import * as m0036 from './0036_referrals.ts';
import * as m0037 from './0037_conduct.ts';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_organisations': m0002,
  '0003_sessions': m0003,
  '0004_api_tokens': m0004,
  '0005_second_factor': m0005,
  '0006_setup_links': m0006,
  '0007_audit_events': m0007,
  '0008_jobs': m0008,
  '0009_rotating_secrets': m0009,
  '0010_rate_limit_windows': m0010,
  '0011_charter_versions': m0011,
  '0012_meetings': m0012,
  '0013_coalition_memberships': m0013,
  '0014_applications': m0014,
  '0015_application_comments': m0015,
  '0016_stances': m0016,
  '0017_peer_evaluations': m0017,
  '0018_departures': m0018,
  '0019_reconfirmations': m0019,
  '0020_notifications': m0020,
  '0021_provider_profiles': m0021,
  '0022_provider_services': m0022,
  '0023_profile_revisions': m0023,
  '0024_metadata_sources': m0024,
  '0025_claim_evidence': m0025,
  '0026_directory_state': m0026,
  '0027_canaries': m0027,
  '0028_legal_requests': m0028,
  '0029_incidents': m0029,
  '0030_transparency_documents': m0030,
  '0031_canary_scopes': m0031,
  '0032_provider_followers': m0032,
  '0033_usage_statistics': m0033,
  '0034_scoring_rules': m0034,
  '0035_guides': m0035,
  '0036_referrals': m0036,
  '0037_conduct': m0037,
};
