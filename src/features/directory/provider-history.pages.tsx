import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { PageContext } from '../../platform/html/page-context.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { directoryText } from './directory.messages.ts';
import { requireVisibleProfile } from './directory.policy.ts';
import { changesBetween, type ProfileChange } from './profile-history.ts';

const SlugParams = Type.Object({ slug: Slug });

function shown(ctx: PageContext, value: unknown): string {
  const m = directoryText[ctx.locale];
  if (value === null || value === undefined || value === '') return m.empty;
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (Array.isArray(value)) return value.length ? value.join(', ') : m.empty;
  if (typeof value === 'object') {
    // Fitness: one word per level.
    return Object.entries(value as Record<string, { fit: boolean }>)
      .map(([level, f]) => `${m.riskLevels[level as 'low'] ?? level} ${f.fit ? m.yes : m.no}`)
      .join(', ');
  }
  return String(value);
}

export function changeText(ctx: PageContext, change: ProfileChange): string {
  const m = directoryText[ctx.locale];
  switch (change.kind) {
    case 'profile':
      return m.changes.profile(m.fields[change.field], shown(ctx, change.before), shown(ctx, change.after));
    case 'service':
      return m.changes.service(change.service, m.fields[change.field], shown(ctx, change.before), shown(ctx, change.after));
    case 'service-added':
      return m.changes.serviceAdded(change.service);
    case 'service-removed':
      return m.changes.serviceRemoved(change.service);
  }
}

/** Every change to a profile: the public sees what changed and by which kind of person; delegates also see who. */
export function registerProviderHistoryPages(app: FastifyInstance): void {
  const { directory } = app.haven;
  app.get('/directory/providers/:slug/history', { schema: { params: SlugParams } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const record = await directory.provider(slug);
    const { canEdit } = requireVisibleProfile(request.viewer, record);
    const ctx = request.pageContext();
    const m = directoryText[ctx.locale];
    const revisions = await directory.history(record.organisation.id);
    return reply.page(
      m.historyTitle(record.organisation.name),
      <>
        <p>{m.historyIntro}</p>
        <p>
          <a href={`/directory/providers/${slug}`}>{record.organisation.name}</a>
        </p>
        <ol reversed class="history">
          {revisions.map((r) => {
            const changes = changesBetween(r.previous, r.snapshot);
            return (
              <li id={`revision-${r.number}`}>
                <h2>
                  {m.revision(r.number)} — {formatDateTime(r.at, ctx.locale)}
                </h2>
                <p class="muted">
                  {m.changedBy[r.changedByKind]}
                  {canEdit && r.username && ` (${r.username})`}
                </p>
                {r.previous === null ? (
                  <p>{m.firstRevision}</p>
                ) : changes.length === 0 ? (
                  <p>{m.noChange}</p>
                ) : (
                  <ul>
                    {changes.map((c) => (
                      <li>{changeText(ctx, c)}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      </>,
    );
  });
}
