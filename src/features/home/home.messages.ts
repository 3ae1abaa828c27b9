import { defineMessages } from '../../platform/i18n/locale.ts';

export const homeText = defineMessages({
  en: {
    title: 'Welcome to Haven',
    intro: 'Haven gathers hosting and digital-security providers who commit to a shared charter, and helps the people they protect find a service that fits the risks they face.',
    promises: 'What this coalition promises everyone who uses this site',
    promiseList: [
      'No tracking and no third-party resources: every page comes from this server alone.',
      'Your IP address is never stored; rate limits use a hash that changes every day.',
      'Every page works without JavaScript, including in Tor Browser at its safest setting.',
      'You can download everything held about you and delete your account for good.',
    ],
    welcomeBack: (name: string) => `You are logged in as ${name}.`,
  },
  fr: {
    title: 'Bienvenue sur Haven',
    intro: 'Haven réunit des hébergeurs et des prestataires de sécurité numérique engagés par une charte commune, et aide les personnes qu’ils protègent à trouver un service adapté aux risques qu’elles courent.',
    promises: 'Ce que cette coalition promet à toute personne qui utilise ce site',
    promiseList: [
      'Aucun pistage et aucune ressource tierce : chaque page vient de ce seul serveur.',
      'Votre adresse IP n’est jamais conservée ; les limites de débit utilisent une empreinte qui change chaque jour.',
      'Chaque page fonctionne sans JavaScript, y compris dans le Navigateur Tor au niveau le plus sûr.',
      'Vous pouvez télécharger tout ce qui est conservé à votre sujet et supprimer définitivement votre compte.',
    ],
    welcomeBack: (name: string) => `Vous êtes connecté·e en tant que ${name}.`,
  },
});
