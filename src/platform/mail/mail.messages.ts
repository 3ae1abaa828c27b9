import { defineMessages } from '../i18n/locale.ts';

export const mailText = defineMessages({
  en: {
    contentFreeSubject: 'Something needs your attention on Haven',
    contentFreeBody: (url: string) =>
      `Something on Haven needs your attention. For your safety this e-mail does not say what: log in to read it.\n\n${url}\n\nTo receive the details by e-mail, add your OpenPGP public key to your account.`,
  },
  fr: {
    contentFreeSubject: 'Un élément demande votre attention sur Haven',
    contentFreeBody: (url: string) =>
      `Un élément demande votre attention sur Haven. Pour votre sécurité, ce courriel ne dit pas lequel : connectez-vous pour le lire.\n\n${url}\n\nPour recevoir le détail par courriel, ajoutez votre clé publique OpenPGP à votre compte.`,
  },
});
