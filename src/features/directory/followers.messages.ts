import { defineMessages } from '../../platform/i18n/locale.ts';

export const followersText = defineMessages({
  en: {
    follow: 'Follow this provider',
    unfollow: 'Stop following',
    following: 'You follow this provider: you are told when its warrant canary is overdue or no longer verifies.',
    followHint: 'Be told when its warrant canary is overdue or no longer verifies. Nobody else, not even the provider, sees whom you follow.',
    logInToFollow: 'Log in to follow this provider.',
    title: 'Providers you follow',
    intro: 'You are told, in your notifications and by e-mail (encrypted when you have given an OpenPGP key, otherwise only as a nudge to log in), when the warrant canary of one of these providers is overdue or no longer verifies. Nobody else sees this list.',
    none: 'You follow no provider yet. Follow one from its profile in the directory.',
    since: (date: string) => `since ${date}`,
  },
  fr: {
    follow: 'Suivre ce fournisseur',
    unfollow: 'Ne plus suivre',
    following: 'Vous suivez ce fournisseur : vous êtes averti·e quand son canari de mandat est en retard ou ne se vérifie plus.',
    followHint: 'Être averti·e quand son canari de mandat est en retard ou ne se vérifie plus. Personne d’autre, pas même le fournisseur, ne voit qui vous suivez.',
    logInToFollow: 'Connectez-vous pour suivre ce fournisseur.',
    title: 'Fournisseurs que vous suivez',
    intro: 'Vous êtes averti·e, dans vos notifications et par courriel (chiffré si vous avez donné une clé OpenPGP, sinon seulement par une invitation à vous connecter), quand le canari de mandat de l’un de ces fournisseurs est en retard ou ne se vérifie plus. Personne d’autre ne voit cette liste.',
    none: 'Vous ne suivez encore aucun fournisseur. Suivez-en un depuis son profil dans l’annuaire.',
    since: (date: string) => `depuis le ${date}`,
  },
});
