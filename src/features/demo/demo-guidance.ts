import type { Haven } from '../../haven.ts';
import type { Actor } from '../../platform/audit/audit-trail.ts';
import { DAY, ManualClock } from '../../platform/clock.ts';
import { BeneficiariesService, type Beneficiary } from '../guidance/beneficiaries.service.ts';
import { quarterStart } from '../guidance/guidance-reports.ts';
import type { Answers } from '../guidance/questionnaire.ts';
import { ReferralsService } from '../guidance/referrals.service.ts';

/** When a demo record was made: two quarters ago, last quarter, or today (not counted in reports until the quarter ends). */
type When = 'older' | 'previous' | 'current';
type DemoEngagement = { provider: string; category: string; when: When; shareAnswers: boolean; then?: 'accepted' | 'question' | 'withdrawn' };

const answers = (level: 'low' | 'medium' | 'high', services: Answers['services'], languages: string[], countries: string[] = []): Answers => ({
  adversaries: level === 'high' ? ['state-advanced'] : level === 'medium' ? ['companies', 'criminals'] : ['none-known'],
  visibility: level === 'low' ? 'private' : 'public',
  jurisdiction: 'no',
  countries,
  sensitivity: level === 'high' ? 'sensitive' : level === 'medium' ? 'personal' : 'public',
  skill: level === 'high' ? 'basic' : 'comfortable',
  support: 'occasional',
  services,
  languages,
});

const medium = answers('medium', ['email', 'pads'], ['en', 'fr']);
const mail = (when: When, then?: DemoEngagement['then']): DemoEngagement => ({ provider: 'demo-riverbank-hosting', category: 'email', when, shareAnswers: true, then });
const pads = (when: When, then?: DemoEngagement['then']): DemoEngagement => ({ provider: 'demo-riverbank-hosting', category: 'pads', when, shareAnswers: false, then });

/**
 * Bridge Network's beneficiaries, under pseudonyms, and the hosting it commissioned for them.
 * Six engagements share one level, service, region and quarter, so the reports show that group;
 * the others are too few and show as "small numbers"; one made this quarter waits for it to end.
 */
const DEMO_BENEFICIARIES: { label: string; country: string; when: When; answers: Answers; engagements: DemoEngagement[] }[] = [
  { label: 'Demo: Newsroom A', country: 'FR', when: 'previous', answers: medium, engagements: [mail('previous', 'accepted'), pads('previous', 'withdrawn')] },
  { label: 'Demo: Newsroom B', country: 'BE', when: 'previous', answers: medium, engagements: [mail('previous', 'question'), pads('previous')] },
  { label: 'Demo: Collective C', country: 'DE', when: 'previous', answers: medium, engagements: [mail('previous'), pads('previous')] },
  { label: 'Demo: Collective D', country: 'ES', when: 'previous', answers: medium, engagements: [mail('previous'), pads('current')] },
  { label: 'Demo: Association E', country: 'IT', when: 'previous', answers: medium, engagements: [mail('previous')] },
  { label: 'Demo: Association F', country: 'PT', when: 'previous', answers: medium, engagements: [mail('previous')] },
  {
    label: 'Demo: Campaigner G',
    country: 'DE',
    when: 'previous',
    answers: answers('low', ['forms', 'email'], ['en', 'de']),
    engagements: [{ provider: 'demo-northwind-cloud', category: 'forms', when: 'previous', shareAnswers: true }, mail('previous')],
  },
  { label: 'Demo: Defender H', country: 'KE', when: 'older', answers: answers('high', ['email'], ['en'], ['KE']), engagements: [mail('older', 'accepted')] },
];

/** Loads the demo beneficiaries and engagements once: nothing is added if Bridge Network has any beneficiary. */
export async function loadDemoGuidance(haven: Haven): Promise<void> {
  const bridge = await haven.organisations.getBySlug('demo-bridge-network');
  if ((await haven.beneficiaries.list(bridge.id)).length > 0) return;
  const keeper = await personOf(haven, 'demo-bridge-network');
  const providerDelegate = await personOf(haven, 'demo-riverbank-hosting');
  const now = haven.clock.now();
  const start = quarterStart(now).getTime();
  const at: Record<When, Date> = { older: new Date(start - 135 * DAY), previous: new Date(start - 45 * DAY), current: now };
  // The services run on a clock set in the past, so that each record holds an honest date (as in demo-membership.ts).
  const past = new ManualClock(now);
  const referrals = new ReferralsService(haven.database.db, haven.config, haven.cipher, haven.organisations, haven.accounts, haven.mailer, haven.audit, past);
  const beneficiaries = new BeneficiariesService(haven.database.db, haven.cipher, haven.assessments, haven.scoringRules, referrals, haven.organisations, haven.audit, past);
  let step = 0;
  const moveTo = (when: When) => {
    past.set(when === 'current' ? now : new Date(at[when].getTime() + step++ * 3 * 3_600_000));
    return past.now();
  };

  for (const demo of DEMO_BENEFICIARIES) {
    moveTo(demo.when);
    const beneficiary = await beneficiaries.record(bridge.id, { label: demo.label, country: demo.country, answers: demo.answers }, keeper);
    for (const e of demo.engagements) await commission(haven, beneficiaries, beneficiary, e, () => moveTo(e.when), keeper, providerDelegate);
  }
}

async function commission(haven: Haven, beneficiaries: BeneficiariesService, beneficiary: Beneficiary, e: DemoEngagement, when: () => Date, keeper: Actor, providerDelegate: Actor) {
  const provider = await haven.organisations.getBySlug(e.provider);
  // A demo provider edited since may no longer fit: its engagement is then left out rather than failing the load.
  if (!(await beneficiaries.evaluation(beneficiary)).recommendations.some((r) => r.provider.id === provider.id)) return;
  const agreedOn = when().toISOString().slice(0, 10);
  const message = 'Demo: please reach our caseworker through the Bridge Network shared inbox.';
  const sent = await beneficiaries.commission(beneficiary, provider.id, { consent: { given: true, on: agreedOn }, shareAnswers: e.shareAnswers, message, serviceCategory: e.category }, keeper);
  if (!e.then) return;
  const referral = await haven.referrals.byNumber(provider.id, sent.number);
  if (e.then === 'withdrawn') await haven.beneficiaries.withdrawConsent(beneficiary, referral, keeper);
  else await haven.referrals.answer(referral, { kind: e.then, body: e.then === 'accepted' ? 'Demo: accepted; we will write to your shared inbox to set up the account.' : 'Demo: which languages does the team work in?' }, providerDelegate);
}

async function personOf(haven: Haven, slug: string): Promise<Actor> {
  const member = (await haven.organisations.members((await haven.organisations.getBySlug(slug)).id)).find((m) => m.role === 'delegate');
  return member ? { accountId: member.account_id, username: member.username } : 'system';
}
