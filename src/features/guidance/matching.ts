import { RISK_LEVELS, type RiskLevel, type ServiceCategory } from '../directory/directory.model.ts';
import type { StoredService } from '../directory/directory.repository.ts';
import type { Claim } from '../directory/evidence/check-result.ts';
import { isOpenNow, type ListedProvider } from '../directory/listed-provider.ts';
import type { CanaryState } from '../transparency/canary.service.ts';
import type { Answers } from './questionnaire.ts';

/** What Haven knows of a provider beyond its own word: its canary, the checks of its claims, its peers' evaluations. */
export interface ProviderSignals {
  canary: CanaryState;
  verified: Claim[];
  contradicted: Claim[];
  /** Closed peer evaluations of its fitness, by level. */
  peerEvaluations: { level: RiskLevel; number: number; closedAt: string }[];
}

/** One reason a provider fits, each a sentence the person reads ("fits because …"). */
export type FitReason =
  | { kind: 'declared-fit'; level: RiskLevel; explanation: string }
  | { kind: 'peer-evaluated'; level: RiskLevel; number: number; closedAt: string }
  | { kind: 'services'; services: { name: string; category: ServiceCategory; free: boolean }[] }
  | { kind: 'language'; languages: string[] }
  | { kind: 'avoids-countries'; countries: string[] }
  | { kind: 'canary-current' }
  | { kind: 'claims-verified'; claims: Claim[] }
  | { kind: 'member'; since: string };

export interface Recommendation {
  provider: ListedProvider;
  services: StoredService[];
  reasons: FitReason[];
}

export interface Need {
  level: RiskLevel;
  services: ServiceCategory[];
  languages: string[];
  avoidCountries: string[];
}

export const needOf = (answers: Answers, level: RiskLevel): Need => ({ level, services: answers.services, languages: answers.languages, avoidCountries: answers.countries });

const rank = (level: RiskLevel) => RISK_LEVELS.indexOf(level);
export const MAX_RECOMMENDATIONS = 10;

/** The level a provider has declared itself fit for that covers `level` (itself or a higher one), if any. */
function coveringFitness(provider: ListedProvider, level: RiskLevel) {
  for (const l of RISK_LEVELS.slice(rank(level))) if (provider.profile.fitness[l].fit) return { level: l, explanation: provider.profile.fitness[l].explanation };
  return null;
}

/** The services of a provider that answer the need: open today, of a wanted kind, in the person's language, hosted nowhere they fear. */
export function fittingServices(provider: ListedProvider, need: Need): StoredService[] {
  return provider.services.filter((s) => {
    if (!isOpenNow(s)) return false;
    if (need.services.length > 0 && !need.services.includes(s.category)) return false;
    const languages = s.languages.length > 0 ? s.languages : provider.profile.languages;
    if (!languages.some((l) => need.languages.includes(l))) return false;
    const hostedIn = s.hostingCountry ? [s.hostingCountry] : provider.profile.countries;
    // Unknown hosting is no promise: someone who fears a country's authorities is shown only what is known to be elsewhere.
    if (need.avoidCountries.length > 0 && (hostedIn.length === 0 || hostedIn.some((c) => need.avoidCountries.includes(c)))) return false;
    return true;
  });
}

/** Providers that pass the need before any signal is read: the candidates whose signals are worth loading. */
export function candidates(providers: ListedProvider[], need: Need): ListedProvider[] {
  return providers.filter((p) => coveringFitness(p, need.level) && fittingServices(p, need).length > 0);
}

/**
 * The recommendations for a need, each with its reasons. A provider is left out when its canary
 * is overdue or no longer verifies, and, from medium risk up, when a check contradicts one of its claims.
 */
export function recommend(providers: ListedProvider[], need: Need, signals: Map<string, ProviderSignals>): Recommendation[] {
  const out: (Recommendation & { order: number[] })[] = [];
  for (const provider of candidates(providers, need)) {
    const s = signals.get(provider.id) ?? { canary: 'none', verified: [], contradicted: [], peerEvaluations: [] };
    if (s.canary === 'overdue' || s.canary === 'invalid') continue;
    if (need.level !== 'low' && s.contradicted.length > 0) continue;
    const fitness = coveringFitness(provider, need.level)!;
    const services = fittingServices(provider, need);
    const peer = s.peerEvaluations.filter((e) => rank(e.level) >= rank(need.level)).sort((a, b) => b.closedAt.localeCompare(a.closedAt))[0];
    const languages = [...new Set(services.flatMap((sv) => (sv.languages.length > 0 ? sv.languages : provider.profile.languages)).filter((l) => need.languages.includes(l)))];
    const reasons: FitReason[] = [{ kind: 'declared-fit', level: fitness.level, explanation: fitness.explanation }];
    if (peer) reasons.push({ kind: 'peer-evaluated', level: peer.level, number: peer.number, closedAt: peer.closedAt });
    reasons.push({ kind: 'services', services: services.map((sv) => ({ name: sv.name, category: sv.category, free: sv.freeOfCharge })) });
    reasons.push({ kind: 'language', languages });
    if (need.avoidCountries.length > 0) reasons.push({ kind: 'avoids-countries', countries: need.avoidCountries });
    if (s.canary === 'current' || s.canary === 'due-soon') reasons.push({ kind: 'canary-current' });
    if (s.verified.length > 0) reasons.push({ kind: 'claims-verified', claims: s.verified });
    if (provider.memberSince) reasons.push({ kind: 'member', since: provider.memberSince });
    // Evaluated by peers first, then members, then a kept canary, then the most of what was asked for.
    out.push({ provider, services, reasons, order: [peer ? 0 : 1, provider.member ? 0 : 1, s.canary === 'current' || s.canary === 'due-soon' ? 0 : 1, -new Set(services.map((sv) => sv.category)).size] });
  }
  out.sort((a, b) => compare(a.order, b.order) || a.provider.name.localeCompare(b.provider.name));
  return out.slice(0, MAX_RECOMMENDATIONS).map(({ order: _order, ...r }) => r);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
