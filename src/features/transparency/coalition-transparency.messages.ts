import { defineMessages } from '../../platform/i18n/locale.ts';

export const coalitionTransparencyText = defineMessages({
  en: {
    title: 'Transparency of the coalition',
    intro: 'What the coalition itself answers for: its warrant canary and the incidents of its shared services. Each provider answers for itself on its profile in the directory.',
    incidentsLink: 'Incident journal of the coalition',
    providersLink: 'Providers’ canaries, registers and reports, on each profile in the directory',
    historyTitle: 'Earlier statements',
    published: (date: string, next: string) => `signed on ${date}, next promised by ${next}`,
    signHint: 'The stewards’ operator signs the next statement on the server with: npm run haven -- canary sign --next-update YYYY-MM-DD',
  },
  fr: {
    title: 'Transparence de la coalition',
    intro: 'Ce dont la coalition répond elle-même : son canari de mandat et les incidents de ses services communs. Chaque fournisseur répond de lui-même sur son profil dans l’annuaire.',
    incidentsLink: 'Journal des incidents de la coalition',
    providersLink: 'Canaris, registres et rapports des fournisseurs, sur chaque profil de l’annuaire',
    historyTitle: 'Déclarations précédentes',
    published: (date: string, next: string) => `signée le ${date}, suivante promise avant le ${next}`,
    signHint: 'L’opérateur des intendants signe la déclaration suivante sur le serveur avec : npm run haven -- canary sign --next-update AAAA-MM-JJ',
  },
});
