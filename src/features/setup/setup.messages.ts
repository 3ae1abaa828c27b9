import { defineMessages } from '../../platform/i18n/locale.ts';

export const setupText = defineMessages({
  en: {
    title: 'Create the first steward account',
    intro: 'Haven has no account yet. The account you create here will be the first steward: it can create organisations, accounts and roles for everyone else. This link works once.',
    submit: 'Create the steward account',
  },
  fr: {
    title: 'Créer le premier compte d’intendance',
    intro: 'Haven n’a encore aucun compte. Le compte créé ici sera le premier compte d’intendance : il pourra créer les organisations, les comptes et les rôles de toutes les autres personnes. Ce lien ne fonctionne qu’une fois.',
    submit: 'Créer le compte d’intendance',
  },
});
