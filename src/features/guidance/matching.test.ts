import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProviderService, RiskLevel } from '../directory/directory.model.ts';
import { emptyProfile } from '../directory/directory.service.ts';
import type { ListedProvider } from '../directory/listed-provider.ts';
import { newService } from '../directory/service-defaults.ts';
import { recommend, type Need, type ProviderSignals } from './matching.ts';

let next = 0;
function provider(name: string, options: { fit?: RiskLevel[]; languages?: string[]; countries?: string[]; member?: boolean; services?: Partial<ProviderService>[] } = {}): ListedProvider {
  const profile = emptyProfile();
  for (const level of options.fit ?? ['low', 'medium', 'high']) profile.fitness[level] = { fit: true, explanation: `${name} explains why it suits ${level} risk.` };
  profile.languages = options.languages ?? ['en'];
  profile.countries = options.countries ?? ['IS'];
  const id = `org-${++next}`;
  return {
    id,
    slug: name.toLowerCase().replace(/\W+/g, '-'),
    name,
    kind: 'hosting-provider',
    member: options.member ?? false,
    memberSince: options.member ? '2025-03-01T00:00:00.000Z' : null,
    profile,
    updatedAt: '2026-11-01T00:00:00.000Z',
    services: (options.services ?? [{}]).map((s, i) => ({ ...newService(), name: `${name} mail ${i}`, category: 'email', registration: 'free', registrationOpen: true, status: 'active', ...s, id: `${id}-s${i}`, slug: `s${i}`, origin: 'haven' as const })),
  };
}

const need = (n: Partial<Need> = {}): Need => ({ level: 'high', services: ['email'], languages: ['en'], avoidCountries: [], ...n });
const names = (providers: ListedProvider[], n: Need, signals = new Map<string, ProviderSignals>()) => recommend(providers, n, signals).map((r) => r.provider.name);
const signal = (s: Partial<ProviderSignals>): ProviderSignals => ({ canary: 'current', verified: [], contradicted: [], peerEvaluations: [], ...s });

describe('matching a person to providers that fit', () => {
  it('keeps only providers that declare themselves fit for the level, or for a higher one', () => {
    const providers = [provider('Only Low', { fit: ['low'] }), provider('High Only', { fit: ['high'] }), provider('Medium', { fit: ['medium'] })];
    assert.deepEqual(names(providers, need({ level: 'medium' })), ['High Only', 'Medium']);
    assert.deepEqual(names(providers, need({ level: 'high' })), ['High Only']);
  });

  it('needs a service of a wanted kind, open to sign up today, in one of the person’s languages', () => {
    const providers = [
      provider('Closed', { services: [{ registrationOpen: false }] }),
      provider('Ending', { services: [{ status: 'ended' }] }),
      provider('Chat Only', { services: [{ category: 'chat' }] }),
      provider('German Only', { languages: ['de'] }),
      provider('Service In French', { languages: ['de'], services: [{ languages: ['fr'] }] }),
      provider('Open'),
    ];
    assert.deepEqual(names(providers, need({ languages: ['en'] })), ['Open']);
    assert.deepEqual(names(providers, need({ languages: ['fr'] })), ['Service In French']);
    assert.deepEqual(names(providers, need({ services: [] })).sort(), ['Chat Only', 'Open'], 'no service asked: any open one');
  });

  it('leaves out whatever is hosted in a country the person fears, and what is hosted nobody says where', () => {
    const providers = [provider('In Feared Country', { countries: ['BY'] }), provider('Service There', { services: [{ hostingCountry: 'BY' }] }), provider('Unknown', { countries: [] }), provider('Elsewhere', { countries: ['IS'] })];
    assert.deepEqual(names(providers, need({ avoidCountries: ['BY'] })), ['Elsewhere']);
    const reasons = recommend(providers, need({ avoidCountries: ['BY'] }), new Map())[0]!.reasons;
    assert.deepEqual(reasons.find((r) => r.kind === 'avoids-countries'), { kind: 'avoids-countries', countries: ['BY'] });
  });

  it('never recommends a provider whose canary is overdue or no longer verifies, nor, from medium risk up, one whose claims a check contradicts', () => {
    const [overdue, invalid, contradicted, fine] = [provider('Overdue'), provider('Invalid'), provider('Contradicted'), provider('Fine')];
    const signals = new Map([
      [overdue.id, signal({ canary: 'overdue' })],
      [invalid.id, signal({ canary: 'invalid' })],
      [contradicted.id, signal({ contradicted: ['tls'] })],
    ]);
    assert.deepEqual(names([overdue, invalid, contradicted, fine], need({ level: 'medium' }), signals), ['Fine']);
    assert.deepEqual(names([overdue, invalid, contradicted, fine], need({ level: 'low' }), signals), ['Contradicted', 'Fine']);
  });

  it('puts providers whose fitness peers evaluated first, then members, then those keeping a canary, and explains each', () => {
    const plain = provider('A Plain', { member: false });
    const member = provider('B Member', { member: true });
    const evaluated = provider('C Evaluated', { member: false });
    const lowEvaluation = provider('D Evaluated For Low Only', { member: false });
    const signals = new Map([
      [plain.id, signal({ canary: 'none' })],
      [member.id, signal({ canary: 'none' })],
      [evaluated.id, signal({ canary: 'none', peerEvaluations: [{ level: 'high', number: 4, closedAt: '2026-06-01T00:00:00.000Z' }] })],
      [lowEvaluation.id, signal({ peerEvaluations: [{ level: 'low', number: 5, closedAt: '2026-06-01T00:00:00.000Z' }], verified: ['tls'] })],
    ]);
    const result = recommend([plain, member, evaluated, lowEvaluation], need(), signals);
    assert.deepEqual(result.map((r) => r.provider.name), ['C Evaluated', 'B Member', 'D Evaluated For Low Only', 'A Plain']);
    assert.deepEqual(result[0]!.reasons.map((r) => r.kind), ['declared-fit', 'peer-evaluated', 'services', 'language']);
    assert.deepEqual(result[2]!.reasons.map((r) => r.kind), ['declared-fit', 'services', 'language', 'canary-current', 'claims-verified'], 'an evaluation for a lower level is no reason');
    assert.deepEqual(result[1]!.reasons.at(-1), { kind: 'member', since: '2025-03-01T00:00:00.000Z' });
  });

  it('recommends at most ten providers', () => {
    const many = Array.from({ length: 14 }, (_, i) => provider(`Provider ${String(i).padStart(2, '0')}`));
    assert.equal(names(many, need()).length, 10);
  });
});
