import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { errorResponses, Literals } from '../../platform/http/api-schemas.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { commonText } from '../../platform/i18n/common.messages.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { conductText } from './conduct.messages.ts';
import type { ConductReportsService, ReportContent } from './conduct-reports.service.ts';

export const TELL_BY = ['link', 'account', 'email'] as const;

/** Anonymous reports are limited per (hashed) address; counted after the schema, so a malformed request costs nothing. */
export const REPORT_LIMIT = { rateLimit: { max: 10, timeWindow: '1 hour', hook: 'preHandler' as const } };

/** What a reporter sends, by form or API, before it is checked. */
export interface ReportDraft {
  happened: string;
  when: string;
  where: string;
  involved: string;
  involvedAccounts: string[];
  witnesses: string;
  wants: string;
  exclude: string[];
  tellBy: string;
  email: string;
}

/**
 * Checks a report and sends it. Every problem is named at once; nothing is stored on refusal
 * (the service checks the accounts named before it writes anything).
 */
export async function sendReport(reports: ConductReportsService, draft: ReportDraft, viewer: Viewer | null): Promise<{ number: number; token: string }> {
  const problems: FieldProblem[] = [];
  const happened = draft.happened.trim();
  if (happened === '') problems.push({ field: 'happened', text: localized(conductText, (m) => m.errors.empty) });
  const tellBy = (TELL_BY as readonly string[]).includes(draft.tellBy) ? (draft.tellBy as ReportContent['tellBy']) : 'link';
  if (tellBy === 'account' && !viewer) problems.push({ field: 'tellBy', text: localized(conductText, (m) => m.errors.accountNeeded) });
  const email = draft.email.trim();
  if (tellBy === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push({ field: 'email', text: localized(conductText, (m) => m.errors.badEmail) });
  const team = await reports.team();
  const excluded: string[] = [];
  for (const username of new Set(draft.exclude.map((u) => u.trim()).filter(Boolean))) {
    const member = team.find((t) => t.username === username);
    if (member) excluded.push(member.id);
    else if (!problems.some((p) => p.field === 'exclude')) problems.push({ field: 'exclude', text: localized(conductText, (m) => m.errors.notTeam) });
  }
  if (problems.length > 0) throw new AppError('conduct_report_refused', 400, localized(commonText, (m) => m.errors.fixBelow), problems);
  const content: ReportContent = {
    happened,
    when: draft.when.trim(),
    where: draft.where.trim(),
    involved: draft.involved.trim(),
    witnesses: draft.witnesses.trim(),
    wants: draft.wants.trim(),
    tellBy,
    email: tellBy === 'email' ? email : null,
  };
  const involvedUsernames = [...new Set(draft.involvedAccounts.map((u) => u.trim()).filter(Boolean))];
  return reports.submit({ content, involvedUsernames, excluded }, viewer?.accountId ?? null);
}

const Words = (max: number, description?: string) => Type.Optional(Type.String({ maxLength: max, ...(description ? { description } : {}) }));
const Usernames = (description: string) => Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20, description }));

const ReportBody = Type.Object(
  {
    happened: Type.String({ minLength: 1, maxLength: 8000, pattern: '\\S', description: 'What happened' }),
    when: Words(500),
    where: Words(500, 'An event, an online space, a Haven page…'),
    involved: Words(2000, 'Who was involved, in words'),
    involvedAccounts: Usernames('Usernames of Haven accounts involved; a conduct-team member named here is recused automatically'),
    witnesses: Words(2000),
    wants: Words(2000, 'What the reporter would like to happen'),
    exclude: Usernames('Usernames of conduct-team members who must not read the report (GET /conduct/report lists them)'),
    tellBy: Type.Optional(Literals(TELL_BY)),
    email: Type.Optional(Type.String({ maxLength: 320, description: 'Where to tell the outcome when tellBy is "email"' })),
  },
  { additionalProperties: false },
);
const ReportCreated = Type.Object({
  number: Type.Integer(),
  followUpUrl: Type.String({ description: 'The secret follow-up link: shown only in this answer, never again' }),
});

/** Reporting a conduct problem from another tool: anonymous allowed, like the form. */
export function registerConductReportApi(app: FastifyInstance): void {
  const { conductReports, config } = app.haven;

  app.post(
    '/api/v1/conduct/reports',
    {
      schema: { tags: ['conduct'], summary: 'Report a conduct problem (no account needed); answers the secret follow-up link once', body: ReportBody, response: { 201: ReportCreated, ...errorResponses } },
      config: REPORT_LIMIT,
    },
    async (request, reply) => {
      const body = request.body as Static<typeof ReportBody>;
      const { number, token } = await sendReport(
        conductReports,
        {
          happened: body.happened,
          when: body.when ?? '',
          where: body.where ?? '',
          involved: body.involved ?? '',
          involvedAccounts: body.involvedAccounts ?? [],
          witnesses: body.witnesses ?? '',
          wants: body.wants ?? '',
          exclude: body.exclude ?? [],
          tellBy: body.tellBy ?? 'link',
          email: body.email ?? '',
        },
        request.viewer,
      );
      return reply.code(201).header('cache-control', 'no-store').send({ number, followUpUrl: new URL(`/conduct/follow/${token}`, config.publicUrl).toString() });
    },
  );
}
