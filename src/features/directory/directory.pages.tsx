import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { RISK_LEVELS, SERVICE_CATEGORIES } from './directory.model.ts';
import { directoryText } from './directory.messages.ts';
import { CountryCode, LanguageCode, SearchQuery, ServiceCategoryName } from './directory.schemas.ts';
import { filtersFrom, searchHref } from './search-filters.ts';
import type { MatchReason, SearchFilters, SearchResult } from './search-index.ts';
import { countryName, languageName } from './place-names.ts';
import { excerpt } from './provider-presenter.ts';
import { ServiceSummary } from './provider-view.tsx';

const OpenNowQuery = Type.Object({
  service: Type.Optional(Type.Union([Type.Literal(''), ServiceCategoryName])),
  language: Type.Optional(Type.Union([Type.Literal(''), LanguageCode])),
  country: Type.Optional(Type.Union([Type.Literal(''), CountryCode])),
  free: Type.Optional(Type.Boolean()),
});

/** The public directory: faceted search and the list of services open now. */
export function registerDirectoryPages(app: FastifyInstance): void {
  const { directorySearch } = app.haven;

  app.get('/directory', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const m = directoryText[request.locale];
    const filters = filtersFrom(request.query as Static<typeof SearchQuery>);
    const [result, everything] = await Promise.all([directorySearch.search(filters), directorySearch.search(filtersFrom({}))]);
    return reply.page(
      m.title,
      <>
        <p>{m.intro}</p>
        <p>
          <a href="/directory/open">{m.openNowLink}</a> · <a href="/open-data">{m.openDataLink}</a> · <a href="/incidents">{m.coalitionIncidentsLink}</a>
        </p>
        <SearchForm ctx={request.pageContext()} filters={filters} options={everything.facets} />
        <Results request={request} filters={filters} result={result} />
      </>,
    );
  });

  app.get('/directory/open', { schema: { querystring: OpenNowQuery } }, async (request, reply) => {
    const m = directoryText[request.locale];
    const ctx = request.pageContext();
    const query = request.query as Static<typeof OpenNowQuery>;
    const filters = { service: query.service || null, language: query.language || null, country: query.country || null, free: query.free ?? false };
    const index = await directorySearch.index();
    const rows = index.openServices(filters);
    const options = (await directorySearch.search(filtersFrom({}))).facets;
    return reply.page(
      m.openNowTitle,
      <>
        <p>{m.openNowIntro}</p>
        <form method="get" action="/directory/open" class="search">
          <CategorySelect ctx={ctx} value={filters.service} />
          <CodeSelect ctx={ctx} name="language" label={m.languageLabel} value={filters.language} codes={options.languages.map(([c]) => c)} naming={languageName} />
          <CodeSelect ctx={ctx} name="country" label={m.countryLabel} value={filters.country} codes={options.countries.map(([c]) => c)} naming={countryName} />
          <label class="choice" for="open-free">
            <input type="checkbox" id="open-free" name="free" value="true" checked={filters.free} /> {m.freeOnly}
          </label>
          <button type="submit">{m.search}</button>
        </form>
        <h2>{m.openNowCount(rows.length)}</h2>
        {rows.length === 0 && <p>{m.openNowNone}</p>}
        <ul class="results">
          {rows.slice(0, 200).map(({ provider, service }) => (
            <li>
              <ServiceSummary ctx={ctx} service={service} /> — <a href={`/directory/providers/${provider.slug}`}>{provider.name}</a>
            </li>
          ))}
        </ul>
      </>,
    );
  });
}

function CategorySelect(props: { ctx: PageContext; value: string | null }) {
  const m = directoryText[props.ctx.locale];
  return (
    <div class="field">
      <label for="field-service">{m.serviceLabel}</label>
      <select id="field-service" name="service">
        <option value="">{m.any}</option>
        {SERVICE_CATEGORIES.map((c) => (
          <option value={c} selected={props.value === c}>
            {m.categories[c]}
          </option>
        ))}
      </select>
    </div>
  );
}

function CodeSelect(props: { ctx: PageContext; name: string; label: string; value: string | null; codes: string[]; naming: (code: string, locale: PageContext['locale']) => string }) {
  const m = directoryText[props.ctx.locale];
  const codes = [...new Set([...props.codes, ...(props.value ? [props.value] : [])])]
    .map((code) => ({ code, name: props.naming(code, props.ctx.locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, props.ctx.locale));
  return (
    <div class="field">
      <label for={`field-${props.name}`}>{props.label}</label>
      <select id={`field-${props.name}`} name={props.name}>
        <option value="">{m.any}</option>
        {codes.map((c) => (
          <option value={c.code} selected={props.value === c.code}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function SearchForm(props: { ctx: PageContext; filters: SearchFilters; options: SearchResult['facets'] }) {
  const { ctx, filters } = props;
  const m = directoryText[ctx.locale];
  const box = (name: 'open' | 'free' | 'onion' | 'e2e', label: string) => (
    <label class="choice" for={`filter-${name}`}>
      <input type="checkbox" id={`filter-${name}`} name={name} value="true" checked={filters[name]} /> {label}
    </label>
  );
  return (
    <form method="get" action="/directory" class="search" role="search">
      <div class="field">
        <label for="field-q">{m.searchLabel}</label>
        <p class="hint" id="field-q-hint">
          {m.searchHint}
        </p>
        <input type="search" id="field-q" name="q" value={filters.q} maxLength={200} aria-describedby="field-q-hint" />
      </div>
      <CategorySelect ctx={ctx} value={filters.service} />
      <CodeSelect ctx={ctx} name="language" label={m.languageLabel} value={filters.language} codes={props.options.languages.map(([c]) => c)} naming={languageName} />
      <CodeSelect ctx={ctx} name="country" label={m.countryLabel} value={filters.country} codes={props.options.countries.map(([c]) => c)} naming={countryName} />
      <div class="field">
        <label for="field-risk">{m.riskLabel}</label>
        <select id="field-risk" name="risk">
          <option value="">{m.any}</option>
          {RISK_LEVELS.map((level) => (
            <option value={level} selected={filters.risk === level}>
              {m.riskLevelTitles[level]}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{m.onlyLabel}</legend>
        {box('open', m.openLabel)}
        {box('free', m.freeLabel)}
        {box('onion', m.onionLabel)}
        {box('e2e', m.e2eLabel)}
      </fieldset>
      <button type="submit">{m.search}</button>
    </form>
  );
}

export function reasonText(reason: MatchReason, locale: Locale): string {
  const m = directoryText[locale];
  switch (reason.kind) {
    case 'text':
      if (reason.field === 'service') return m.reasons.textService(reason.term, reason.service);
      return reason.field === 'name' ? m.reasons.textName(reason.term) : m.reasons.textDescription(reason.term);
    case 'service':
      return m.reasons.services(reason.services);
    case 'language':
      return m.reasons.language(languageName(reason.value, locale), reason.via);
    case 'country':
      return m.reasons.country(countryName(reason.value, locale), reason.via);
    case 'risk':
      return m.reasons.risk(m.riskLevels[reason.level]);
    case 'onion':
      return m.reasons.onion(reason.via);
  }
}

function Results(props: { request: FastifyRequest; filters: SearchFilters; result: SearchResult }) {
  const ctx = props.request.pageContext();
  const m = directoryText[ctx.locale];
  const { result, filters } = props;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{m.resultCount(result.total)}</h2>
      {result.total === 0 && <p>{m.noResults}</p>}
      {result.total > 0 && (
        <details class="facets">
          <summary>{m.narrow}</summary>
          <ul>
            {result.facets.categories.map(([category, count]) => (
              <li>
                <a href={searchHref({ ...filters, service: category as SearchFilters['service'], page: 1 })}>
                  {m.categories[category as keyof typeof m.categories] ?? category}
                </a>{' '}
                ({count})
              </li>
            ))}
          </ul>
        </details>
      )}
      <ol class="results" start={(result.page - 1) * result.pageSize + 1}>
        {result.hits.map((hit) => (
          <li>
            <article>
              <h3>
                <a href={`/directory/providers/${hit.provider.slug}`}>{hit.provider.name}</a>
              </h3>
              <p class="muted">{hit.provider.member ? m.member : m.notMember}</p>
              {hit.provider.profile.description && <p>{excerpt(hit.provider.profile.description)}</p>}
              {hit.services.length > 0 && (
                <ul>
                  {hit.services.slice(0, 5).map((s) => (
                    <li>
                      <ServiceSummary ctx={ctx} service={s} />
                    </li>
                  ))}
                </ul>
              )}
              <p class="why">
                {m.why}
                {m.sep}
                {hit.reasons.length === 0 ? m.reasons.all : hit.reasons.map((r) => reasonText(r, ctx.locale)).join(' ; ')}
              </p>
            </article>
          </li>
        ))}
      </ol>
      {result.pages > 1 && (
        <nav aria-label={m.pagination} class="pages">
          {result.page > 1 && <a href={searchHref({ ...filters, page: result.page - 1 })}>{m.previous}</a>} <span>{m.pageOf(result.page, result.pages)}</span>{' '}
          {result.page < result.pages && <a href={searchHref({ ...filters, page: result.page + 1 })}>{m.next}</a>}
        </nav>
      )}
    </section>
  );
}
