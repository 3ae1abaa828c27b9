import { defineMessages } from '../../platform/i18n/locale.ts';

export const loginText = defineMessages({
  en: {
    logInTitle: 'Log in',
    logInSubmit: 'Log in',
    secondFactorTitle: 'Second factor',
    secondFactorIntro: 'Enter the six-digit code from your authenticator app, or one of your recovery codes.',
    secondFactorSubmit: 'Continue',
    signUpTitle: 'Create an account',
    signUpIntro: 'An account needs only a username and a password. You do not need to give your name or an e-mail address.',
    signUpSubmit: 'Create the account',
    noAccount: 'No account yet?',
  },
  fr: {
    logInTitle: 'Connexion',
    logInSubmit: 'Se connecter',
    secondFactorTitle: 'Second facteur',
    secondFactorIntro: 'Saisissez le code à six chiffres de votre application d’authentification, ou l’un de vos codes de secours.',
    secondFactorSubmit: 'Continuer',
    signUpTitle: 'Créer un compte',
    signUpIntro: 'Un compte ne demande qu’un nom d’utilisateur et un mot de passe. Vous n’avez à donner ni votre nom ni une adresse électronique.',
    signUpSubmit: 'Créer le compte',
    noAccount: 'Pas encore de compte ?',
  },
});
