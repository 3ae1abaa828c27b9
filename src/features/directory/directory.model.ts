/**
 * The directory's vocabulary: what a provider declares about itself and
 * each of its services. Tables, forms, the API, open data and the
 * federation formats all speak these words.
 */
export const SERVICE_CATEGORIES = [
  'email',
  'file-sharing',
  'chat',
  'video-calls',
  'web-hosting',
  'pads',
  'forms',
  'calendar',
  'vpn',
  'dns',
  'incident-response',
  'audit',
  'training',
  'other',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** Who may sign up: nobody (no account needed), anyone for free, members, or paying clients. */
export const REGISTRATION_KINDS = ['none', 'free', 'members', 'clients'] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

export const SERVICE_STATUSES = ['active', 'beta', 'ending', 'ended'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const INFRASTRUCTURE_CONTROLS = ['own-hardware', 'hosted-hardware', 'rented-server', 'outsourced'] as const;
export type InfrastructureControl = (typeof INFRASTRUCTURE_CONTROLS)[number];

export const STRUCTURE_TYPES = ['association', 'cooperative', 'company', 'collective', 'individual', 'foundation', 'public-body', 'other'] as const;
export type StructureType = (typeof STRUCTURE_TYPES)[number];

export const ECONOMIC_MODELS = ['free', 'donations', 'membership-fees', 'paid', 'mixed'] as const;
export type EconomicModel = (typeof ECONOMIC_MODELS)[number];

// One scale of risk for the whole coalition: peer evaluations examine the same declared fitness.
import { RISK_LEVELS, type RiskLevel } from '../membership/peer-evaluations.table.ts';
export { RISK_LEVELS, type RiskLevel };

/** A provider's own statement of whether it suits people facing a level of risk, and why. */
export interface RiskFitness {
  fit: boolean;
  explanation: string;
}

export interface ProviderProfile {
  description: string;
  structureType: StructureType | null;
  website: string | null;
  contact: string | null;
  /** ISO 639-1 codes, lower case. */
  languages: string[];
  /** ISO 3166-1 alpha-2 codes, upper case. */
  countries: string[];
  economicModel: EconomicModel | null;
  prices: string;
  termsUrl: string | null;
  privacyUrl: string | null;
  infrastructure: InfrastructureControl | null;
  /** Who can reach the virtual machines from below: the provider only, or also its host. */
  hypervisorAccess: string;
  /** The company whose building and power the servers rely on. */
  physicalHost: string;
  onionAddress: string | null;
  fitness: Record<RiskLevel, RiskFitness>;
}

export interface ProviderService {
  name: string;
  category: ServiceCategory;
  description: string;
  url: string | null;
  softwareName: string;
  softwareLicence: string;
  softwareVersion: string;
  sourceUrl: string | null;
  registration: RegistrationKind;
  /** False when registration exists but is full for now. */
  registrationOpen: boolean;
  price: string;
  freeOfCharge: boolean;
  languages: string[];
  hostingCountry: string | null;
  onionAddress: string | null;
  endToEndEncryption: boolean;
  status: ServiceStatus;
}
