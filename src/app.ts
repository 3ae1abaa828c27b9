import fs from 'node:fs';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrator.ts';
import { registerAccountApi } from './features/accounts/accounts.api.ts';
import { registerAccountPages } from './features/accounts/accounts.pages.tsx';
import { registerInboxPages } from './features/accounts/inbox.pages.tsx';
import { registerLoginPages } from './features/accounts/login.pages.tsx';
import { registerSecondFactorPages } from './features/accounts/second-factor.pages.tsx';
import { registerTokenPages } from './features/accounts/tokens.pages.tsx';
import { registerAdminPages } from './features/admin/admin.pages.tsx';
import { registerCharterAdminPages } from './features/charter/charter-admin.pages.tsx';
import { registerCharterApi } from './features/charter/charter.api.ts';
import { registerCharterPages } from './features/charter/charter.pages.tsx';
import { isDemoLoaded } from './features/demo/demo-data.ts';
import { registerDirectoryApi } from './features/directory/directory.api.ts';
import { registerDirectoryPages } from './features/directory/directory.pages.tsx';
import { registerFederationPages } from './features/directory/federation/federation.pages.tsx';
import { registerFederationPublication } from './features/directory/federation/publication.routes.ts';
import { registerOpenData } from './features/directory/open-data.routes.tsx';
import { registerProviderHistoryPages } from './features/directory/provider-history.pages.tsx';
import { registerProviderPages } from './features/directory/provider.pages.tsx';
import { registerGuidesApi } from './features/guidance/guides.api.ts';
import { registerCodeOfConductPages } from './features/conduct/code-of-conduct.pages.tsx';
import { registerConductReportApi } from './features/conduct/conduct-report.api.ts';
import { registerConductReportPages } from './features/conduct/conduct-report.pages.tsx';
import { registerConductHandlingApi } from './features/conduct/conduct-handling.api.ts';
import { registerConductHandlingPages } from './features/conduct/conduct-handling.pages.tsx';
import { registerGuidePages } from './features/guidance/guides.pages.tsx';
import { registerHealthRoutes } from './features/home/health.api.ts';
import { registerHomePages } from './features/home/home.pages.tsx';
import { registerApplicationApi } from './features/membership/application.api.ts';
import { registerApplicationPages } from './features/membership/application.pages.tsx';
import { registerBreachCasePages } from './features/membership/departures.case-pages.tsx';
import { registerDeparturePages } from './features/membership/departures.pages.tsx';
import { registerMeetingsApi } from './features/membership/meetings.api.ts';
import { registerMeetingsFeed } from './features/membership/meetings.ical.ts';
import { registerMeetingPages } from './features/membership/meetings.pages.tsx';
import { registerMembershipApi } from './features/membership/membership.api.ts';
import { registerMembershipPages } from './features/membership/membership.pages.tsx';
import { registerPeerEvaluationApi } from './features/membership/peer-evaluations.api.ts';
import { registerPeerEvaluationPages } from './features/membership/peer-evaluations.pages.tsx';
import { registerReconfirmationPages } from './features/membership/reconfirmation.pages.tsx';
import { registerOrganisationApi } from './features/organisations/organisations.api.ts';
import { registerPrivacyRoutes } from './features/privacy/privacy.pages.tsx';
import { registerSetupPages } from './features/setup/setup.pages.tsx';
import { registerCanaryPages } from './features/transparency/canary.pages.tsx';
import { registerAssessmentPages } from './features/guidance/assessment.pages.tsx';
import { registerScoringRulesPages } from './features/guidance/scoring-rules.pages.tsx';
import { registerAssessmentApi } from './features/guidance/assessment.api.ts';
import { registerReferralRequestPages } from './features/guidance/referral-request.pages.tsx';
import { registerReferralAnswerPages } from './features/guidance/referral-answers.pages.tsx';
import { registerBeneficiaryPages } from './features/guidance/beneficiaries.pages.tsx';
import { registerEngagementPages } from './features/guidance/engagements.pages.tsx';
import { registerReportPages } from './features/guidance/reports.pages.tsx';
import { registerReportsApi } from './features/guidance/reports.api.ts';
import { registerCanaryApi } from './features/transparency/canary.api.ts';
import { registerFollowerPages } from './features/directory/followers.pages.tsx';
import { registerCoalitionTransparencyPages } from './features/transparency/coalition-transparency.pages.tsx';
import { registerDocumentPages } from './features/transparency/documents.pages.tsx';
import { registerIncidentPages } from './features/transparency/incidents.pages.tsx';
import { registerLegalRequestPages } from './features/transparency/legal-requests.pages.tsx';
import { registerStatisticsApi } from './features/transparency/statistics.api.ts';
import { registerStatisticsPages } from './features/transparency/statistics.pages.tsx';
import { registerTransparencyApi } from './features/transparency/transparency.api.ts';
import { wireHaven, type Haven } from './haven.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { loadMasterKey } from './platform/crypto/master-key.ts';
import { clientKey } from './platform/http/client-key.ts';
import { databaseRateLimitStore } from './platform/http/rate-limit-store.ts';
import { addErrorHandling, frameworkErrorHandler } from './platform/http/error-handler.ts';
import { AppError } from './platform/http/errors.ts';
import { addRequestContext } from './platform/http/request-context.ts';
import { refuseNulCharacters } from './platform/http/nul-characters.ts';
import { schemaValidator } from './platform/http/schema-validator.ts';
import { addSecurityHeaders } from './platform/http/security-headers.ts';
import type { MailTransport } from './platform/mail/mailer.ts';

declare module 'fastify' {
  interface FastifyInstance {
    haven: Haven;
  }
}

export interface BuildOptions {
  clock?: Clock;
  /** Where log lines go (tests read them back); standard output by default. */
  logStream?: DestinationStream;
  mailTransport?: MailTransport;
  migrate?: boolean;
}

const stylesheet = fs.readFileSync(new URL('./platform/html/assets/haven.css', import.meta.url));

/** The one factory: the server, the command line and the tests all build Haven here. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Never the client's address, never a full URL (it may hold a secret link).
      serializers: { req: () => ({}), res: () => ({}) },
    },
    // Haven logs one line per request itself (onResponse below), without address or full URL.
    logController: new LogController({ disableRequestLogging: true }),
    // Believe X-Forwarded-For only from the configured number of proxies in front.
    trustProxy: (_address: string, hop: number) => hop < config.trustedProxies,
    bodyLimit: 1024 * 1024,
    // An undecodable address or an overlong parameter is answered like any other error.
    frameworkErrors: frameworkErrorHandler(config),
  });

  // Form and query values are converted from text; a JSON API body is checked exactly as sent.
  app.setValidatorCompiler(schemaValidator());

  const masterKey = loadMasterKey(config);
  if (masterKey.generated) {
    app.log.warn(`A new master key was written to ${masterKey.file}. Back it up now, apart from the database: without it, encrypted data cannot be read.`);
  }
  const database = openDatabase(config.database);
  app.addHook('onClose', async () => database.destroy());
  if (options.migrate !== false) await migrateToLatest(database.db);

  const haven = wireHaven({
    config,
    clock: options.clock ?? systemClock,
    database,
    masterKey: masterKey.key,
    log: app.log,
    mailTransport: options.mailTransport,
  });
  app.decorate('haven', haven);
  haven.state.demoLoaded = await isDemoLoaded(haven.database.db);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Haven API', version: '1', description: 'JSON API of Haven. Authenticate with `Authorization: Bearer <token>`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: ({ schema, url }) =>
      url.startsWith('/api/v1') || url === '/healthz'
        ? { schema, url }
        : { schema: { ...(schema ?? {}), hide: true } as typeof schema, url },
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => clientKey(request, haven.secrets),
    store: databaseRateLimitStore(database.db, haven.clock),
    errorResponseBuilder: () => AppError.rateLimited(),
  });

  addSecurityHeaders(app, config);
  addErrorHandling(app);
  addRequestContext(
    app,
    config,
    haven.keys.csrf,
    { fromSession: (t) => haven.sessions.resolve(t), fromApiToken: (t) => haven.tokens.resolve(t), unreadNotifications: (id) => haven.inbox.unread(id) },
    () => haven.state.demoLoaded,
  );
  refuseNulCharacters(app);
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  app.get('/assets/haven.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(stylesheet),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send(app.swagger()),
  );

  registerHealthRoutes(app);
  registerHomePages(app);
  registerSetupPages(app);
  registerLoginPages(app);
  registerAccountPages(app);
  registerInboxPages(app);
  registerSecondFactorPages(app);
  registerTokenPages(app);
  registerPrivacyRoutes(app);
  registerAdminPages(app);
  registerAccountApi(app);
  registerOrganisationApi(app);
  registerCharterPages(app);
  registerCharterAdminPages(app);
  registerCharterApi(app);
  registerMembershipPages(app);
  registerApplicationPages(app);
  registerApplicationApi(app);
  registerMembershipApi(app);
  registerDeparturePages(app);
  registerBreachCasePages(app);
  registerReconfirmationPages(app);
  registerPeerEvaluationPages(app);
  registerPeerEvaluationApi(app);
  registerMeetingPages(app);
  registerMeetingsFeed(app);
  registerMeetingsApi(app);
  registerDirectoryPages(app);
  registerProviderPages(app);
  registerProviderHistoryPages(app);
  registerFederationPages(app);
  registerDirectoryApi(app);
  registerOpenData(app);
  registerFederationPublication(app);
  registerCanaryPages(app);
  registerAssessmentPages(app);
  registerScoringRulesPages(app);
  registerAssessmentApi(app);
  registerReferralRequestPages(app);
  registerReferralAnswerPages(app);
  registerBeneficiaryPages(app);
  registerEngagementPages(app);
  registerReportPages(app);
  registerReportsApi(app);
  registerFollowerPages(app);
  registerCanaryApi(app);
  registerCoalitionTransparencyPages(app);
  registerLegalRequestPages(app);
  registerIncidentPages(app);
  registerDocumentPages(app);
  registerStatisticsPages(app);
  registerStatisticsApi(app);
  registerTransparencyApi(app);
  registerGuidePages(app);
  registerGuidesApi(app);
  registerCodeOfConductPages(app);
  registerConductReportPages(app);
  registerConductReportApi(app);
  registerConductHandlingPages(app);
  registerConductHandlingApi(app);

  await app.ready();
  return app;
}
