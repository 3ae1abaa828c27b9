import type { FastifyInstance } from 'fastify';
import { Form } from '../../platform/html/form.tsx';
import { defineMessages, formatDateTime } from '../../platform/i18n/locale.ts';
import { requireViewer } from './accounts.policy.ts';

const inboxText = defineMessages({
  en: { title: 'Notifications', none: 'Nothing for you yet.', markRead: 'Mark everything as read', unread: 'new' },
  fr: { title: 'Notifications', none: 'Rien pour vous pour l’instant.', markRead: 'Tout marquer comme lu', unread: 'nouveau' },
});

export function registerInboxPages(app: FastifyInstance): void {
  const { inbox } = app.haven;

  app.get('/notifications', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const m = inboxText[request.locale];
    const items = await inbox.list(viewer.accountId);
    return reply.page(
      m.title,
      items.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <>
          <Form ctx={request.pageContext()} action="/notifications/read">
            <button type="submit">{m.markRead}</button>
          </Form>
          <ul class="notifications">
            {items.map((n) => (
              <li>
                <h2>
                  {!n.read && <span class="level required">{m.unread}</span>} {n.subject}
                </h2>
                <p class="muted">{formatDateTime(n.createdAt, request.locale)}</p>
                {n.text.split('\n').filter(Boolean).map((line) => (/^https?:\/\//.test(line) ? <p><a href={new URL(line).pathname}>{line}</a></p> : <p>{line}</p>))}
              </li>
            ))}
          </ul>
        </>
      ),
    );
  });

  app.post('/notifications/read', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    await inbox.markAllRead(viewer.accountId);
    return reply.redirect('/notifications', 303);
  });
}
