import { defineMessages } from '../../platform/i18n/locale.ts';

/** The words the conduct service itself needs (errors, notices); each page has its own messages file. */
export const conductText = defineMessages({
  en: {
    newReportSubject: (number: number) => `A new code-of-conduct report (${number})`,
    reporterWroteSubject: (number: number) => `The reporter wrote on code-of-conduct report ${number}`,
    outcomeSubject: 'News of the code-of-conduct report you made',
    waitingText: (link: string) => `Something waits for you on Haven:\n\n${link}`,
    errors: {
      notTeam: 'You can exclude only members of the conduct team.',
      unknownAccount: (username: string) => `No account has the username “${username}”.`,
      empty: 'Say what happened.',
      badEmail: 'Give an e-mail address, or choose another way to hear from us.',
      accountNeeded: 'Log in to be told in your account, or choose another way.',
    },
  },
  fr: {
    newReportSubject: (number: number) => `Un nouveau signalement au titre du code de conduite (${number})`,
    reporterWroteSubject: (number: number) => `La personne qui a signalé a écrit sur le signalement ${number}`,
    outcomeSubject: 'Des nouvelles de votre signalement au titre du code de conduite',
    waitingText: (link: string) => `Un élément vous attend sur Haven :\n\n${link}`,
    errors: {
      notTeam: 'Vous ne pouvez exclure que des membres de l’équipe de conduite.',
      unknownAccount: (username: string) => `Aucun compte n’a le nom d’utilisateur « ${username} ».`,
      empty: 'Dites ce qui s’est passé.',
      badEmail: 'Indiquez une adresse électronique, ou choisissez une autre façon d’être tenu·e au courant.',
      accountNeeded: 'Connectez-vous pour être tenu·e au courant dans votre compte, ou choisissez une autre façon.',
    },
  },
});
