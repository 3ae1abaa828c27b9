import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { formatDate } from '../../platform/i18n/locale.ts';
import { CharterView, DiffView } from './charter-view.tsx';
import { charterText } from './charter.messages.ts';
import { VersionParams } from './charter.schemas.ts';
import { templateByKey } from './templates/index.ts';

export function registerCharterPages(app: FastifyInstance): void {
  const { charter } = app.haven;

  app.get('/charter', async (request, reply) => {
    const m = charterText[request.locale];
    const current = await charter.current();
    if (!current) return reply.page(m.title, <p>{m.none}</p>);
    const template = templateByKey(current.basedOn);
    return reply.header('cache-control', 'no-cache').page(
      current.content.name[request.locale],
      <>
        <p class="muted">
          {m.version(current.version, formatDate(current.adoptedAt, request.locale))}
          {template ? ` · ${m.basedOn(template.name[request.locale])}` : ''} · <a href="/charter/history">{m.historyLink}</a>
        </p>
        <CharterView content={current.content} locale={request.locale} />
      </>,
    );
  });

  app.get('/charter/history', async (request, reply) => {
    const m = charterText[request.locale];
    const versions = await charter.history();
    return reply.page(
      m.historyTitle,
      versions.length === 0 ? (
        <p>{m.historyEmpty}</p>
      ) : (
        <ol reversed>
          {versions.map((v) => (
            <li>
              {m.version(v.version, formatDate(v.adoptedAt, request.locale))}
              {v.note && <> — {v.note}</>} · <a href={`/charter/versions/${v.version}`}>{m.view}</a> · <a href={`/charter/versions/${v.version}/changes`}>{m.changesLink}</a>
            </li>
          ))}
        </ol>
      ),
    );
  });

  app.get('/charter/versions/:version', { schema: { params: VersionParams } }, async (request, reply) => {
    const { version } = request.params as Static<typeof VersionParams>;
    const found = await charter.version(version);
    const m = charterText[request.locale];
    return reply.page(
      `${found.content.name[request.locale]} — ${m.version(found.version, formatDate(found.adoptedAt, request.locale))}`,
      <>
        <p>
          <a href={`/charter/versions/${version}/changes`}>{m.changesLink}</a> · <a href="/charter/history">{m.historyLink}</a>
        </p>
        <CharterView content={found.content} locale={request.locale} />
      </>,
    );
  });

  app.get('/charter/versions/:version/changes', { schema: { params: VersionParams } }, async (request, reply) => {
    const { version } = request.params as Static<typeof VersionParams>;
    const { version: found, diff } = await charter.changesIn(version);
    const m = charterText[request.locale];
    return reply.page(
      m.changesTitle(version),
      <>
        {found.note && (
          <p>
            {m.note}: {found.note}
          </p>
        )}
        <DiffView diff={diff} locale={request.locale} />
        <p>
          <a href={`/charter/versions/${version}`}>{m.view}</a>
        </p>
      </>,
    );
  });
}
