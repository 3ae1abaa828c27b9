import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearerSecurity, errorResponses, Literals, Nullable } from '../../platform/http/api-schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { conductHandlingText } from './conduct-handling.messages.ts';
import { NAMINGS, decisionOf, type Naming } from './conduct-handling.service.ts';
import { OUTCOMES, REPORT_STATUSES, type Outcome } from './conduct.table.ts';

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }) });
const Summary = Type.Object({ number: Type.Integer(), status: Literals(REPORT_STATUSES), createdAt: Type.String(), acknowledgedAt: Nullable(Type.String()), closedAt: Nullable(Type.String()) });
const Text = Type.String();
const ReportJson = Type.Object({
  ...Summary.properties,
  content: Nullable(Type.Object({ happened: Text, when: Text, where: Text, involved: Text, witnesses: Text, wants: Text, tellBy: Text }, { description: 'Null once deleted after the retention period' })),
  involvedAccounts: Type.Array(Type.String(), { description: 'Account ids the reporter named as involved' }),
  entries: Type.Array(Type.Object({ kind: Text, author: Type.String({ description: '`reporter` or a handler’s account id' }), body: Text, at: Text })),
  decision: Nullable(Type.Object({ outcome: Text, reasons: Text, subjectAccountId: Nullable(Text), suspendedUntil: Nullable(Text), naming: Text, namesHarmed: Type.Boolean(), harmedConsentOn: Nullable(Text), reinstatedAt: Nullable(Text) })),
  accessTrail: Type.Array(Type.Object({ action: Text, at: Text, username: Nullable(Text) })),
});
const Body = Type.String({ maxLength: 10000 });
const STEPS = ['acknowledge', 'note', 'message', 'decision', 'follow-up', 'close', 'recuse'] as const;
const EntryBody = Type.Object(
  {
    kind: Literals(STEPS),
    body: Type.Optional(Body),
    outcome: Type.Optional(Literals(OUTCOMES)),
    reasons: Type.Optional(Body),
    subjectAccountId: Type.Optional(Type.String({ maxLength: 64 })),
    suspendedUntil: Type.Optional(Type.String({ maxLength: 30, pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?Z)?$', description: 'ISO-8601 day or UTC instant' })),
    naming: Type.Optional(Literals(NAMINGS)),
    namesHarmed: Type.Optional(Type.Boolean()),
    harmedConsentOn: Type.Optional(Type.String({ maxLength: 10, pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' })),
  },
  {
    additionalProperties: false,
    description: 'One step of handling: acknowledge, note (handlers only; body), message (to the reporter; body), decision (outcome, reasons, subjectAccountId, suspendedUntil, naming, namesHarmed, harmedConsentOn), follow-up (body), close, or recuse (step aside: the report disappears for you).',
  },
);

/** The conduct team's side through the JSON API: the same one access rule as the pages; to anyone else there are no reports. */
export function registerConductHandlingApi(app: FastifyInstance): void {
  const { conductReports, conductHandling } = app.haven;
  const tags = ['conduct'];

  app.get(
    '/api/v1/conduct/reports',
    { schema: { tags, security: bearerSecurity, summary: 'The code-of-conduct reports you may handle (an empty list for anyone else, never a refusal)', response: { 200: Type.Array(Summary), ...errorResponses } } },
    async (request) =>
      (await conductReports.visibleTo(request.viewer)).map((r) => ({ number: r.number, status: r.status, createdAt: r.created_at, acknowledgedAt: r.acknowledged_at, closedAt: r.closed_at })),
  );

  async function reportJson(viewer: Parameters<typeof conductReports.forHandler>[0], number: number, action: string) {
    const { report } = await conductReports.forHandler(viewer, number, action);
    const entries = await conductReports.entries(report, 'handler');
    const decision = entries.find((e) => e.kind === 'decision');
    const { email: _email, ...content } = report.content ?? { email: null };
    return {
      number: report.number,
      status: report.status,
      createdAt: report.createdAt,
      acknowledgedAt: report.acknowledgedAt,
      closedAt: report.closedAt,
      content: report.content ? (content as Static<typeof ReportJson>['content']) : null,
      involvedAccounts: report.involvedAccounts,
      entries,
      decision: decision ? decisionOf(decision.body) : null,
      accessTrail: await conductReports.accessTrail(report),
    };
  }

  app.get(
    '/api/v1/conduct/reports/:number',
    { schema: { tags, security: bearerSecurity, params: NumberParams, summary: 'One report, for its handlers (not found for anyone else); the reading is written in its access trail', response: { 200: ReportJson, ...errorResponses } } },
    async (request) => reportJson(request.viewer, (request.params as Static<typeof NumberParams>).number, 'read'),
  );

  app.post(
    '/api/v1/conduct/reports/:number/entries',
    { schema: { tags, security: bearerSecurity, params: NumberParams, body: EntryBody, summary: 'Take one step of handling a report you may handle', response: { 200: ReportJson, 204: Type.Null({ description: 'Recused: the report is no longer yours to see' }), ...errorResponses } } },
    async (request, reply) => {
      const { number } = request.params as Static<typeof NumberParams>;
      const body = request.body as Static<typeof EntryBody>;
      const viewer = request.viewer;
      switch (body.kind) {
        case 'acknowledge':
          await conductHandling.acknowledge(viewer, number);
          break;
        case 'close':
          await conductHandling.close(viewer, number);
          break;
        case 'recuse':
          await conductReports.recuse(viewer, number);
          // Stepped aside: from now on the report is not found for them, here too.
          return reply.code(204).send();
        case 'note':
          await conductHandling.note(viewer, number, body.body ?? '');
          break;
        case 'message':
          await conductHandling.message(viewer, number, body.body ?? '');
          break;
        case 'follow-up':
          await conductHandling.followUp(viewer, number, body.body ?? '');
          break;
        case 'decision':
          if (!body.outcome) throw AppError.field('conduct_outcome', 'outcome', localized(conductHandlingText, (m) => m.errors.outcome));
          await conductHandling.decide(viewer, number, {
            outcome: body.outcome as Outcome,
            reasons: body.reasons ?? '',
            subjectAccountId: body.subjectAccountId ?? null,
            suspendedUntil: body.suspendedUntil ?? null,
            naming: (body.naming ?? 'none') as Naming,
            namesHarmed: body.namesHarmed ?? false,
            harmedConsentOn: body.harmedConsentOn ?? null,
          });
          break;
      }
      return reportJson(viewer, number, 'read');
    },
  );
}
