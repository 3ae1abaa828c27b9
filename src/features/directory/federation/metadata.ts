import type { ProviderProfile, ProviderService, ServiceCategory } from '../directory.model.ts';

/** The two established formats providers publish about themselves. */
export const METADATA_FORMATS = ['statoolinfos', 'librehost'] as const;
export type MetadataFormat = (typeof METADATA_FORMATS)[number];

/**
 * What a provider's published metadata says, in the directory's words.
 * Fields a file does not state are left out, so an import never blanks
 * what the provider typed in Haven itself.
 */
export interface ImportedMetadata {
  name?: string;
  profile: Partial<ProviderProfile>;
  services: ImportedService[];
  /** Keys or entries that were read but not understood: shown to the provider, never an error. */
  ignored: string[];
}

export type ImportedService = Partial<ProviderService> & Pick<ProviderService, 'name'>;

/** Why a file was refused; the code is stable and has a translated sentence on the provider's page. */
export class MetadataRejected extends Error {
  constructor(
    readonly code:
      | 'not_found'
      | 'too_large'
      | 'binary'
      | 'bad_encoding'
      | 'bad_syntax'
      | 'not_metadata'
      | 'too_many_links'
      | 'forbidden_address'
      | 'timeout'
      | 'unreachable'
      | 'http_error'
      | 'too_many_redirects',
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

// ---------------------------------------------------------------------------
// Reading single values out of files Haven does not control. Both parsers use
// these, so a hostile or sloppy file is held to the same limits as a form.

/** The directory's own limits (see directory.schemas.ts), so an import cannot blow up a profile. */
export const VALUE_LIMITS = { name: 200, description: 5000, other: 500, softwareName: 200, softwareLicence: 200, softwareVersion: 100 } as const;

/** More links than any real provider or federation publishes; past this a file is a crawl trap. */
export const MAX_LINKS = 500;

// C0 and C1 controls except tab and newline: nothing legitimate, and some terminals and logs obey them.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Trimmed, capped text without control characters; undefined when nothing is left. */
export function importedText(value: unknown, limit: number, multiline = false): string | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.replace(/\r\n?/g, '\n');
  if (!multiline) text = text.replace(/\s+/g, ' ');
  text = text.replace(CONTROL_CHARACTERS, '').trim();
  if (!text) return undefined;
  if (text.length <= limit) return text;
  // Cut on code points, never in the middle of a surrogate pair.
  return Array.from(text.slice(0, limit * 2)).slice(0, limit).join('').trimEnd();
}

/** An http or https address, or undefined. Quotes some generators put around values are dropped. */
export function webAddress(value: unknown): string | undefined {
  const text = importedText(value, Number.MAX_SAFE_INTEGER)?.replace(/^(['"])(.*)\1$/, '$2').trim();
  if (!text || text.length > VALUE_LIMITS.other || /\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // "https://bank.example@evil.example" reads as one site and leads to another.
  if (url.username || url.password) return undefined;
  return /^https?:\/\/[^\s/?#]+/.test(text) ? text : url.href;
}

/** A Tor onion service address in the form the directory stores. */
export function onionAddress(value: unknown): string | undefined {
  const address = webAddress(value);
  return address && address.length <= 100 && /^https?:\/\/[a-z2-7]{56}\.onion(\/\S*)?$/.test(address) ? address : undefined;
}

export function emailAddress(value: unknown): string | undefined {
  const text = importedText(value, 254)?.replace(/^mailto:/i, '');
  return text && /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/.test(text) ? text : undefined;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** ISO 639-1 codes from a list ("fr;en", "fr, en-GB") or an array; unknown codes are dropped. */
export function languageCodes(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[;,\s]+/) : [];
  const codes = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string') continue;
    const code = /^([a-z]{2})(?:[-_][a-z0-9]+)*$/i.exec(item.trim())?.[1]?.toLowerCase();
    if (code && LANGUAGE_NAMES.of(code) !== code) codes.add(code);
    if (codes.size === 50) break;
  }
  return [...codes];
}

// Codes ICU names that are not countries of ISO 3166-1: groupings, pseudo-locales, withdrawn codes.
const NOT_COUNTRIES = new Set(
  'AC AN BU CP CQ CS DD DG DY EA EU EZ FX HV IC NH NT QO RH SU TA TP UK UN VD XA XB YD YU ZR ZZ'.split(' '),
);
const NAME_LOCALES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'];
// Names people write that ICU spells differently.
const COUNTRY_ALIASES: Record<string, string> = { uk: 'GB', usa: 'US', england: 'GB', holland: 'NL', 'czech republic': 'CZ', turkey: 'TR', 'ivory coast': 'CI' };

let countryIndex: { codes: Set<string>; byName: Map<string, string> } | undefined;

const foldName = (name: string) =>
  name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();

function countries() {
  if (countryIndex) return countryIndex;
  const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  const codes = new Set<string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (!NOT_COUNTRIES.has(code) && english.of(code) !== code) codes.add(code);
    }
  }
  const byName = new Map(Object.entries(COUNTRY_ALIASES));
  for (const locale of NAME_LOCALES) {
    const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    for (const code of codes) {
      const name = foldName(names.of(code) ?? '');
      if (name && !byName.has(name)) byName.set(name, code);
    }
  }
  countryIndex = { codes, byName };
  return countryIndex;
}

/** An ISO 3166-1 alpha-2 code from a code ("de", "UK") or a country's name in a common language. */
export function countryCode(value: unknown): string | undefined {
  const text = importedText(value, 100);
  if (!text) return undefined;
  const { codes, byName } = countries();
  if (/^[a-z]{2}$/i.test(text)) {
    const code = text.toUpperCase() === 'UK' ? 'GB' : text.toUpperCase();
    return codes.has(code) ? code : undefined;
  }
  return byName.get(foldName(text));
}

/**
 * Neither format names a service's category, so it is guessed from the
 * software (then the service's name), as stats.chatons.org does. First match
 * wins, so video calls come before chat and chat before e-mail.
 */
const CATEGORY_HINTS: [ServiceCategory, RegExp][] = [
  ['video-calls', /\b(jitsi|bigbluebutton|bbb|gal[eè]ne|visio)\b/],
  ['pads', /\b(etherpad|hedgedoc|codimd|cryptpad|framapad|collabora|onlyoffice)\b/],
  ['forms', /\b(framaforms|yakforms|limesurvey|formbricks)\b/],
  ['calendar', /\b(radicale|ba[iï]kal|davical|framadate|rallly)\b/],
  ['chat', /\b(matrix|element|synapse|dendrite|conduit|mattermost|rocket\.?chat|zulip|xmpp|jabber|prosody|ejabberd|movim|mumble|irc)\b/],
  ['email', /\b(roundcube|postfix|dovecot|sogo|snappymail|rainloop|mailcow|mailu|iredmail|mailman|sympa)\b/],
  ['file-sharing', /\b(nextcloud|owncloud|seafile|lufi|psitransfer|pydio|syncthing|filestash)\b/],
  ['vpn', /\b(wireguard|openvpn|headscale)\b/],
  ['dns', /\b(powerdns|bind9?|knot|unbound|nsd|adguard|pi-hole)\b/],
  ['web-hosting', /\b(wordpress|ispconfig|grav|hugo|writefreely|plesk|nginx|apache|caddy)\b/],
];

/** The category a service most likely belongs to; 'other' (e.g. PeerTube, Gitea) when nothing matches. */
export function guessCategory(softwareName: string | undefined, serviceName: string | undefined): ServiceCategory {
  for (const candidate of [softwareName, serviceName]) {
    const text = candidate?.toLowerCase();
    if (!text) continue;
    const hint = CATEGORY_HINTS.find(([, pattern]) => pattern.test(text));
    if (hint) return hint[0];
  }
  return 'other';
}
