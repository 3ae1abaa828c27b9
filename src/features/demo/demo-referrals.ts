import type { Haven } from '../../haven.ts';
import type { Answers } from '../guidance/questionnaire.ts';

/** Three invented people who asked a provider for help on their own, each at a different step. */
const DEMO_PEOPLE: { answers: Answers; contact: string; message: string; region: string; answer: { kind: 'question' | 'accepted'; body: string } | null }[] = [
  {
    answers: { adversaries: ['state-advanced'], visibility: 'public', jurisdiction: 'yes', countries: ['BY'], sensitivity: 'sensitive', skill: 'basic', support: 'none', services: ['email'], languages: ['en', 'fr'] },
    contact: 'Demo: signal +000 000 000 001',
    message: 'Demo request. Our newsroom needs mailboxes our government cannot reach.',
    region: 'EU',
    answer: { kind: 'accepted', body: 'Demo answer. We will write to you on Signal this week to set up your mailboxes.' },
  },
  {
    answers: { adversaries: ['companies'], visibility: 'public', jurisdiction: 'no', countries: [], sensitivity: 'personal', skill: 'comfortable', support: 'occasional', services: ['pads'], languages: ['fr'] },
    contact: 'Démo : collectif@example.org',
    message: 'Demande de démonstration. Nous cherchons des pads pour préparer nos campagnes.',
    region: 'EU',
    answer: { kind: 'question', body: 'Réponse de démonstration. Combien de personnes écriront dans ces pads ?' },
  },
  {
    answers: { adversaries: ['local-authorities', 'criminals'], visibility: 'prominent', jurisdiction: 'unsure', countries: [], sensitivity: 'sensitive', skill: 'none', support: 'none', services: ['email'], languages: ['en'] },
    contact: 'Demo: person@example.org',
    message: 'Demo request, still waiting for an answer.',
    region: 'AF',
    answer: null,
  },
];

/** Referrals sent by people on their own (intermediaries' engagements are demo-guidance's). Loading again adds nothing. */
export async function loadDemoReferrals(haven: Haven): Promise<void> {
  const direct = await haven.database.db.selectFrom('referrals').select('id').where('intermediary_id', 'is', null).executeTakeFirst();
  if (direct) return;
  for (const demo of DEMO_PEOPLE) {
    const result = await haven.assessments.assess(demo.answers);
    const provider = result.recommendations[0]?.provider;
    if (!provider) continue;
    const sent = await haven.referrals.create(
      {
        organisationId: provider.id,
        serviceCategory: demo.answers.services[0] ?? null,
        region: demo.region,
        shared: { level: result.assessment.level, skill: result.assessment.skill, answers: demo.answers, contact: demo.contact, message: demo.message },
      },
      'system',
    );
    if (demo.answer) await haven.referrals.answer(await haven.referrals.byNumber(provider.id, sent.number), demo.answer, 'system');
  }
}
