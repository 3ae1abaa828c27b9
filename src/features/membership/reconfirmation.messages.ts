import { defineMessages } from '../../platform/i18n/locale.ts';

export const reconfirmationText = defineMessages({
  en: {
    reconfirmFor: (name: string) => `Re-confirm the charter (${name})`,
    title: (name: string) => `${name} re-confirms the charter`,
    intro: 'Once a year, and whenever the charter is amended, each member answers the current charter again, criterion by criterion. Your last answers are filled in: check and update them.',
    confirmed: (version: number, date: string) => `Last confirmed against version ${version} of the charter on ${date}.`,
    notDue: (date: string) => `The next re-confirmation is due on ${date}.`,
    dueYearly: (date: string) => `A year has passed: re-confirmation is due. Without it, the organisation is shown publicly as lapsed from ${date}.`,
    dueAmendment: (date: string) => `The charter has been amended: re-confirmation is due. Without it, the organisation is shown publicly as lapsed from ${date}.`,
    lapsed: (date: string) => `Re-confirmation is overdue: the organisation has been shown publicly as lapsed since ${date}.`,
    submit: 'Re-confirm against the current charter',
    charterVersion: (n: number) => `Current charter: version ${n}`,
    lapsedFlag: 'lapsed: has not re-confirmed the charter',
    confirmedVersion: (n: number) => `confirmed charter version ${n}`,
    notices: {
      subject: (name: string) => `Haven: ${name}, please re-confirm the charter`,
      yearly: 'A year has passed since your organisation last confirmed it meets the coalition’s charter.',
      amendment: 'The coalition has amended its charter.',
      body: (name: string, why: string, date: string, link: string) =>
        `${why} Please answer the current charter again for ${name}. Without it, ${name} is shown publicly as lapsed from ${date}.\n\n${link}`,
    },
  },
  fr: {
    reconfirmFor: (name: string) => `Reconfirmer la charte (${name})`,
    title: (name: string) => `${name} reconfirme la charte`,
    intro: 'Une fois par an, et à chaque modification de la charte, chaque membre répond de nouveau à la charte actuelle, critère par critère. Vos dernières réponses sont préremplies : vérifiez-les et mettez-les à jour.',
    confirmed: (version: number, date: string) => `Dernière confirmation au regard de la version ${version} de la charte le ${date}.`,
    notDue: (date: string) => `La prochaine reconfirmation est attendue le ${date}.`,
    dueYearly: (date: string) => `Un an s’est écoulé : la reconfirmation est attendue. Sans elle, l’organisation apparaîtra publiquement comme en défaut à partir du ${date}.`,
    dueAmendment: (date: string) => `La charte a été modifiée : la reconfirmation est attendue. Sans elle, l’organisation apparaîtra publiquement comme en défaut à partir du ${date}.`,
    lapsed: (date: string) => `La reconfirmation est en retard : l’organisation apparaît publiquement comme en défaut depuis le ${date}.`,
    submit: 'Reconfirmer au regard de la charte actuelle',
    charterVersion: (n: number) => `Charte actuelle : version ${n}`,
    lapsedFlag: 'en défaut : n’a pas reconfirmé la charte',
    confirmedVersion: (n: number) => `version ${n} de la charte confirmée`,
    notices: {
      subject: (name: string) => `Haven : ${name}, merci de reconfirmer la charte`,
      yearly: 'Un an s’est écoulé depuis que votre organisation a confirmé respecter la charte de la coalition.',
      amendment: 'La coalition a modifié sa charte.',
      body: (name: string, why: string, date: string, link: string) =>
        `${why} Merci de répondre de nouveau à la charte actuelle pour ${name}. Sans cela, ${name} apparaîtra publiquement comme en défaut à partir du ${date}.\n\n${link}`,
    },
  },
});
