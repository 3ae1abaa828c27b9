import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connection.ts';
import { AccountsRepository } from './features/accounts/accounts.repository.ts';
import { AccountsService } from './features/accounts/accounts.service.ts';
import { ApiTokensService } from './features/accounts/api-tokens.service.ts';
import { InboxService } from './features/accounts/inbox.service.ts';
import { SecondFactorService } from './features/accounts/second-factor.service.ts';
import { SessionsService } from './features/accounts/sessions.service.ts';
import { CharterService } from './features/charter/charter.service.ts';
import { DirectorySearch } from './features/directory/directory-search.ts';
import { GuidesService } from './features/guidance/guides.service.ts';
import { ScoringRulesService } from './features/guidance/scoring-rules.service.ts';
import { AssessmentService } from './features/guidance/assessment.service.ts';
import { ReferralsService } from './features/guidance/referrals.service.ts';
import { ConductReportsService } from './features/conduct/conduct-reports.service.ts';
import { CodeOfConductService } from './features/conduct/code-of-conduct.service.ts';
import { ConductHandlingService } from './features/conduct/conduct-handling.service.ts';
import { BeneficiariesService } from './features/guidance/beneficiaries.service.ts';
import { GuidanceReports } from './features/guidance/guidance-reports.ts';
import { DirectoryService } from './features/directory/directory.service.ts';
import { EvidenceService } from './features/directory/evidence/evidence.service.ts';
import { FederationService } from './features/directory/federation/federation.service.ts';
import { ApplicationsService } from './features/membership/applications.service.ts';
import { DepartureNotices } from './features/membership/departures.notices.ts';
import { DeparturesService } from './features/membership/departures.service.ts';
import { MeetingsService } from './features/membership/meetings.service.ts';
import { MembershipNotices } from './features/membership/membership-notices.ts';
import { membershipText } from './features/membership/membership.messages.ts';
import { MembershipService } from './features/membership/membership.service.ts';
import { PeerEvaluationsService } from './features/membership/peer-evaluations.service.ts';
import { ReconfirmationService } from './features/membership/reconfirmation.service.ts';
import { ReviewService } from './features/membership/review.service.ts';
import { OrganisationsService } from './features/organisations/organisations.service.ts';
import { PersonalDataService } from './features/privacy/personal-data.service.ts';
import { SetupService } from './features/setup/setup.service.ts';
import { CanaryService } from './features/transparency/canary.service.ts';
import { CanarySourceService } from './features/transparency/canary-source.service.ts';
import { CanaryAlarms } from './features/transparency/canary-alarms.ts';
import { FollowersService } from './features/directory/followers.service.ts';
import { DocumentsService } from './features/transparency/documents.service.ts';
import { StatisticsService } from './features/transparency/statistics.service.ts';
import { IncidentsService } from './features/transparency/incidents.service.ts';
import { LegalRequestsService } from './features/transparency/legal-requests.service.ts';
import { AuditTrail } from './platform/audit/audit-trail.ts';
import { HOUR, type Clock } from './platform/clock.ts';
import { FieldCipher } from './platform/crypto/field-cipher.ts';
import { deriveKey } from './platform/crypto/master-key.ts';
import { RotatingSecrets } from './platform/crypto/rotating-secrets.ts';
import { forgetEndedWindows } from './platform/http/rate-limit-store.ts';
import { JobQueue } from './platform/jobs/job-queue.ts';
import { Mailer, type MailTransport } from './platform/mail/mailer.ts';
import { checksUserAgent, OUTBOUND_DEFAULTS, type OutboundPolicy } from './platform/outbound/outbound-fetch.ts';

/** Every service of one Haven instance, wired once; the server, the CLI and the tests all use this. */
export interface Haven {
  config: Config;
  clock: Clock;
  database: DatabaseHandle;
  log: FastifyBaseLogger;
  keys: { csrf: Buffer; loginChallenge: Buffer };
  cipher: FieldCipher;
  audit: AuditTrail;
  jobs: JobQueue;
  secrets: RotatingSecrets;
  mailer: Mailer;
  inbox: InboxService;
  accounts: AccountsService;
  sessions: SessionsService;
  tokens: ApiTokensService;
  secondFactor: SecondFactorService;
  organisations: OrganisationsService;
  charter: CharterService;
  membership: MembershipService;
  meetings: MeetingsService;
  applications: ApplicationsService;
  review: ReviewService;
  departures: DeparturesService;
  reconfirmation: ReconfirmationService;
  peerEvaluations: PeerEvaluationsService;
  setup: SetupService;
  personalData: PersonalDataService;
  directory: DirectoryService;
  directorySearch: DirectorySearch;
  evidence: EvidenceService;
  federation: FederationService;
  followers: FollowersService;
  canaries: CanaryService;
  canarySources: CanarySourceService;
  canaryAlarms: CanaryAlarms;
  legalRequests: LegalRequestsService;
  incidents: IncidentsService;
  documents: DocumentsService;
  statistics: StatisticsService;
  guides: GuidesService;
  scoringRules: ScoringRulesService;
  assessments: AssessmentService;
  referrals: ReferralsService;
  conductReports: ConductReportsService;
  codeOfConduct: CodeOfConductService;
  conductHandling: ConductHandlingService;
  beneficiaries: BeneficiariesService;
  guidanceReports: GuidanceReports;
  /** How crawls and checks reach out to provider-given addresses. */
  outbound: OutboundPolicy;
  /** What changes while the instance runs. */
  state: { demoLoaded: boolean };
}

export function wireHaven(deps: {
  config: Config;
  clock: Clock;
  database: DatabaseHandle;
  masterKey: Buffer;
  log: FastifyBaseLogger;
  mailTransport?: MailTransport;
}): Haven {
  const { config, clock, database, masterKey, log } = deps;
  const db = database.db;
  const cipher = new FieldCipher(deriveKey(masterKey, 'field-encryption'));
  const audit = new AuditTrail(db, clock);
  const jobs = new JobQueue(db, database.dialect, cipher, clock, log);
  const secrets = new RotatingSecrets(db, cipher, clock);
  const repo = new AccountsRepository(db);
  const organisations = new OrganisationsService(db, audit, clock);
  const accounts = new AccountsService(db, repo, cipher, audit, clock);
  const sessions = new SessionsService(db, repo, organisations, audit, clock);
  const tokens = new ApiTokensService(db, repo, sessions, audit, clock);
  const secondFactor = new SecondFactorService(db, repo, cipher, audit, clock);
  const setup = new SetupService(db, accounts, clock);
  const charter = new CharterService(db, audit, clock);
  const membership = new MembershipService(db, audit, clock);
  const meetings = new MeetingsService(db, audit, clock);
  const mailer = new Mailer(config, accounts, jobs, log, deps.mailTransport);
  const inbox = new InboxService(db, cipher, clock);
  mailer.useInbox(inbox);
  const notices = new MembershipNotices(config, mailer, accounts, organisations, membership);
  const applications = new ApplicationsService(db, config, charter, membership, notices, audit, clock);
  const review = new ReviewService(db, config, applications, membership, notices, audit, clock);
  // A submitted application goes on the agenda of the next meeting.
  applications.useMeetings((after) => meetings.nextAfter(after));
  meetings.addAgendaSource(async (meeting) =>
    (await applications.inReviewFor(meeting.id)).map((a) => ({
      title: { en: membershipText.en.applicationTitle(a.number, a.organisation.name), fr: membershipText.fr.applicationTitle(a.number, a.organisation.name) },
      path: `/membership/applications/${a.number}`,
    })),
  );
  const departures = new DeparturesService(db, config, charter, membership, new DepartureNotices(config, mailer, accounts, organisations, membership), audit, clock);
  const reconfirmation = new ReconfirmationService(db, config, charter, membership, organisations, mailer, audit, clock);
  // Inside the adoption's transaction: only its trx may be used (SQLite has one connection).
  charter.onAdopted((version, trx) => reconfirmation.markDueAfterAdoption(version, trx));
  const peerEvaluations = new PeerEvaluationsService(db, config, cipher, charter, membership, organisations, mailer, audit, clock);
  const personalData = new PersonalDataService(accounts, organisations, sessions, tokens, audit, inbox);

  const outbound: OutboundPolicy = {
    ...OUTBOUND_DEFAULTS,
    allowPrivateAddresses: config.outboundAllowPrivate,
    extraCa: config.outboundCaFile ? fs.readFileSync(config.outboundCaFile, 'utf8') : null,
    userAgent: checksUserAgent(config.publicUrl),
  };
  const directory = new DirectoryService(db, organisations, audit, clock);
  const directorySearch = new DirectorySearch(db);
  directory.onChange(() => directorySearch.invalidate());
  organisations.onDeleted((_id, trx) => directory.organisationChanged(trx));
  membership.onChanged((_id, trx) => directory.organisationChanged(trx));
  const evidence = new EvidenceService(db, outbound, clock);
  const federation = new FederationService(db, config, directory, organisations, accounts, mailer, outbound, audit, clock, log);

  personalData.addOrganisationRecords('directory', async (organisationId) => {
    const organisation = await organisations.getById(organisationId);
    if (!(['hosting-provider', 'security-provider'] as string[]).includes(organisation.kind)) return null;
    const record = await directory.provider(organisation.slug);
    const { source } = await federation.status(organisationId);
    return {
      published: record.published,
      profile: record.profile,
      services: record.services.map(({ id: _id, ...service }) => service),
      history: (await directory.history(organisationId)).map((r) => ({ revision: r.number, at: r.at, by: r.changedByKind, snapshot: r.snapshot })),
      metadataSource: source ? { url: source.url, format: source.format, registeredAt: source.registered_at } : null,
    };
  });

  const followers = new FollowersService(db, clock);
  personalData.addAccountRecords('followedProviders', async (accountId) => (await followers.followedBy(accountId)).map((f) => ({ slug: f.slug, name: f.name, since: f.followed_at })));
  const canaries = new CanaryService(db, organisations, audit, clock);
  const canarySources = new CanarySourceService(db, config, canaries, organisations, mailer, outbound, audit, clock);
  const canaryAlarms = new CanaryAlarms(db, config, organisations, accounts, followers, mailer, clock);
  const legalRequests = new LegalRequestsService(db, cipher, audit, clock);
  const incidents = new IncidentsService(db, audit, clock);
  const documents = new DocumentsService(db, audit, clock);
  const statistics = new StatisticsService(db, audit, clock);
  const guides = new GuidesService(db, audit, clock);
  const scoringRules = new ScoringRulesService(db, audit, clock);
  const assessments = new AssessmentService(db, cipher, scoringRules, directorySearch, canaries, evidence, peerEvaluations, clock);
  const referrals = new ReferralsService(db, config, cipher, organisations, accounts, mailer, audit, clock);
  const conductReports = new ConductReportsService(db, config, cipher, accounts, mailer, clock);
  personalData.addAccountRecords('savedSelfAssessments', async (accountId) =>
    Promise.all((await assessments.saved(accountId)).map(async (s) => ({ savedAt: s.created_at, level: s.level, rulesVersion: s.rules_version, answers: await assessments.savedAnswers(accountId, s.id) }))),
  );
  personalData.addAccountRecords('conductReportsSent', async (accountId) => (await conductReports.ofReporter(accountId)).map((r) => ({ number: r.number, status: r.status, sentAt: r.created_at })));
  const codeOfConduct = new CodeOfConductService(db, audit, clock);
  const conductHandling = new ConductHandlingService(db, cipher, conductReports, accounts, mailer, clock);
  jobs.define('conduct.end-suspensions', async () => void (await conductHandling.endDueSuspensions()), { everyMs: HOUR });
  jobs.define('conduct.purge-expired', async () => void (await conductHandling.purgeExpired()), { everyMs: HOUR });
  jobs.define('guidance.flag-unanswered-referrals', async () => void (await referrals.flagUnanswered()), { everyMs: HOUR });
  const beneficiaries = new BeneficiariesService(db, cipher, assessments, scoringRules, referrals, organisations, audit, clock);
  personalData.addOrganisationRecords('beneficiaries', async (organisationId) => ((await organisations.getById(organisationId)).kind === 'intermediary' ? beneficiaries.export(organisationId) : null));
  const guidanceReports = new GuidanceReports(db, clock);
  // Metrics in a provider's StatoolInfos files become its usage statistics, in the import's transaction.
  federation.onImported((organisationId, reading, trx) => (reading.format === 'statoolinfos' ? statistics.importStatoolInfos(organisationId, reading.files, trx) : Promise.resolve()));
  jobs.define('transparency.publish-held-requests', async () => void (await legalRequests.publishDue()), { everyMs: HOUR });
  jobs.define('transparency.canary-fetch-due', async () => {
    const due = await canarySources.due(new Date(clock.now().getTime() - config.canaryFetchIntervalHours * HOUR).toISOString());
    // One at a time: a hosted canary is one small file, and a slow provider must not hold the others' leases.
    for (const organisationId of due.slice(0, 50)) await canarySources.fetch(organisationId);
    await canaryAlarms.notifyDue();
  }, { everyMs: HOUR });
  jobs.define('transparency.canary-alarms', async () => void (await canaryAlarms.notifyDue()), { everyMs: HOUR });

  jobs.define('directory.crawl-due', async () => {
    const due = await federation.due(new Date(clock.now().getTime() - config.crawlIntervalHours * HOUR).toISOString(), 200);
    await federation.crawl(due, { concurrency: 8 });
  }, { everyMs: HOUR });
  jobs.define('directory.check-due', async () => {
    // A bounded batch, four at a time, so one run stays well within the job's lease; the next run takes the next batch.
    const due = await evidence.due(new Date(clock.now().getTime() - config.checkIntervalHours * HOUR).toISOString(), 20);
    for (let i = 0; i < due.length; i += 4) await Promise.all(due.slice(i, i + 4).map((p) => evidence.check(p.organisationId, p.website)));
    await evidence.forgetBefore(new Date(clock.now().getTime() - 365 * 24 * HOUR).toISOString());
  }, { everyMs: HOUR });
  jobs.define('membership.decide-due', async () => void (await review.decideDue()), { everyMs: HOUR });
  jobs.define('membership.reconfirm-due', async () => void (await reconfirmation.runDue()), { everyMs: HOUR });
  jobs.define('sessions.purge-expired', async () => void (await sessions.purgeExpired()), { everyMs: HOUR });
  jobs.define('secrets.forget-past-days', async () => void (await secrets.forgetPastDays()), { everyMs: HOUR });
  jobs.define('rate-limits.forget-ended-windows', () => forgetEndedWindows(db, clock), { everyMs: HOUR });
  jobs.define('setup.purge-expired-links', async () => void (await setup.purgeExpired()), { everyMs: HOUR });

  return {
    config,
    clock,
    database,
    log,
    keys: { csrf: deriveKey(masterKey, 'csrf'), loginChallenge: deriveKey(masterKey, 'login-challenge') },
    cipher,
    audit,
    jobs,
    secrets,
    mailer,
    inbox,
    accounts,
    sessions,
    tokens,
    secondFactor,
    organisations,
    charter,
    membership,
    meetings,
    applications,
    review,
    departures,
    reconfirmation,
    peerEvaluations,
    setup,
    personalData,
    directory,
    directorySearch,
    evidence,
    federation,
    followers,
    canaries,
    canarySources,
    canaryAlarms,
    legalRequests,
    incidents,
    documents,
    statistics,
    guides,
    scoringRules,
    assessments,
    referrals,
    conductReports,
    codeOfConduct,
    conductHandling,
    beneficiaries,
    guidanceReports,
    outbound,
    state: { demoLoaded: false },
  };
}
