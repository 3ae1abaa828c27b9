import { defineMessages } from '../../platform/i18n/locale.ts';

export const organisationsText = defineMessages({
  en: {
    kinds: {
      'hosting-provider': 'Hosting provider',
      'security-provider': 'Digital-security provider',
      partner: 'Partner organisation',
      intermediary: 'Intermediary',
      donor: 'Donor',
    },
    roles: { delegate: 'Delegate', staff: 'Staff' },
    fields: { slug: 'Short name (in addresses)', name: 'Name', kind: 'Kind', member: 'Username', role: 'Role in the organisation' },
    errors: {
      slugTaken: 'Another organisation already uses this short name.',
      alreadyMember: 'This person already belongs to the organisation.',
      noSuchAccount: 'There is no account with this username.',
    },
  },
  fr: {
    kinds: {
      'hosting-provider': 'Hébergeur',
      'security-provider': 'Prestataire de sécurité numérique',
      partner: 'Organisation partenaire',
      intermediary: 'Intermédiaire',
      donor: 'Bailleur de fonds',
    },
    roles: { delegate: 'Délégué·e', staff: 'Équipe' },
    fields: { slug: 'Nom court (dans les adresses)', name: 'Nom', kind: 'Type', member: 'Nom d’utilisateur', role: 'Rôle dans l’organisation' },
    errors: {
      slugTaken: 'Une autre organisation utilise déjà ce nom court.',
      alreadyMember: 'Cette personne fait déjà partie de l’organisation.',
      noSuchAccount: 'Aucun compte ne porte ce nom d’utilisateur.',
    },
  },
});
