import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { requireSteward } from '../accounts/accounts.policy.ts';
import { Csrf, Username } from '../accounts/accounts.schemas.ts';
import { actorOf } from '../accounts/viewer.ts';
import { organisationsText } from '../organisations/organisations.messages.ts';
import { OrganisationKindName, OrganisationName, OrganisationRoleName, Slug } from '../organisations/organisations.schemas.ts';
import { ORGANISATION_KINDS, ORGANISATION_ROLES } from '../organisations/organisations.table.ts';
import { adminText } from './admin.messages.ts';

const CreateBody = Type.Object({ _csrf: Csrf, slug: Slug, name: OrganisationName, kind: OrganisationKindName });
const MemberBody = Type.Object({ _csrf: Csrf, member: Username, role: OrganisationRoleName });
const Params = Type.Object({ slug: Slug });

export function registerAdminOrganisationPages(app: FastifyInstance): void {
  const { organisations, accounts } = app.haven;

  async function page(ctx: PageContext, problems: FieldProblem[], problemSlug?: string) {
    const m = adminText[ctx.locale];
    const o = organisationsText[ctx.locale];
    const list = await organisations.list();
    const members = await Promise.all(list.map((org) => organisations.members(org.id)));
    return (
      <>
        {list.map((org, i) => (
          <section aria-labelledby={`org-${org.slug}`}>
            <h2 id={`org-${org.slug}`}>
              {org.name} <span class="muted">({org.slug}, {o.kinds[org.kind]})</span>
            </h2>
            <h3>{m.members}</h3>
            <ul>
              {members[i]!.map((p) => (
                <li>
                  {p.username} — {o.roles[p.role]}
                </li>
              ))}
            </ul>
            <Form ctx={ctx} action={`/admin/organisations/${org.slug}/members`}>
              <Field ctx={ctx} name="member" id={`field-member-${org.slug}`} label={`${m.addMember}: ${o.fields.member}`} required problems={problemSlug === org.slug ? problems : []} />
              <Select ctx={ctx} name="role" id={`field-role-${org.slug}`} label={o.fields.role} options={ORGANISATION_ROLES.map((r) => ({ value: r, label: o.roles[r] }))} />
              <button type="submit">{m.addMember}</button>
            </Form>
          </section>
        ))}
        <h2>{m.createOrganisation}</h2>
        <ProblemSummary ctx={ctx} problems={problemSlug ? [] : problems} />
        <Form ctx={ctx} action="/admin/organisations">
          <Field ctx={ctx} name="name" label={o.fields.name} required problems={problemSlug ? [] : problems} />
          <Field ctx={ctx} name="slug" label={o.fields.slug} required problems={problemSlug ? [] : problems} />
          <Select ctx={ctx} name="kind" label={o.fields.kind} options={ORGANISATION_KINDS.map((k) => ({ value: k, label: o.kinds[k] }))} problems={problems} />
          <button type="submit">{m.createOrganisation}</button>
        </Form>
      </>
    );
  }

  app.get('/admin/organisations', async (request, reply) => {
    requireSteward(request.viewer);
    return reply.page(adminText[request.locale].organisations, await page(request.pageContext(), []));
  });

  app.post('/admin/organisations', { schema: { body: CreateBody }, attachValidation: true }, async (request, reply) => {
    const steward = requireSteward(request.viewer);
    return submitForm<Static<typeof CreateBody>>(request, reply, {
      title: adminText[request.locale].organisations,
      render: (problems) => page(request.pageContext(), problems),
      run: async (body) => {
        await organisations.create({ slug: body.slug, name: body.name, kind: body.kind }, actorOf(steward));
        return reply.redirect('/admin/organisations', 303);
      },
    });
  });

  app.post('/admin/organisations/:slug/members', { schema: { params: Params, body: MemberBody }, attachValidation: true }, async (request, reply) => {
    const steward = requireSteward(request.viewer);
    const { slug } = request.params as Static<typeof Params>;
    const organisation = await organisations.getBySlug(slug);
    return submitForm<Static<typeof MemberBody>>(request, reply, {
      title: adminText[request.locale].organisations,
      render: (problems) => page(request.pageContext(), problems, slug),
      run: async (body) => {
        const account = await accounts.findByUsername(body.member).catch(() => {
          throw AppError.field('no_such_account', 'member', localized(organisationsText, (m) => m.errors.noSuchAccount), 404);
        });
        await organisations.addMember(organisation.id, account.id, body.role, actorOf(steward));
        return reply.redirect('/admin/organisations', 303);
      },
    });
  });
}
