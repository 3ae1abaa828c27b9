import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Haven } from '../../haven.ts';
import type { Actor } from '../../platform/audit/audit-trail.ts';
import type { CoalitionRole } from '../accounts/accounts.table.ts';
import { loadDemoCanaries } from './demo-canaries.ts';
import { loadDemoDirectory } from './demo-directory.ts';
import { loadDemoGuides } from './demo-guides.ts';
import { loadDemoGuidance } from './demo-guidance.ts';
import { loadDemoReferrals } from './demo-referrals.ts';
import { loadDemoConduct } from './demo-conduct.ts';
import { loadDemoLegalRequests } from './demo-legal-requests.ts';
import { loadDemoStatistics } from './demo-statistics.ts';
import { DEMO_APPLICANTS, loadDemoMembership } from './demo-membership.ts';
import type { OrganisationKind, OrganisationRole } from '../organisations/organisations.table.ts';

/**
 * A coherent, clearly labelled demonstration data set. Every name says
 * "Demo", every slug starts with "demo-". Each capability extends it as it lands.
 */
export const DEMO_ORGANISATIONS: { slug: string; name: string; kind: OrganisationKind }[] = [
  { slug: 'demo-riverbank-hosting', name: 'Riverbank Hosting (Demo)', kind: 'hosting-provider' },
  { slug: 'demo-lanterne-libre', name: 'Lanterne Libre (Demo)', kind: 'hosting-provider' },
  { slug: 'demo-shieldline', name: 'Shieldline Digital Security (Demo)', kind: 'security-provider' },
  { slug: 'demo-voices-for-rights', name: 'Voices for Rights (Demo)', kind: 'partner' },
  { slug: 'demo-bridge-network', name: 'Bridge Network (Demo)', kind: 'intermediary' },
  { slug: 'demo-open-futures-fund', name: 'Open Futures Fund (Demo)', kind: 'donor' },
  ...DEMO_APPLICANTS.map((a) => ({ slug: a.slug, name: a.name, kind: 'hosting-provider' as const })),
];

export const DEMO_PEOPLE: {
  username: string;
  roles: CoalitionRole[];
  memberOf?: { slug: string; role: OrganisationRole };
}[] = [
  { username: 'demo-steward', roles: ['steward'] },
  { username: 'demo-reviewer', roles: ['reviewer'], memberOf: { slug: 'demo-lanterne-libre', role: 'delegate' } },
  { username: 'demo-advisor', roles: ['advisory'] },
  { username: 'demo-conduct', roles: ['conduct'] },
  { username: 'demo-host', roles: [], memberOf: { slug: 'demo-riverbank-hosting', role: 'delegate' } },
  { username: 'demo-host-staff', roles: [], memberOf: { slug: 'demo-riverbank-hosting', role: 'staff' } },
  { username: 'demo-defender', roles: [], memberOf: { slug: 'demo-shieldline', role: 'delegate' } },
  { username: 'demo-partner', roles: [], memberOf: { slug: 'demo-voices-for-rights', role: 'delegate' } },
  { username: 'demo-intermediary', roles: [], memberOf: { slug: 'demo-bridge-network', role: 'delegate' } },
  { username: 'demo-donor', roles: [], memberOf: { slug: 'demo-open-futures-fund', role: 'delegate' } },
  ...DEMO_APPLICANTS.map((a) => ({ username: a.delegate, roles: [] as CoalitionRole[], memberOf: { slug: a.slug, role: 'delegate' as const } })),
];

export async function isDemoLoaded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('organisations').select('id').where('slug', 'like', 'demo-%').limit(1).executeTakeFirst();
  return row !== undefined;
}

export interface DemoLoadResult {
  /** The password of every demo account created by this load (generated, shown once). */
  password: string;
  organisationsCreated: number;
  accountsCreated: number;
}

/** Loads what is missing of the demo set; running it twice changes nothing the second time. */
export async function loadDemoData(
  haven: Haven,
  actor: Actor,
  onStep?: (done: number, total: number, label: string) => void,
): Promise<DemoLoadResult> {
  const password = `demo-${crypto.randomBytes(9).toString('base64url')}`;
  const total = DEMO_ORGANISATIONS.length + DEMO_PEOPLE.length;
  let done = 0;
  const result: DemoLoadResult = { password, organisationsCreated: 0, accountsCreated: 0 };
  for (const organisation of DEMO_ORGANISATIONS) {
    if (!(await haven.organisations.findBySlug(organisation.slug))) {
      await haven.organisations.create(organisation, actor);
      result.organisationsCreated += 1;
    }
    onStep?.(++done, total, organisation.slug);
  }
  for (const person of DEMO_PEOPLE) {
    const existing = await haven.accounts.findByUsername(person.username).catch(() => null);
    if (!existing) {
      const created = await haven.accounts.create({ username: person.username, password, roles: person.roles }, actor);
      if (person.memberOf) {
        const organisation = await haven.organisations.getBySlug(person.memberOf.slug);
        await haven.organisations.addMember(organisation.id, created.id, person.memberOf.role, actor);
      }
      result.accountsCreated += 1;
    }
    onStep?.(++done, total, person.username);
  }
  await loadDemoMembership(haven, actor);
  await loadDemoDirectory(haven);
  await loadDemoCanaries(haven);
  await loadDemoLegalRequests(haven);
  await loadDemoStatistics(haven);
  await loadDemoGuides(haven);
  await loadDemoGuidance(haven);
  await loadDemoReferrals(haven);
  await loadDemoConduct(haven);
  haven.state.demoLoaded = true;
  return result;
}
