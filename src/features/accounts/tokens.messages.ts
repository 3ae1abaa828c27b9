import { defineMessages } from '../../platform/i18n/locale.ts';

export const tokensText = defineMessages({
  en: {
    title: 'API tokens',
    intro: 'A token lets a script act as you through the API (send it as "Authorization: Bearer <token>"). Anyone holding it can do what you can: revoke it as soon as it is no longer needed.',
    none: 'You have no API token.',
    name: 'Name',
    endsWith: 'Ends with',
    created: 'Created',
    lastUsed: 'Last used (day)',
    never: 'never',
    revoke: 'Revoke',
    create: 'Create a token',
    createdTitle: 'Your new token',
    createdIntro: 'Copy it now: Haven keeps only a fingerprint of it and cannot show it again.',
    back: 'Back to your tokens',
  },
  fr: {
    title: 'Jetons d’API',
    intro: 'Un jeton permet à un script d’agir en votre nom via l’API (envoyez-le sous la forme « Authorization: Bearer <jeton> »). Quiconque le détient peut faire ce que vous pouvez faire : révoquez-le dès qu’il ne sert plus.',
    none: 'Vous n’avez aucun jeton d’API.',
    name: 'Nom',
    endsWith: 'Se termine par',
    created: 'Créé',
    lastUsed: 'Dernière utilisation (jour)',
    never: 'jamais',
    revoke: 'Révoquer',
    create: 'Créer un jeton',
    createdTitle: 'Votre nouveau jeton',
    createdIntro: 'Copiez-le maintenant : Haven n’en garde qu’une empreinte et ne pourra plus l’afficher.',
    back: 'Retour à vos jetons',
  },
});
