import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { Form, Select } from '../../platform/html/form.tsx';
import { formatDate } from '../../platform/i18n/locale.ts';
import { requireSteward } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { organisationsText } from '../organisations/organisations.messages.ts';
import { departuresText } from './departures.messages.ts';
import { applicationAccess } from './membership.policy.ts';
import { membershipText } from './membership.messages.ts';
import { reconfirmationText } from './reconfirmation.messages.ts';

const FoundingBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 100 })), organisation: Type.String({ minLength: 1, maxLength: 64 }) });

/** The public face of membership: how to join, who the members are, and every decision taken. */
export function registerMembershipPages(app: FastifyInstance): void {
  const { membership, applications, review, config, organisations, charter, reconfirmation } = app.haven;

  app.get('/membership', async (request, reply) => {
    const m = membershipText[request.locale];
    const ctx = request.pageContext();
    const viewer = request.viewer;
    const members = await membership.memberOrganisationIds();
    const eligible = (viewer?.memberships ?? []).filter((x) => x.role === 'delegate' && x.kind !== 'partner' && !members.has(x.organisationId));
    const delegateOf = (viewer?.memberships ?? []).filter((x) => x.role === 'delegate' && members.has(x.organisationId));
    const d = departuresText[request.locale];
    const r = reconfirmationText[request.locale];
    const visible = (await applications.list(['draft', 'in-review'])).filter((a) => applicationAccess(viewer, a, members).see);
    return reply.page(
      m.title,
      <>
        <p>{m.intro}</p>
        <ul>
          <li><a href="/charter">{m.readCharter}</a></li>
          <li><a href="/membership/members">{m.membersLink}</a></li>
          <li><a href="/membership/decisions">{m.decisionsLink}</a></li>
          <li><a href="/meetings">{m.meetingsLink}</a></li>
          <li><a href="/membership/evaluations">{m.evaluationsLink}</a></li>
          <li><a href="/membership/departures">{d.departuresLink}</a></li>
          {viewer && <li><a href="/membership/breach">{d.breachCasesLink}</a></li>}
        </ul>
        {delegateOf.length > 0 && (
          <ul>
            {delegateOf.map((org) => (
              <>
                <li><a href={`/membership/reconfirm/${org.slug}`}>{r.reconfirmFor(org.name)}</a></li>
                <li><a href={`/membership/leave/${org.slug}`}>{d.leaveFor(org.name)}</a></li>
              </>
            ))}
          </ul>
        )}
        {eligible.map((org) => (
          <Form ctx={ctx} action={`/membership/apply/${org.slug}`}>
            <button type="submit">{m.startFor(org.name)}</button>
          </Form>
        ))}
        {viewer && (
          <>
            <h2>{m.yourApplications}</h2>
            {visible.length === 0 ? (
              <p>{m.noApplications}</p>
            ) : (
              <ul>
                {visible.map((a) => (
                  <li>
                    <a href={`/membership/applications/${a.number}`}>{m.applicationTitle(a.number, a.organisation.name)}</a> — {m.states[a.state]}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </>,
    );
  });

  app.get('/membership/members', async (request, reply) => {
    const m = membershipText[request.locale];
    const o = organisationsText[request.locale];
    const r = reconfirmationText[request.locale];
    const [list, statuses] = await Promise.all([membership.members(), reconfirmation.statuses()]);
    return reply.page(
      m.membersTitle,
      list.length === 0 ? (
        <p>{m.noMembers}</p>
      ) : (
        <ul>
          {list.map((x) => (
            <li>
              {x.name} — {o.kinds[x.kind]}, {m.memberSince(formatDate(x.joined_at, request.locale))}, {r.confirmedVersion(Number(x.confirmed_version))}
              {statuses.get(x.id)?.lapsed && <strong> — {r.lapsedFlag}</strong>}
            </li>
          ))}
        </ul>
      ),
    );
  });

  app.get('/membership/decisions', async (request, reply) => {
    const m = membershipText[request.locale];
    const list = await review.decisions();
    return reply.page(
      m.decisionsTitle,
      list.length === 0 ? (
        <p>{m.noDecisions}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{m.organisation}</th>
              <th scope="col">{m.decision}</th>
              <th scope="col">{m.reason}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr>
                <td>{d.number}</td>
                <td>{d.name}</td>
                <td>
                  {m.outcomes[d.outcome!]}, {formatDate(d.decided_at!, request.locale)}
                </td>
                <td>{d.decision_reason ?? m.automaticReason(config.requiredSupports)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ),
    );
  });

  app.get('/admin/membership', async (request, reply) => {
    requireSteward(request.viewer);
    const m = membershipText[request.locale];
    const members = await membership.memberOrganisationIds();
    const candidates = (await organisations.list()).filter((o) => o.kind !== 'partner' && !members.has(o.id));
    return reply.page(
      m.foundingTitle,
      <>
        <p>{m.foundingIntro}</p>
        <Form ctx={request.pageContext()} action="/admin/membership/founding">
          <Select ctx={request.pageContext()} name="organisation" label={m.organisation} options={candidates.map((o) => ({ value: o.slug, label: o.name }))} />
          <button type="submit">{m.recordFounding}</button>
        </Form>
      </>,
    );
  });

  app.post('/admin/membership/founding', { schema: { body: FoundingBody } }, async (request, reply) => {
    const steward = requireSteward(request.viewer);
    const organisation = await organisations.getBySlug((request.body as Static<typeof FoundingBody>).organisation);
    const current = await charter.current();
    await membership.admit(organisation.id, 'founding', current?.version ?? 0, actorOf(steward));
    return reply.redirect('/membership/members', 303);
  });
}
