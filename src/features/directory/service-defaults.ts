import type { ProviderService } from './directory.model.ts';

/** A service before anything is said about it: the form starts here, and an import fills in what its file states. */
export function newService(): ProviderService {
  return {
    name: '',
    category: 'other',
    description: '',
    url: null,
    softwareName: '',
    softwareLicence: '',
    softwareVersion: '',
    sourceUrl: null,
    registration: 'free',
    registrationOpen: true,
    price: '',
    freeOfCharge: false,
    languages: [],
    hostingCountry: null,
    onionAddress: null,
    endToEndEncryption: false,
    status: 'active',
  };
}
