import type { Haven } from '../src/haven.ts';
import { emptyProfile } from '../src/features/directory/directory.service.ts';
import { newService } from '../src/features/directory/service-defaults.ts';
import type { RiskLevel } from '../src/features/directory/directory.model.ts';

/** Answers of a person at high risk (a state adversary) who needs e-mail in English or French, as the form posts them. */
export const HIGH_RISK_FORM = {
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

/** A published provider declaring itself fit for the given levels, with one open e-mail service hosted in Iceland. For tests. */
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
