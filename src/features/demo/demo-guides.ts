import type { Haven } from '../../haven.ts';
import type { GuideInput } from '../guidance/guides.service.ts';

/**
 * Demo learning resources, five in English and five in French, across risk
 * levels and experience. Written for this demo; each links to nothing or to
 * a page of this instance, never to another site.
 */
export const DEMO_GUIDES: GuideInput[] = [
  {
    locale: 'en',
    title: 'Demo: Turn on two-factor authentication',
    summary: 'Demo guide. A password alone can be guessed or stolen. Add a second step, a code from an app on your phone, to your e-mail and social accounts first, and keep the recovery codes on paper somewhere safe.',
    url: null,
    levels: ['low', 'medium'],
    skills: ['beginner'],
  },
  {
    locale: 'en',
    title: 'Demo: Spot a phishing message before you click',
    summary: 'Demo guide. Urgent tone, a sender address that is almost right, a link whose real destination differs from its text: learn the signs, and check with the sender through another channel before opening an attachment or typing a password.',
    url: null,
    levels: ['low', 'medium', 'high'],
    skills: ['beginner'],
  },
  {
    locale: 'en',
    title: 'Demo: Choose an end-to-end encrypted messenger',
    summary: 'Demo guide. With end-to-end encryption only you and the people you write to can read your messages, not the company running the service. Compare what each app still learns (contacts, times, phone number) and turn on disappearing messages for sensitive conversations.',
    url: null,
    levels: ['medium', 'high'],
    skills: ['beginner', 'intermediate'],
  },
  {
    locale: 'en',
    title: 'Demo: Browse with Tor Browser when you are watched',
    summary: 'Demo guide. Tor Browser hides which sites you visit from your network and hides where you are from those sites. Use its safest security level, do not log in to accounts tied to your name in the same session, and prefer onion addresses when a service offers one.',
    url: null,
    levels: ['high'],
    skills: ['intermediate', 'advanced'],
  },
  {
    locale: 'en',
    title: 'Demo: What a warrant canary tells you',
    summary: 'Demo guide. A provider that may not say it received a secret order can still stop saying it has not. Learn to read a signed canary statement, its date and next update, and what it means when one goes overdue; the transparency pages here show each provider’s.',
    url: '/transparency',
    levels: ['low', 'medium', 'high'],
    skills: ['intermediate'],
  },
  {
    locale: 'fr',
    title: 'Démo : Activer la double authentification',
    summary: 'Guide de démonstration. Un mot de passe seul peut être deviné ou volé. Ajoutez une seconde étape, un code donné par une application sur votre téléphone, d’abord pour votre messagerie et vos réseaux sociaux, et gardez les codes de secours sur papier en lieu sûr.',
    url: null,
    levels: ['low', 'medium'],
    skills: ['beginner'],
  },
  {
    locale: 'fr',
    title: 'Démo : Confier ses mots de passe à un gestionnaire',
    summary: 'Guide de démonstration. Un gestionnaire de mots de passe retient pour vous un mot de passe différent et long pour chaque compte ; vous n’en retenez plus qu’un, la phrase de passe qui l’ouvre. Commencez par les comptes les plus importants, puis remplacez peu à peu les mots de passe réutilisés.',
    url: null,
    levels: ['low', 'medium', 'high'],
    skills: ['beginner', 'intermediate'],
  },
  {
    locale: 'fr',
    title: 'Démo : Chiffrer son ordinateur et son téléphone',
    summary: 'Guide de démonstration. Un appareil perdu, volé ou saisi ne doit rien révéler. Activez le chiffrement du disque de l’ordinateur et vérifiez celui du téléphone, choisissez un code de déverrouillage long et éteignez l’appareil quand il risque de vous être pris.',
    url: null,
    levels: ['medium', 'high'],
    skills: ['intermediate'],
  },
  {
    locale: 'fr',
    title: 'Démo : Faire des sauvegardes qui servent vraiment',
    summary: 'Guide de démonstration. Une panne, un vol ou un rançongiciel ne devrait pas vous faire tout perdre. Gardez trois copies, sur deux supports différents dont un hors de chez vous, chiffrez-les, et essayez de temps en temps de restaurer un fichier.',
    url: null,
    levels: ['low', 'medium'],
    skills: ['beginner', 'intermediate'],
  },
  {
    locale: 'fr',
    title: 'Démo : Lire le canari de mandat d’un hébergeur',
    summary: 'Guide de démonstration. Un hébergeur à qui la loi interdit de dire qu’il a reçu une réquisition secrète peut cesser d’affirmer qu’il n’en a pas reçu. Apprenez à lire la déclaration signée, sa date et sa prochaine mise à jour, et ce que signifie un retard ; les pages de transparence montrent celle de chaque fournisseur.',
    url: '/transparency',
    levels: ['low', 'medium', 'high'],
    skills: ['intermediate', 'advanced'],
  },
];

/** Adds the demo guides that are not there yet (same language and title), so loading twice adds nothing. */
export async function loadDemoGuides(haven: Haven): Promise<void> {
  const present = new Set((await haven.guides.list()).map((g) => `${g.locale}\n${g.title}`));
  for (const guide of DEMO_GUIDES) {
    if (!present.has(`${guide.locale}\n${guide.title}`)) await haven.guides.create(guide, 'system');
  }
}
