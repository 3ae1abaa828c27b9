import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { Locale } from '../../platform/i18n/locale.ts';
import { openDataText } from './open-data.messages.ts';
import { providerJson } from './provider-presenter.ts';
import type { ListedProvider } from './listed-provider.ts';

export const OPEN_DATA_LICENCE = { name: 'Open Data Commons Open Database License (ODbL) 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' };

/** The columns of the CSV file: one row per service, with its provider's main fields repeated, so it opens well in a spreadsheet. */
export const CSV_COLUMNS = [
  'provider_slug',
  'provider_name',
  'member',
  'website',
  'provider_languages',
  'provider_countries',
  'infrastructure',
  'fit_low',
  'fit_medium',
  'fit_high',
  'service_slug',
  'service_name',
  'category',
  'software',
  'licence',
  'registration',
  'registration_open',
  'free_of_charge',
  'service_languages',
  'hosting_country',
  'onion_address',
  'end_to_end_encryption',
  'status',
  'profile_url',
] as const;

function csvRows(providers: ListedProvider[], publicUrl: URL): string[][] {
  const rows: string[][] = [];
  for (const p of providers) {
    const head = [
      p.slug,
      p.name,
      String(p.member),
      p.profile.website ?? '',
      p.profile.languages.join(' '),
      p.profile.countries.join(' '),
      p.profile.infrastructure ?? '',
      String(p.profile.fitness.low.fit),
      String(p.profile.fitness.medium.fit),
      String(p.profile.fitness.high.fit),
    ];
    const url = new URL(`/directory/providers/${p.slug}`, publicUrl).toString();
    if (p.services.length === 0) rows.push([...head, ...Array<string>(13).fill(''), url]);
    for (const s of p.services) {
      rows.push([
        ...head,
        s.slug,
        s.name,
        s.category,
        s.softwareName,
        s.softwareLicence,
        s.registration,
        String(s.registrationOpen),
        String(s.freeOfCharge),
        s.languages.join(' '),
        s.hostingCountry ?? '',
        s.onionAddress ?? '',
        String(s.endToEndEncryption),
        s.status,
        url,
      ]);
    }
  }
  return rows;
}

/** The whole directory as open data, with a page that documents every field and the licence. */
export function registerOpenData(app: FastifyInstance): void {
  const { directorySearch, config } = app.haven;

  app.get('/open-data/providers.json', { schema: { hide: true } }, async (_request, reply) => {
    const providers = (await directorySearch.index()).all();
    return reply.header('cache-control', 'public, max-age=300').send({
      licence: OPEN_DATA_LICENCE,
      documentation: new URL('/open-data', config.publicUrl).toString(),
      providers: providers.map((p) => providerJson(p, config.publicUrl)),
    });
  });

  app.get('/open-data/providers.csv', { schema: { hide: true } }, async (_request, reply) => {
    const providers = (await directorySearch.index()).all();
    const csv = stringify([[...CSV_COLUMNS], ...csvRows(providers, config.publicUrl)]);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="haven-providers.csv"')
      .header('cache-control', 'public, max-age=300')
      .send(`# ${OPEN_DATA_LICENCE.name} — ${OPEN_DATA_LICENCE.url}\n${csv}`);
  });

  app.get('/open-data', async (request, reply) => {
    const m = openDataText[request.locale as Locale];
    return reply.page(
      m.title,
      <>
        <p>{m.intro}</p>
        <ul>
          <li>
            <a href="/open-data/providers.json" type="application/json">providers.json</a> — {m.jsonLine}
          </li>
          <li>
            <a href="/open-data/providers.csv" type="text/csv" download>providers.csv</a> — {m.csvLine}
          </li>
          <li>
            <a href="/federation/statoolinfos/federation.properties" type="text/plain">federation.properties</a> — {m.statoolinfosLine}
          </li>
          <li>
            <a href="/federation/librehosters.json" type="application/json">librehosters.json</a> — {m.librehostLine}
          </li>
        </ul>
        <h2>{m.licenceTitle}</h2>
        <p>
          {m.licence} <a href={OPEN_DATA_LICENCE.url}>{OPEN_DATA_LICENCE.name}</a>
        </p>
        <h2>{m.fieldsTitle}</h2>
        <p>{m.jsonFields}</p>
        <h3>{m.csvTitle}</h3>
        <dl class="facts">
          {CSV_COLUMNS.map((c) => (
            <>
              <dt>
                <code>{c}</code>
              </dt>
              <dd>{m.columns[c]}</dd>
            </>
          ))}
        </dl>
      </>,
    );
  });
}
