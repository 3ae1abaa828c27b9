import type { PageContext } from '../../platform/html/page-context.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { RISK_LEVELS, type ProviderProfile } from './directory.model.ts';
import { directoryText } from './directory.messages.ts';
import type { StoredService } from './directory.repository.ts';
import { countryName, languageName } from './place-names.ts';

/** One line about a service: what it is, how to join, where it runs. */
export function ServiceSummary(props: { ctx: PageContext; service: StoredService }) {
  const m = directoryText[props.ctx.locale];
  const s = props.service;
  const registration = `${m.registrations[s.registration]}${s.registration !== 'none' && !s.registrationOpen ? ` (${m.registrationFull})` : ''}`;
  return (
    <span>
      <strong>{s.name}</strong> — {m.categories[s.category]}
      {s.softwareName && `, ${s.softwareName}`} · {registration}
      {s.freeOfCharge && ` · ${m.fields.freeOfCharge}`}
      {s.endToEndEncryption && ` · ${m.fields.endToEndEncryption}`}
      {s.status !== 'active' && ` · ${m.statuses[s.status]}`}
    </span>
  );
}

const orNot = (ctx: PageContext, value: string | null | undefined) => value || directoryText[ctx.locale].notStated;
const link = (url: string | null) => (url ? <a href={url} rel="nofollow noopener noreferrer">{url}</a> : null);

export function ProfileDetails(props: { ctx: PageContext; profile: ProviderProfile }) {
  const { ctx, profile: p } = props;
  const m = directoryText[ctx.locale];
  const f = m.fields;
  return (
    <dl class="facts">
      <dt>{f.structureType}</dt>
      <dd>{p.structureType ? m.structures[p.structureType] : m.notStated}</dd>
      <dt>{f.website}</dt>
      <dd>{link(p.website) ?? m.notStated}</dd>
      <dt>{f.contact}</dt>
      <dd>{orNot(ctx, p.contact)}</dd>
      <dt>{f.languages}</dt>
      <dd>{p.languages.length ? p.languages.map((l) => languageName(l, ctx.locale)).join(', ') : m.notStated}</dd>
      <dt>{f.countries}</dt>
      <dd>{p.countries.length ? p.countries.map((c) => countryName(c, ctx.locale)).join(', ') : m.notStated}</dd>
      <dt>{f.economicModel}</dt>
      <dd>{p.economicModel ? m.economicModels[p.economicModel] : m.notStated}</dd>
      <dt>{f.prices}</dt>
      <dd>{orNot(ctx, p.prices)}</dd>
      <dt>{f.termsUrl}</dt>
      <dd>{link(p.termsUrl) ?? m.notStated}</dd>
      <dt>{f.privacyUrl}</dt>
      <dd>{link(p.privacyUrl) ?? m.notStated}</dd>
      <dt>{f.infrastructure}</dt>
      <dd>
        {p.infrastructure ? m.infrastructures[p.infrastructure] : m.notStated} <span class="muted">({m.selfDeclared})</span>
      </dd>
      <dt>{f.hypervisorAccess}</dt>
      <dd>
        {orNot(ctx, p.hypervisorAccess)} <span class="muted">({m.selfDeclared})</span>
      </dd>
      <dt>{f.physicalHost}</dt>
      <dd>{orNot(ctx, p.physicalHost)}</dd>
      <dt>{f.onionAddress}</dt>
      <dd>{p.onionAddress ? <code>{p.onionAddress}</code> : m.notStated}</dd>
    </dl>
  );
}

export function FitnessDetails(props: { ctx: PageContext; profile: ProviderProfile }) {
  const m = directoryText[props.ctx.locale];
  return (
    <ul>
      {RISK_LEVELS.map((level) => {
        const f = props.profile.fitness[level];
        return (
          <li>
            <strong>{f.fit ? m.fitFor(m.riskLevels[level]) : m.notFitFor(m.riskLevels[level])}</strong>
            {f.explanation && `${m.sep}${f.explanation}`} <span class="muted">({m.selfDeclared})</span>
          </li>
        );
      })}
    </ul>
  );
}

export function ServiceTable(props: { ctx: PageContext; services: StoredService[]; manage: string | null }) {
  const { ctx } = props;
  const m = directoryText[ctx.locale];
  const f = m.fields;
  if (props.services.length === 0) return <p>{m.noServices}</p>;
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{f.name}</th>
            <th scope="col">{f.category}</th>
            <th scope="col">{f.softwareName}</th>
            <th scope="col">{f.registration}</th>
            <th scope="col">{f.price}</th>
            <th scope="col">{f.languages}</th>
            <th scope="col">{f.hostingCountry}</th>
            <th scope="col">{f.endToEndEncryption}</th>
            <th scope="col">{f.status}</th>
            {props.manage && <th scope="col"><span class="visually-hidden">{m.editService}</span></th>}
          </tr>
        </thead>
        <tbody>
          {props.services.map((s) => (
            <tr id={`service-${s.slug}`}>
              <th scope="row">
                {s.url ? <a href={s.url} rel="nofollow noopener noreferrer">{s.name}</a> : s.name}
                {s.onionAddress && (
                  <>
                    <br />
                    <code>{s.onionAddress}</code>
                  </>
                )}
              </th>
              <td>{m.categories[s.category]}</td>
              <td>
                {[s.softwareName, s.softwareVersion].filter(Boolean).join(' ')}
                {s.softwareLicence && ` (${s.softwareLicence})`}
                {s.sourceUrl && (
                  <>
                    {' '}
                    <a href={s.sourceUrl} rel="nofollow noopener noreferrer">
                      {f.sourceUrl}
                    </a>
                  </>
                )}
              </td>
              <td>
                {m.registrations[s.registration]}
                {s.registration !== 'none' && !s.registrationOpen && ` (${m.registrationFull})`}
              </td>
              <td>{s.freeOfCharge ? m.fields.freeOfCharge : s.price || m.notStated}</td>
              <td>{s.languages.map((l) => languageName(l, ctx.locale)).join(', ')}</td>
              <td>{s.hostingCountry ? countryName(s.hostingCountry, ctx.locale) : m.notStated}</td>
              <td>{s.endToEndEncryption ? m.yes : m.no}</td>
              <td>{m.statuses[s.status]}</td>
              {props.manage && (
                <td>
                  <a href={`${props.manage}/services/${s.slug}`}>
                    {m.editService}
                    <span class="visually-hidden"> {s.name}</span>
                  </a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Updated(props: { ctx: PageContext; at: string | null }) {
  if (!props.at) return null;
  return <p class="muted">{directoryText[props.ctx.locale].lastUpdated(formatDate(props.at, props.ctx.locale))}</p>;
}
