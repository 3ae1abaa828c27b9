import { Type, type Static } from 'typebox';
import { Literals, Nullable } from '../../platform/http/api-schemas.ts';
import {
  ECONOMIC_MODELS,
  INFRASTRUCTURE_CONTROLS,
  REGISTRATION_KINDS,
  RISK_LEVELS,
  SERVICE_CATEGORIES,
  SERVICE_STATUSES,
  STRUCTURE_TYPES,
} from './directory.model.ts';


// After the host, anything must begin with / ? or #: one way to match, so a long hostile value cannot make the check backtrack.
export const WebAddress = Type.String({ maxLength: 500, pattern: '^https?://[^\\s/?#]+(?:[/?#]\\S*)?$' });
export const OnionAddress = Type.String({ maxLength: 100, pattern: '^https?://[a-z2-7]{56}\\.onion(/[^\\s]*)?$' });
export const LanguageCode = Type.String({ pattern: '^[a-z]{2}$' });
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$' });
export const ServiceSlug = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });

const Fitness = Type.Object({ fit: Type.Boolean(), explanation: Type.String({ maxLength: 2000 }) }, { additionalProperties: false });

/** Everything a provider declares about itself; the same schema checks forms, the API and imports. */
export const ProfileBody = Type.Object(
  {
    description: Type.String({ maxLength: 5000 }),
    structureType: Nullable(Literals(STRUCTURE_TYPES)),
    website: Nullable(WebAddress),
    contact: Nullable(Type.String({ maxLength: 500 })),
    languages: Type.Array(LanguageCode, { maxItems: 50 }),
    countries: Type.Array(CountryCode, { maxItems: 50 }),
    economicModel: Nullable(Literals(ECONOMIC_MODELS)),
    prices: Type.String({ maxLength: 2000 }),
    termsUrl: Nullable(WebAddress),
    privacyUrl: Nullable(WebAddress),
    infrastructure: Nullable(Literals(INFRASTRUCTURE_CONTROLS)),
    hypervisorAccess: Type.String({ maxLength: 500 }),
    physicalHost: Type.String({ maxLength: 200 }),
    onionAddress: Nullable(OnionAddress),
    fitness: Type.Object({ low: Fitness, medium: Fitness, high: Fitness }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const ServiceBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    category: Literals(SERVICE_CATEGORIES),
    description: Type.String({ maxLength: 5000 }),
    url: Nullable(WebAddress),
    softwareName: Type.String({ maxLength: 200 }),
    softwareLicence: Type.String({ maxLength: 200 }),
    softwareVersion: Type.String({ maxLength: 100 }),
    sourceUrl: Nullable(WebAddress),
    registration: Literals(REGISTRATION_KINDS),
    registrationOpen: Type.Boolean(),
    price: Type.String({ maxLength: 500 }),
    freeOfCharge: Type.Boolean(),
    languages: Type.Array(LanguageCode, { maxItems: 50 }),
    hostingCountry: Nullable(CountryCode),
    onionAddress: Nullable(OnionAddress),
    endToEndEncryption: Type.Boolean(),
    status: Literals(SERVICE_STATUSES),
  },
  { additionalProperties: false },
);

export const RiskLevelName = Literals(RISK_LEVELS);
export const ServiceCategoryName = Literals(SERVICE_CATEGORIES);

/** The directory search, as the page's form and the API both take it. */
export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  service: Type.Optional(Type.Union([Type.Literal(''), ServiceCategoryName])),
  language: Type.Optional(Type.Union([Type.Literal(''), LanguageCode])),
  country: Type.Optional(Type.Union([Type.Literal(''), CountryCode])),
  risk: Type.Optional(Type.Union([Type.Literal(''), RiskLevelName])),
  open: Type.Optional(Type.Boolean()),
  free: Type.Optional(Type.Boolean()),
  onion: Type.Optional(Type.Boolean()),
  e2e: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});
export type SearchQueryInput = Static<typeof SearchQuery>;
