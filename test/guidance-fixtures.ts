import type { Haven } from '../src/haven.ts';
import { emptyProfile } from '../src/features/directory/directory.service.ts';
import { newService } from '../src/features/directory/service-defaults.ts';
import type { RiskLevel } from '../src/features/directory/directory.model.ts';

/** A questionnaire as the form posts it: a journalist facing a state adversary (high risk) who needs e-mail. */
export const HIGH_RISK_FORM = { adversaries: 'state-advanced', visibility: 'public', jurisdiction: 'yes', sensitivity: 'sensitive', skill: 'basic', support: 'occasional', services: 'email', languages: 'en' };
export const MEDIUM_RISK_FORM = { ...HIGH_RISK_FORM, adversaries: ['companies', 'criminals'], jurisdiction: 'no', sensitivity: 'personal' };

/** Two published providers with an open e-mail service in English: Safe Host fits every level, Plain Host only low risk. */
export async function twoProviders(haven: Haven) {
  const fit = { fit: true, explanation: 'Encrypted disks and a legal team.' };
  const by = { kind: 'system', actor: 'system' } as const;
  const safe = await haven.organisations.create({ slug: 'safe-host', name: 'Safe Host', kind: 'hosting-provider' }, 'system');
  await haven.directory.saveProfile('safe-host', { ...emptyProfile(), description: 'Safe.', languages: ['en'], countries: ['IS'], fitness: { low: fit, medium: fit, high: fit } }, by);
  await haven.directory.addService('safe-host', { ...newService(), name: 'Safe Mail', category: 'email', freeOfCharge: true, languages: ['en'], hostingCountry: 'IS' }, by);
  const plain = await haven.organisations.create({ slug: 'plain-host', name: 'Plain Host', kind: 'hosting-provider' }, 'system');
  await haven.directory.saveProfile('plain-host', { ...emptyProfile(), description: 'Plain.', languages: ['en'], countries: ['DE'], fitness: { ...emptyProfile().fitness, low: fit } }, by);
  await haven.directory.addService('plain-host', { ...newService(), name: 'Plain Mail', category: 'email', freeOfCharge: true, languages: ['en'], hostingCountry: 'DE' }, by);
  return { safe, plain };
}

/** A person at high risk who fears Belarus's authorities and can be helped in English or French, as the form posts it. */
export const JOURNALIST_FORM = {
  adversaries: ['state-advanced'],
  visibility: 'public',
  jurisdiction: 'yes',
  countries: ['BY'],
  sensitivity: 'sensitive',
  skill: 'basic',
  support: 'none',
  services: ['email'],
  languages: ['en', 'fr'],
};

/** A published provider declaring itself fit for the given levels, with one open e-mail service, in English and French, in Iceland. */
export async function fittingProvider(haven: Haven, slug: string, name: string, fit: RiskLevel[] = ['low', 'medium', 'high']) {
  const organisation = await haven.organisations.create({ slug, name, kind: 'hosting-provider' }, 'system');
  const profile = emptyProfile();
  profile.languages = ['en', 'fr'];
  profile.countries = ['IS'];
  for (const level of fit) profile.fitness[level] = { fit: true, explanation: `${name} runs its own servers and answers authorities only through its lawyers.` };
  const by = { kind: 'system' as const, actor: 'system' as const };
  await haven.directory.saveProfile(slug, profile, by);
  await haven.directory.addService(slug, { ...newService(), name: `${name} Mail`, category: 'email', registration: 'free', registrationOpen: true, freeOfCharge: true }, by);
  return organisation;
}
