import type { Haven } from '../../haven.ts';
import type { Actor } from '../../platform/audit/audit-trail.ts';
import { DAY, ManualClock } from '../../platform/clock.ts';
import { ApplicationsService } from '../membership/applications.service.ts';
import { MembershipNotices } from '../membership/membership-notices.ts';
import { ReviewService } from '../membership/review.service.ts';

/** Demo organisations whose applications tell the membership story; added to the demo set. */
export const DEMO_APPLICANTS = [
  { slug: 'demo-northwind-cloud', name: 'Northwind Cloud Co-op (Demo)', delegate: 'demo-northwind', outcome: 'accepted', daysAgo: 45 },
  { slug: 'demo-quickhost', name: 'QuickHost Ltd (Demo)', delegate: 'demo-quickhost', outcome: 'rejected', daysAgo: 40 },
  { slug: 'demo-harbour-collective', name: 'Harbour Tech Collective (Demo)', delegate: 'demo-harbour', outcome: 'in-review', daysAgo: 5 },
] as const;

const FOUNDERS = ['demo-riverbank-hosting', 'demo-lanterne-libre', 'demo-shieldline'];

/**
 * Adopts the coalition charter, records founding members, and replays three
 * applications as they would have happened: the services run on a clock set
 * in the past, so each record holds honest dates.
 */
export async function loadDemoMembership(haven: Haven, actor: Actor): Promise<void> {
  const charter = (await haven.charter.current()) ?? (await haven.charter.adoptTemplate('secure-hosting-coalition', 'Demonstration charter', actor));
  for (const slug of FOUNDERS) {
    const organisation = await haven.organisations.getBySlug(slug);
    if (!(await haven.membership.isMember(organisation.id))) await haven.membership.admit(organisation.id, 'founding', charter.version, actor);
  }
  const delegateOf = async (slug: string) => {
    const member = (await haven.organisations.members((await haven.organisations.getBySlug(slug)).id)).find((m) => m.role === 'delegate')!;
    return { accountId: member.account_id, username: member.username };
  };

  for (const applicant of DEMO_APPLICANTS) {
    const organisation = await haven.organisations.getBySlug(applicant.slug);
    if ((await haven.applications.list(['draft', 'in-review', 'decided'])).some((a) => a.organisation_id === organisation.id)) continue;
    const past = new ManualClock(new Date(haven.clock.now().getTime() - applicant.daysAgo * DAY));
    const notices = new MembershipNotices(haven.config, haven.mailer, haven.accounts, haven.organisations, haven.membership);
    const applications = new ApplicationsService(haven.database.db, haven.config, haven.charter, haven.membership, notices, haven.audit, past);
    const review = new ReviewService(haven.database.db, haven.config, applications, haven.membership, notices, haven.audit, past);
    const delegate = await delegateOf(applicant.slug);

    const application = await applications.start(organisation.id, delegate);
    const criteria = (await applications.criteriaFor(application)).flatMap((g) => g.criteria);
    await applications.saveAnswers(
      application,
      criteria.map((c, i) => ({
        criterionKey: c.key,
        answer: applicant.outcome === 'rejected' && i % 3 === 0 ? 'no' : i % 5 === 4 ? 'partly' : 'meets',
        explanation: `Demo answer: how ${organisation.name} meets “${c.title.en}”.`,
        evidence: c.evidence === 'document-link' ? [`https://${applicant.slug}.example/policies/${c.key}`] : [],
      })),
      delegate,
    );
    const submitted = await applications.submit(application, delegate);
    past.advance(2 * DAY);
    const [riverbank, lanterne, shieldline] = await Promise.all(FOUNDERS.map(delegateOf));
    const ids = await Promise.all(FOUNDERS.map(async (slug) => (await haven.organisations.getBySlug(slug)).id));
    await review.comment(submitted, riverbank!, 'Could you say who has access to the hypervisor?', null);
    if (applicant.outcome === 'accepted') {
      await review.takeStance(submitted, riverbank!, ids[0]!, 'support', 'Their answers match what we saw at the last meeting.');
      await review.takeStance(submitted, shieldline!, ids[2]!, 'support', '');
      await review.takeStance(submitted, lanterne!, ids[1]!, 'stand-aside', 'We have not worked with them.');
    } else if (applicant.outcome === 'rejected') {
      await review.takeStance(submitted, lanterne!, ids[1]!, 'objection', 'They do not control their infrastructure and share data with an analytics company.');
    } else {
      await review.takeStance(submitted, shieldline!, ids[2]!, 'support', 'We audited them last spring.');
    }
    if (applicant.outcome === 'in-review') continue;
    past.set(haven.clock.now());
    const current = await applications.get(application.id);
    if (applicant.outcome === 'accepted') await review.decideIfDue(current);
    else await review.reject(current, 'An objection about infrastructure control stood and was not answered.', actor);
  }
  await loadDemoPeerEvaluation(haven);
}

/** Shieldline evaluates Riverbank: two findings, one resolved, one still followed up. */
async function loadDemoPeerEvaluation(haven: Haven): Promise<void> {
  if ((await haven.peerEvaluations.list()).length > 0) return;
  const [evaluator, evaluated] = await Promise.all(['demo-shieldline', 'demo-riverbank-hosting'].map((slug) => haven.organisations.getBySlug(slug)));
  const delegate = async (organisationId: string) => {
    const member = (await haven.organisations.members(organisationId)).find((m) => m.role === 'delegate')!;
    return { accountId: member.account_id, username: member.username };
  };
  const [evaluatorDelegate, evaluatedDelegate] = await Promise.all([delegate(evaluator!.id), delegate(evaluated!.id)]);
  const charter = (await haven.charter.current())!;
  const criteria = charter.content.principles
    .flatMap((p) => p.criteria)
    .filter((c) => (c.appliesTo as string[]).includes('hosting-provider'))
    .slice(0, 3)
    .map((c) => c.key);
  let evaluation = await haven.peerEvaluations.open({ evaluatorId: evaluator!.id, evaluatedId: evaluated!.id, riskLevel: 'high', criteria }, evaluatorDelegate);
  await haven.peerEvaluations.addFinding(evaluation, { subject: criteria[0]!, severity: 'medium', observation: 'Demo: the administration panel is reachable from the whole internet.', recommendation: 'Restrict it to the VPN.' }, evaluatorDelegate);
  await haven.peerEvaluations.addFinding(evaluation, { subject: 'risk-fitness', severity: 'high', observation: 'Demo: backups are kept unencrypted at the same provider.', recommendation: 'Encrypt backups and keep one copy elsewhere.' }, evaluatorDelegate);
  await haven.peerEvaluations.share(evaluation, evaluatorDelegate);
  evaluation = await haven.peerEvaluations.get(evaluation.id);
  await haven.peerEvaluations.addNote(evaluation, 1, evaluated!.id, evaluatedDelegate, 'Demo: the panel now answers only on the VPN.', 'resolved');
  evaluation = await haven.peerEvaluations.get(evaluation.id);
  await haven.peerEvaluations.addNote(evaluation, 2, evaluated!.id, evaluatedDelegate, 'Demo: encrypted backups are being set up.', 'in-progress');
}
