import type { FastifyInstance } from 'fastify';
import { formatDate } from '../../platform/i18n/locale.ts';
import { AppError } from '../../platform/http/errors.ts';
import { canaryText } from './canary.messages.ts';
import { COALITION_CANARY } from './canary.table.ts';
import { CanarySection, canaryFiles } from './canary-view.tsx';
import { coalitionTransparencyText } from './coalition-transparency.messages.ts';

/** The coalition's own transparency: its canary, signed with the key Haven holds, and its incident journal. */
export function registerCoalitionTransparencyPages(app: FastifyInstance): void {
  const { canaries } = app.haven;

  app.get('/transparency', async (request, reply) => {
    const ctx = request.pageContext();
    const m = coalitionTransparencyText[ctx.locale];
    const [status, history] = await Promise.all([canaries.status(COALITION_CANARY), canaries.history(COALITION_CANARY)]);
    return reply.page(
      m.title,
      <>
        <p>{m.intro}</p>
        <CanarySection ctx={ctx} status={status} files={canaryFiles(null)} manage={null} title={canaryText[ctx.locale].coalitionTitle} />
        <p>{canaryText[ctx.locale].coalitionIntro}</p>
        {ctx.viewer?.isSteward && <p class="muted">{m.signHint}</p>}
        {history.length > 1 && (
          <>
            <h2>{m.historyTitle}</h2>
            <ol reversed>
              {history.slice(1).map((h) => (
                <li>{m.published(formatDate(h.statement_date, ctx.locale), formatDate(h.next_update, ctx.locale))}</li>
              ))}
            </ol>
          </>
        )}
        <ul>
          <li>
            <a href="/incidents">{m.incidentsLink}</a>
          </li>
          <li>
            <a href="/directory">{m.providersLink}</a>
          </li>
        </ul>
      </>,
    );
  });

  app.get('/canary.txt', async (_request, reply) => {
    const text = await canaries.latestSignedText(COALITION_CANARY);
    if (!text) throw AppError.notFound();
    // Exactly as signed: a changed byte would break gpg --verify.
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(text);
  });

  app.get('/canary-key.asc', async (_request, reply) => {
    const key = await canaries.key(COALITION_CANARY);
    if (!key) throw AppError.notFound();
    return reply.type('text/plain; charset=utf-8').send(key.armored);
  });
}
