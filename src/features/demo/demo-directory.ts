import type { Haven } from '../../haven.ts';
import type { ProviderProfile, ProviderService } from '../directory/directory.model.ts';
import { emptyProfile } from '../directory/directory.service.ts';
import { newService } from '../directory/service-defaults.ts';

type DemoProvider = { slug: string; profile: Partial<ProviderProfile>; services: Partial<ProviderService>[] };
const fitness = (low: string, medium: string | null, high: string | null): ProviderProfile['fitness'] => ({
  low: { fit: true, explanation: low },
  medium: { fit: medium !== null, explanation: medium ?? '' },
  high: { fit: high !== null, explanation: high ?? '' },
});

/** Profiles of the demo providers: enough variety for every facet of the search to show something. */
const DEMO_PROFILES: DemoProvider[] = [
  {
    slug: 'demo-riverbank-hosting',
    profile: {
      description: 'Demo: an association hosting e-mail, files and pads for newsrooms and rights groups, on its own servers.',
      structureType: 'association',
      website: 'https://riverbank-hosting.example',
      contact: 'contact@riverbank-hosting.example',
      languages: ['en', 'fr'],
      countries: ['FR', 'BE'],
      economicModel: 'donations',
      prices: 'Free for at-risk groups; others give what they can.',
      termsUrl: 'https://riverbank-hosting.example/terms',
      privacyUrl: 'https://riverbank-hosting.example/privacy',
      infrastructure: 'hosted-hardware',
      hypervisorAccess: 'Only our three administrators',
      physicalHost: 'Demo Datacentre Cooperative',
      fitness: fitness('Everyday tools without tracking.', 'Encrypted disks, no logs kept beyond a day.', 'Onion services and a legal team used to authority requests.'),
    },
    services: [
      { name: 'Riverbank Mail', category: 'email', softwareName: 'Postfix', softwareLicence: 'IPL-1.0', registration: 'free', registrationOpen: true, freeOfCharge: true, languages: ['en', 'fr'], hostingCountry: 'FR', endToEndEncryption: false },
      { name: 'Riverbank Cloud', category: 'file-sharing', softwareName: 'Nextcloud', softwareLicence: 'AGPL-3.0', registration: 'members', registrationOpen: false, price: '3 € a month', languages: ['fr'], hostingCountry: 'FR' },
      { name: 'Riverbank Pads', category: 'pads', softwareName: 'Etherpad', softwareLicence: 'Apache-2.0', registration: 'none', registrationOpen: true, freeOfCharge: true, languages: ['en', 'fr'], hostingCountry: 'BE' },
    ],
  },
  {
    slug: 'demo-lanterne-libre',
    profile: {
      description: 'Démo : un collectif qui héberge messagerie chiffrée et visioconférence pour les militantes et militants francophones.',
      structureType: 'collective',
      website: 'https://lanterne-libre.example',
      languages: ['fr'],
      countries: ['FR', 'CH'],
      economicModel: 'membership-fees',
      prices: '10 € par an',
      infrastructure: 'own-hardware',
      hypervisorAccess: 'Personne d’autre que nous : serveurs dans nos locaux',
      onionAddress: 'http://lanternelibre2demo2onion2address2for2the2demo2only2xyzww.onion',
      fitness: fitness('Outils du quotidien.', 'Chiffrement de bout en bout par défaut.', null),
    },
    services: [
      { name: 'Lanterne Chat', category: 'chat', softwareName: 'Synapse', softwareLicence: 'AGPL-3.0', registration: 'free', registrationOpen: true, freeOfCharge: true, languages: ['fr'], hostingCountry: 'CH', endToEndEncryption: true },
      { name: 'Lanterne Visio', category: 'video-calls', softwareName: 'Jitsi Meet', softwareLicence: 'Apache-2.0', registration: 'none', registrationOpen: true, freeOfCharge: true, languages: ['fr'], hostingCountry: 'FR', endToEndEncryption: true },
    ],
  },
  {
    slug: 'demo-shieldline',
    profile: {
      description: 'Demo: digital-security audits, incident response and training for civil-society organisations.',
      structureType: 'cooperative',
      website: 'https://shieldline.example',
      languages: ['en', 'es', 'ar'],
      countries: ['ES', 'TN'],
      economicModel: 'mixed',
      prices: 'Sliding scale; emergency response free for partners.',
      infrastructure: 'rented-server',
      hypervisorAccess: 'Our staff and the hosting company’s',
      physicalHost: 'Demo Rented Servers Inc.',
      fitness: fitness('Training for everyone.', 'Audits for organisations under pressure.', 'Incident responders on call, reached through Signal.'),
    },
    services: [
      { name: 'Emergency incident response', category: 'incident-response', registration: 'clients', registrationOpen: true, freeOfCharge: true, languages: ['en', 'es', 'ar'] },
      { name: 'Security audit', category: 'audit', registration: 'clients', registrationOpen: true, price: 'On quotation', languages: ['en', 'es'] },
      { name: 'Holistic security training', category: 'training', registration: 'clients', registrationOpen: false, status: 'ending', languages: ['es', 'ar'] },
    ],
  },
  {
    slug: 'demo-northwind-cloud',
    profile: {
      description: 'Demo: a cooperative cloud in the north, with forms and calendars.',
      structureType: 'cooperative',
      website: 'https://northwind-cloud.example',
      languages: ['en', 'de'],
      countries: ['DE'],
      economicModel: 'paid',
      prices: 'From 2 € a month',
      infrastructure: 'outsourced',
      hypervisorAccess: 'The cloud company we rent from',
      physicalHost: 'Demo Hyperscaler GmbH',
      fitness: fitness('Ordinary office tools.', null, null),
    },
    services: [
      { name: 'Northwind Forms', category: 'forms', softwareName: 'Yakforms', softwareLicence: 'GPL-2.0', registration: 'free', registrationOpen: true, freeOfCharge: true, languages: ['en', 'de'], hostingCountry: 'DE' },
      { name: 'Northwind Calendar', category: 'calendar', softwareName: 'Radicale', softwareLicence: 'GPL-3.0', registration: 'clients', registrationOpen: true, price: '2 € a month', languages: ['de'], hostingCountry: 'DE' },
    ],
  },
];

/** Fills the directory with the demo profiles that are still empty. */
export async function loadDemoDirectory(haven: Haven): Promise<void> {
  for (const demo of DEMO_PROFILES) {
    const record = await haven.directory.provider(demo.slug);
    if (record.published) continue;
    await haven.directory.saveProfile(demo.slug, { ...emptyProfile(), ...demo.profile }, { kind: 'system', actor: 'system' });
    for (const service of demo.services) await haven.directory.addService(demo.slug, { ...newService(), name: 'Service', ...service }, { kind: 'system', actor: 'system' });
  }
}
