import type { ServiceCategory } from '../src/features/directory/directory.model.ts';

/**
 * Words the synthetic directory is written with, and the searches are made
 * of: so a search for "nextcloud", "journ" or "lyon" finds what it would in a
 * real coalition, no more and no less. Lists that feed skewed draws are in
 * order of frequency, most common first.
 */

export const NAME_WORDS = (
  'Lantern Quay Fjord Harbour Beacon Willow Ember Cedar Marram Kestrel Heron Basalt Tidewater Aurora Meridian Compass ' +
  'Lighthouse Orchard Hive Burrow Riverbank Granite Juniper Saffron Indigo Cobalt Fennel Thistle Larch Alder Rowan Sorrel ' +
  'Linden Hazel Moss Fern Bramble Clover Sparrow Wren Otter Badger Lynx Ibis Condor Puffin Gannet Tern Osprey Falcon ' +
  'Citadel Bastion Rampart Keystone Anchor Mooring Jetty Lagoon Delta Estuary Isthmus Atoll Mesa Canyon Ridge Summit ' +
  'Hollow Glade Meadow Prairie Steppe Tundra Savanna Oasis Caravan Nomad Pilgrim Wayfarer Ferry Zephyr Sirocco Mistral ' +
  'Monsoon Solstice Equinox Nimbus Cirrus Boreal Austral Pampa Sahel Atlas Andes Baltic Adriatic Aegean Levant Kookaburra'
).split(' ');

export const NAME_SUFFIXES = (
  'Collective Cooperative Hosting Networks Libre Digital Tech Commons Cloud Systems Works Association Alliance Guild Lab ' +
  'Foundation Services Infrastructure Shelter Security Solidarity Net Data Web'
).split(' ');

/** Cities with their country; the order of COUNTRIES below decides how often each is drawn. */
export const CITIES: Record<string, string[]> = {
  FR: ['Paris', 'Lyon', 'Marseille', 'Nantes', 'Toulouse'],
  DE: ['Berlin', 'Hamburg', 'Leipzig', 'Freiburg'],
  NL: ['Amsterdam', 'Utrecht', 'Rotterdam'],
  CH: ['Geneva', 'Zurich', 'Lausanne'],
  IS: ['Reykjavik'],
  SE: ['Stockholm', 'Malmö'],
  BE: ['Brussels', 'Liège', 'Ghent'],
  US: ['New York', 'Seattle', 'Oakland'],
  CA: ['Montréal', 'Toronto'],
  ES: ['Madrid', 'Barcelona', 'Bilbao'],
  IT: ['Rome', 'Bologna', 'Turin'],
  GB: ['London', 'Glasgow', 'Bristol'],
  AT: ['Vienna', 'Graz'],
  NO: ['Oslo', 'Bergen'],
  FI: ['Helsinki'],
  DK: ['Copenhagen'],
  PT: ['Lisbon', 'Porto'],
  IE: ['Dublin'],
  LU: ['Luxembourg'],
  BR: ['São Paulo', 'Recife'],
  AR: ['Buenos Aires'],
  MX: ['Mexico City', 'Oaxaca'],
  KE: ['Nairobi'],
  ZA: ['Cape Town', 'Johannesburg'],
  TN: ['Tunis'],
};
export const COUNTRIES = Object.keys(CITIES);

export const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'ar', 'ru', 'tr', 'fa', 'sw'];

export const AUDIENCES = [
  'journalists',
  'newsrooms',
  'human-rights defenders',
  'lawyers',
  'activists',
  'feminist groups',
  'trade unions',
  'migrant support groups',
  'local associations',
  'students',
  'researchers',
  'artists',
  'environmental groups',
  'LGBTQ+ organisations',
  'independent media',
  'whistleblowers',
  'NGOs',
];

export const COMMITMENTS = [
  'No tracking and no advertising',
  'Our servers run on renewable energy',
  'Backups are encrypted and kept in two places',
  'All the software we run is free and open source',
  'We publish a transparency report every year',
  'We answer legal requests only with a court order, and publish each one',
  'Accounts are deleted with everything in them when you leave',
  'Logs are kept for seven days at most',
  'Support answers within one working day',
  'Run by volunteers, funded by donations',
  'Audited by an independent security firm',
];

export const PHYSICAL_HOSTS = ['our own premises', 'Hetzner', 'OVHcloud', 'Scaleway', 'Greenhost', 'Infomaniak', '1984 Hosting', 'a local data centre', 'Init7', 'Tetaneutral'];

/** What providers of each kind mostly offer, most common first. */
export const HOSTING_CATEGORIES: ServiceCategory[] = ['email', 'file-sharing', 'pads', 'chat', 'video-calls', 'web-hosting', 'calendar', 'forms', 'vpn', 'other', 'dns'];
export const SECURITY_CATEGORIES: ServiceCategory[] = ['incident-response', 'audit', 'training', 'vpn', 'chat', 'dns', 'other'];

/** Software of each category, as service files name it (the federation's category guess recognises most). */
export const SOFTWARE: Record<ServiceCategory, string[]> = {
  email: ['Roundcube', 'Postfix', 'SOGo', 'Mailcow', 'SnappyMail', 'Dovecot'],
  'file-sharing': ['Nextcloud', 'Seafile', 'Lufi', 'PsiTransfer', 'ownCloud'],
  chat: ['Matrix Synapse', 'Element', 'Prosody', 'ejabberd', 'Mattermost', 'Rocket.Chat', 'Zulip'],
  'video-calls': ['Jitsi Meet', 'BigBlueButton', 'Galène'],
  'web-hosting': ['WordPress', 'ISPConfig', 'Grav', 'Hugo', 'WriteFreely', 'Caddy'],
  pads: ['Etherpad', 'HedgeDoc', 'CryptPad', 'Collabora Online', 'OnlyOffice'],
  forms: ['Yakforms', 'LimeSurvey', 'Formbricks'],
  calendar: ['Radicale', 'Baïkal', 'Rallly', 'Framadate'],
  vpn: ['WireGuard', 'OpenVPN', 'Headscale'],
  dns: ['Unbound', 'PowerDNS', 'Knot Resolver', 'AdGuard Home'],
  'incident-response': ['TheHive', 'MISP', 'Velociraptor', 'Helpline'],
  audit: ['OpenVAS', 'Nuclei', 'Lynis', 'Manual review'],
  training: ['Workshops', 'Moodle', 'Security Planner'],
  other: ['PeerTube', 'Forgejo', 'Gitea', 'Mastodon', 'Mobilizon', 'Funkwhale'],
};

/** How a provider names a service of each category, after its own name ("Lantern Pads"). */
export const CATEGORY_NOUNS: Record<ServiceCategory, string[]> = {
  email: ['Mail', 'Email'],
  'file-sharing': ['Files', 'Drive', 'Cloud'],
  chat: ['Chat', 'Messaging'],
  'video-calls': ['Visio', 'Meet'],
  'web-hosting': ['Sites', 'Web hosting'],
  pads: ['Pads', 'Docs'],
  forms: ['Forms', 'Surveys'],
  calendar: ['Calendar', 'Dates'],
  vpn: ['VPN'],
  dns: ['DNS', 'Resolver'],
  'incident-response': ['Incident response', 'Digital first aid'],
  audit: ['Security audit', 'Pentest'],
  training: ['Training', 'Digital security workshops'],
  other: ['Video', 'Git', 'Social', 'Events'],
};

export const LICENCES = ['AGPL-3.0', 'GPL-3.0', 'Apache-2.0', 'MIT', 'MPL-2.0', 'GPL-2.0'];

/** A word a search could contain that no provider uses. */
export const ABSENT_WORDS = ['blockchain', 'metaverse', 'quantum', 'zzyzx'];
