import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { Form } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { requireFollower } from './directory.policy.ts';
import { followersText } from './followers.messages.ts';

const SlugParams = Type.Object({ slug: Slug });

/** The follow button on a profile: a form, so it works without JavaScript. */
export function FollowControl(props: { ctx: PageContext; slug: string; following: boolean | null }) {
  const { ctx, slug, following } = props;
  const m = followersText[ctx.locale];
  if (following === null) {
    return (
      <p class="muted">
        <a href={`/login?next=${encodeURIComponent(`/directory/providers/${slug}`)}`}>{m.logInToFollow}</a>
      </p>
    );
  }
  return (
    <Form ctx={ctx} action={`/directory/providers/${slug}/${following ? 'unfollow' : 'follow'}`} class="follow">
      <p class="muted">{following ? m.following : m.followHint}</p>
      <button type="submit">{following ? m.unfollow : m.follow}</button>
    </Form>
  );
}

/** Following providers: asked for by a person, seen by that person only. */
export function registerFollowerPages(app: FastifyInstance): void {
  const { directory, followers } = app.haven;

  async function target(request: FastifyRequest) {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    const viewer = requireFollower(request.viewer, record);
    return { viewer, organisation: record.organisation };
  }

  app.post('/directory/providers/:slug/follow', { schema: { params: SlugParams } }, async (request, reply) => {
    const { viewer, organisation } = await target(request);
    await followers.follow(organisation.id, viewer.accountId);
    return reply.redirect(`/directory/providers/${organisation.slug}#follow`, 303);
  });

  app.post('/directory/providers/:slug/unfollow', { schema: { params: SlugParams } }, async (request, reply) => {
    const { viewer, organisation } = await target(request);
    await followers.unfollow(organisation.id, viewer.accountId);
    return reply.redirect(`/directory/providers/${organisation.slug}#follow`, 303);
  });

  app.get('/account/following', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const ctx = request.pageContext();
    const m = followersText[ctx.locale];
    const list = await followers.followedBy(viewer.accountId);
    return reply.page(
      m.title,
      <>
        <p>{m.intro}</p>
        {list.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <ul>
            {list.map((f) => (
              <li>
                <a href={`/directory/providers/${f.slug}`}>{f.name}</a> ({m.since(formatDate(f.followed_at, ctx.locale))})
                <Form ctx={ctx} action={`/directory/providers/${f.slug}/unfollow`} class="inline">
                  <button type="submit">{m.unfollow}</button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });
}
