import type { OrganisationKind } from '../../organisations/organisations.table.ts';

/** Text in both languages Haven speaks; charter content is data, so it carries its own translations. */
export interface BilingualText {
  en: string;
  fr: string;
}

export type CriterionLevel = 'required' | 'recommended';

/** What a member gives to show it meets a criterion. */
export type EvidenceKind = 'statement' | 'document-link' | 'automated-check';

/** Checks Haven can run itself against a provider's site (see the directory capability). */
export type AutomatedCheck = 'tls' | 'security-headers' | 'third-party-requests' | 'security-txt' | 'reachability';

/** The organisation kinds a charter binds; partners are served by the coalition, not bound by its charter. */
export type BoundKind = Exclude<OrganisationKind, 'partner'>;

export interface CriterionTemplate {
  /** Stable within the template, lowercase words joined by dashes (e.g. `root-access`). */
  key: string;
  level: CriterionLevel;
  title: BilingualText;
  explanation: BilingualText;
  evidence: EvidenceKind;
  /** Set exactly when `evidence` is `automated-check`. */
  check?: AutomatedCheck;
  appliesTo: BoundKind[];
}

export interface PrincipleTemplate {
  key: string;
  title: BilingualText;
  summary: BilingualText;
  criteria: CriterionTemplate[];
}

export interface CharterTemplate {
  key: 'chatons-v2' | 'librehosters-cpp' | 'secure-hosting-coalition';
  name: BilingualText;
  summary: BilingualText;
  /** Which public text this paraphrases, in a few words. */
  basedOn: string;
  principles: PrincipleTemplate[];
}
