import type {
  AccountRolesTable,
  AccountsTable,
  ApiTokensTable,
  RecoveryCodesTable,
  SessionsTable,
} from '../features/accounts/accounts.table.ts';
import type { NotificationsTable } from '../features/accounts/inbox.table.ts';
import type { CharterDraftsTable, CharterVersionsTable } from '../features/charter/charter.table.ts';
import type { BreachAnswersTable, BreachCasesTable, BreachStancesTable, DeparturesTable } from '../features/membership/departures.table.ts';
import type { MeetingsTable } from '../features/membership/meetings.table.ts';
import type {
  ApplicationAnswerHistoryTable,
  ApplicationAnswersTable,
  ApplicationCommentsTable,
  ApplicationsTable,
  CoalitionMembershipsTable,
  StancesTable,
} from '../features/membership/membership.table.ts';
import type { ReconfirmationAnswersTable, ReconfirmationDuesTable, ReconfirmationsTable } from '../features/membership/reconfirmation.table.ts';
import type { PeerEvaluationFindingsTable, PeerEvaluationNotesTable, PeerEvaluationsTable } from '../features/membership/peer-evaluations.table.ts';
import type {
  ClaimEvidenceTable,
  DirectoryStateTable,
  MetadataImportsTable,
  MetadataSourcesTable,
  ProfileRevisionsTable,
  ProviderProfilesTable,
  ProviderServicesTable,
} from '../features/directory/directory.table.ts';
import type { CanariesTable, CanaryKeysTable, CanarySourcesTable } from '../features/transparency/canary.table.ts';
import type { UsageStatisticsTable } from '../features/transparency/statistics.table.ts';
import type { ProviderFollowersTable } from '../features/directory/followers.table.ts';
import type { GuidesTable, SavedAssessmentsTable, ScoringRulesTable } from '../features/guidance/guidance.table.ts';
import type { BeneficiariesTable, ReferralMessagesTable, ReferralsTable } from '../features/guidance/referrals.table.ts';
import type { ConductAccessLogTable, ConductEntriesTable, ConductInvolvedTable, ConductRecusalsTable, ConductReportsTable, ConductSettingsTable } from '../features/conduct/conduct.table.ts';
import type { TransparencyDocumentsTable } from '../features/transparency/documents.table.ts';
import type { IncidentsTable, IncidentUpdatesTable } from '../features/transparency/incidents.table.ts';
import type { LegalRequestsTable } from '../features/transparency/legal-requests.table.ts';
import type { OrganisationMembersTable, OrganisationsTable } from '../features/organisations/organisations.table.ts';
import type { SetupLinksTable } from '../features/setup/setup.table.ts';
import type { AuditEventsTable } from '../platform/audit/audit.table.ts';
import type { RotatingSecretsTable } from '../platform/crypto/rotating-secrets.table.ts';
import type { RateLimitWindowsTable } from '../platform/http/rate-limit.table.ts';
import type { JobsTable } from '../platform/jobs/jobs.table.ts';

/** Every table Haven keeps, as the queries see them. */
export interface Database {
  accounts: AccountsTable;
  account_roles: AccountRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  recovery_codes: RecoveryCodesTable;
  notifications: NotificationsTable;
  organisations: OrganisationsTable;
  organisation_members: OrganisationMembersTable;
  setup_links: SetupLinksTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  rotating_secrets: RotatingSecretsTable;
  rate_limit_windows: RateLimitWindowsTable;
  charter_versions: CharterVersionsTable;
  charter_drafts: CharterDraftsTable;
  meetings: MeetingsTable;
  coalition_memberships: CoalitionMembershipsTable;
  applications: ApplicationsTable;
  application_answers: ApplicationAnswersTable;
  application_answer_history: ApplicationAnswerHistoryTable;
  application_comments: ApplicationCommentsTable;
  stances: StancesTable;
  peer_evaluations: PeerEvaluationsTable;
  peer_evaluation_findings: PeerEvaluationFindingsTable;
  peer_evaluation_notes: PeerEvaluationNotesTable;
  breach_cases: BreachCasesTable;
  breach_answers: BreachAnswersTable;
  breach_stances: BreachStancesTable;
  departures: DeparturesTable;
  reconfirmation_dues: ReconfirmationDuesTable;
  reconfirmations: ReconfirmationsTable;
  reconfirmation_answers: ReconfirmationAnswersTable;
  provider_profiles: ProviderProfilesTable;
  provider_services: ProviderServicesTable;
  profile_revisions: ProfileRevisionsTable;
  metadata_sources: MetadataSourcesTable;
  metadata_imports: MetadataImportsTable;
  claim_evidence: ClaimEvidenceTable;
  directory_state: DirectoryStateTable;
  canary_keys: CanaryKeysTable;
  canaries: CanariesTable;
  canary_sources: CanarySourcesTable;
  provider_followers: ProviderFollowersTable;
  usage_statistics: UsageStatisticsTable;
  scoring_rules: ScoringRulesTable;
  saved_assessments: SavedAssessmentsTable;
  guides: GuidesTable;
  beneficiaries: BeneficiariesTable;
  referrals: ReferralsTable;
  referral_messages: ReferralMessagesTable;
  conduct_reports: ConductReportsTable;
  conduct_recusals: ConductRecusalsTable;
  conduct_involved: ConductInvolvedTable;
  conduct_entries: ConductEntriesTable;
  conduct_access_log: ConductAccessLogTable;
  conduct_settings: ConductSettingsTable;
  legal_requests: LegalRequestsTable;
  incidents: IncidentsTable;
  incident_updates: IncidentUpdatesTable;
  transparency_documents: TransparencyDocumentsTable;
}
