import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Form } from '../../platform/html/form.tsx';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { directoryText } from './directory.messages.ts';
import { changerKind, requireProfileEditor, requireVisibleProfile } from './directory.policy.ts';
import { ServiceSlug } from './directory.schemas.ts';
import type { ChangedBy, ProviderRecord } from './directory.service.ts';
import { CanarySection, canaryFiles } from '../transparency/canary-view.tsx';
import { FollowControl } from './followers.pages.tsx';
import { canReadReferrals } from '../guidance/referrals.policy.ts';
import { referralsText } from '../guidance/referrals.messages.ts';
import { documentsText } from '../transparency/documents.messages.ts';
import { statisticsText } from '../transparency/statistics.messages.ts';
import { incidentsText } from '../transparency/incidents.messages.ts';
import { legalRequestsText } from '../transparency/legal-requests.messages.ts';
import { ClaimList } from './evidence/claims-view.tsx';
import { FederationStatus } from './federation/federation-view.tsx';
import { newService } from './service-defaults.ts';
import { ProfileFormBody, ProfileFormView, profileFromForm, ServiceFormBody, ServiceFormView, serviceFromForm, type ProfileForm, type ServiceForm } from './profile-form.tsx';
import { FitnessDetails, ProfileDetails, ServiceTable, Updated } from './provider-view.tsx';

const SlugParams = Type.Object({ slug: Slug });
const ServiceParams = Type.Object({ slug: Slug, service: ServiceSlug });

/** A provider's public profile, and the forms its delegates keep it with. */
export function registerProviderPages(app: FastifyInstance): void {
  const { directory, evidence, federation, membership, canaries, followers } = app.haven;
  const base = (slug: string) => `/directory/providers/${slug}`;

  /** Anyone sees a published profile; an unpublished one exists only for those who may edit it. */
  async function load(request: FastifyRequest): Promise<{ record: ProviderRecord; canEdit: boolean }> {
    const { slug } = request.params as { slug: string };
    const record = await directory.provider(slug);
    const { canEdit } = requireVisibleProfile(request.viewer, record);
    return { record, canEdit };
  }

  async function editor(request: FastifyRequest) {
    const { slug } = request.params as { slug: string };
    const record = await directory.provider(slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    const by: ChangedBy = { kind: changerKind(viewer, record.organisation.id), actor: { accountId: viewer.accountId, username: viewer.username } };
    return { record, by };
  }

  app.get('/directory/providers/:slug', { schema: { params: SlugParams } }, async (request, reply) => {
    const { record, canEdit } = await load(request);
    const ctx = request.pageContext();
    const m = directoryText[ctx.locale];
    const { organisation: o, profile } = record;
    const [claims, memberRow, source, canary, following] = await Promise.all([
      evidence.latest(o.id),
      membership.members().then((all) => all.find((x) => x.id === o.id)),
      canEdit ? federation.status(o.id) : Promise.resolve(null),
      canaries.status(o.id),
      request.viewer && record.published ? followers.isFollowing(o.id, request.viewer.accountId) : Promise.resolve(null),
    ]);
    return reply.page(
      o.name,
      <>
        <p class="muted">{memberRow ? m.memberSince(formatDate(memberRow.joined_at, ctx.locale)) : m.notMember}</p>
        {!record.published && <p class="notice">{m.notPublished}</p>}
        {canReadReferrals(request.viewer, o.id) && (
          <p>
            <a href={`${base(o.slug)}/referrals`}>{referralsText[ctx.locale].link}</a>
          </p>
        )}
        {canEdit && (
          <p>
            <a href={`${base(o.slug)}/edit`}>{m.editLink}</a> · <a href={`${base(o.slug)}/services/new`}>{m.addServiceLink}</a> · <a href={`${base(o.slug)}/federation`}>{m.federationLink}</a>
          </p>
        )}
        {profile.description && <p class="description">{profile.description}</p>}
        <ProfileDetails ctx={ctx} profile={profile} />
        <h2>{m.fields.fitness}</h2>
        <FitnessDetails ctx={ctx} profile={profile} />
        <h2>{m.servicesTitle}</h2>
        <ServiceTable ctx={ctx} services={record.services} manage={canEdit ? base(o.slug) : null} />
        <CanarySection ctx={ctx} status={canary} files={canaryFiles(o.slug)} manage={canEdit ? `${base(o.slug)}/canary` : null} />
        {record.published && (
          <div id="follow">
            <FollowControl ctx={ctx} slug={o.slug} following={following} />
          </div>
        )}
        <h2>{m.claimsTitle}</h2>
        <p>{m.claimsIntro}</p>
        <ClaimList ctx={ctx} evidence={claims} hasWebsite={profile.website !== null} />
        {canEdit && profile.website && (
          <Form ctx={ctx} action={`${base(o.slug)}/checks`}>
            <button type="submit">{m.runChecks}</button>
          </Form>
        )}
        {source && <FederationStatus ctx={ctx} status={source} slug={o.slug} />}
        <Updated ctx={ctx} at={record.updatedAt} />
        <p>
          <a href={`${base(o.slug)}/history`}>{m.historyLink}</a> · <a href={`${base(o.slug)}/legal-requests`}>{legalRequestsText[ctx.locale].link}</a> · <a href={`${base(o.slug)}/incidents`}>{incidentsText[ctx.locale].link}</a> · <a href={`${base(o.slug)}/documents`}>{documentsText[ctx.locale].link}</a> · <a href={`${base(o.slug)}/statistics`}>{statisticsText[ctx.locale].link}</a> · <a href={`/api/v1/providers/${o.slug}`} type="application/json">JSON</a> ·{' '}
          <a href={`/federation/librehost/${o.slug}.json`} type="application/json">librehost.json</a> ·{' '}
          <a href={`/federation/statoolinfos/organizations/${o.slug}.properties`} type="text/plain">StatoolInfos</a>
        </p>
      </>,
    );
  });

  app.post('/directory/providers/:slug/checks', { schema: { params: SlugParams } }, async (request, reply) => {
    const { record } = await editor(request);
    await evidence.check(record.organisation.id, record.profile.website);
    return reply.redirect(`${base(record.organisation.slug)}#claim-tls`, 303);
  });

  app.get('/directory/providers/:slug/edit', { schema: { params: SlugParams } }, async (request, reply) => {
    const { record } = await editor(request);
    const m = directoryText[request.locale];
    return reply.page(m.editTitle(record.organisation.name), <ProfileFormView ctx={request.pageContext()} action={`${base(record.organisation.slug)}/edit`} profile={record.profile} problems={[]} />);
  });

  app.post('/directory/providers/:slug/edit', { schema: { params: SlugParams, body: ProfileFormBody }, attachValidation: true }, async (request, reply) => {
    const { record, by } = await editor(request);
    const m = directoryText[request.locale];
    return submitForm<ProfileForm>(request, reply, {
      title: m.editTitle(record.organisation.name),
      render: (problems) => (
        <ProfileFormView ctx={request.pageContext()} action={`${base(record.organisation.slug)}/edit`} profile={profileFromForm((request.body ?? {}) as ProfileForm, false)} problems={problems} />
      ),
      run: async (body) => {
        await directory.saveProfile(record.organisation.slug, profileFromForm(body), by);
        return reply.redirect(base(record.organisation.slug), 303);
      },
    });
  });

  app.get('/directory/providers/:slug/services/new', { schema: { params: SlugParams } }, async (request, reply) => {
    const { record } = await editor(request);
    const m = directoryText[request.locale];
    return reply.page(m.newServiceTitle(record.organisation.name), <ServiceFormView ctx={request.pageContext()} action={`${base(record.organisation.slug)}/services/new`} service={newService()} problems={[]} />);
  });

  app.post('/directory/providers/:slug/services/new', { schema: { params: SlugParams, body: ServiceFormBody }, attachValidation: true }, async (request, reply) => {
    const { record, by } = await editor(request);
    const m = directoryText[request.locale];
    return submitForm<ServiceForm>(request, reply, {
      title: m.newServiceTitle(record.organisation.name),
      render: (problems) => (
        <ServiceFormView ctx={request.pageContext()} action={`${base(record.organisation.slug)}/services/new`} service={serviceFromForm((request.body ?? {}) as ServiceForm, false)} problems={problems} />
      ),
      run: async (body) => {
        const slug = await directory.addService(record.organisation.slug, serviceFromForm(body), by);
        return reply.redirect(`${base(record.organisation.slug)}#service-${slug}`, 303);
      },
    });
  });

  app.get('/directory/providers/:slug/services/:service', { schema: { params: ServiceParams } }, async (request, reply) => {
    const { record } = await editor(request);
    const ctx = request.pageContext();
    const m = directoryText[ctx.locale];
    const { service: serviceSlug } = request.params as Static<typeof ServiceParams>;
    const service = record.services.find((s) => s.slug === serviceSlug);
    if (!service) throw AppError.notFound();
    const action = `${base(record.organisation.slug)}/services/${service.slug}`;
    return reply.page(
      m.editServiceTitle(service.name),
      <>
        <ServiceFormView ctx={ctx} action={action} service={service} problems={[]} />
        <Form ctx={ctx} action={`${action}/remove`}>
          <button type="submit" class="danger">
            {m.removeServiceConfirm(service.name)}
          </button>
        </Form>
      </>,
    );
  });

  app.post('/directory/providers/:slug/services/:service', { schema: { params: ServiceParams, body: ServiceFormBody }, attachValidation: true }, async (request, reply) => {
    const { record, by } = await editor(request);
    const { service: serviceSlug } = request.params as Static<typeof ServiceParams>;
    const service = record.services.find((s) => s.slug === serviceSlug);
    if (!service) throw AppError.notFound();
    const action = `${base(record.organisation.slug)}/services/${service.slug}`;
    return submitForm<ServiceForm>(request, reply, {
      title: directoryText[request.locale].editServiceTitle(service.name),
      render: (problems) => <ServiceFormView ctx={request.pageContext()} action={action} service={serviceFromForm((request.body ?? {}) as ServiceForm, false)} problems={problems} />,
      run: async (body) => {
        await directory.updateService(record.organisation.slug, service.slug, serviceFromForm(body), by);
        return reply.redirect(`${base(record.organisation.slug)}#service-${service.slug}`, 303);
      },
    });
  });

  app.post('/directory/providers/:slug/services/:service/remove', { schema: { params: ServiceParams } }, async (request, reply) => {
    const { record, by } = await editor(request);
    await directory.removeService(record.organisation.slug, (request.params as Static<typeof ServiceParams>).service, by);
    return reply.redirect(base(record.organisation.slug), 303);
  });
}
