import { defineMessages, formatDate, type Locale } from '../../../platform/i18n/locale.ts';
import type { OutboundRefusalCode } from '../../../platform/outbound/outbound-fetch.ts';
import type { CheckResult, Claim, Fact } from './check-result.ts';

type TlsReason = 'nameMismatch' | 'selfSigned' | 'unknownIssuer' | 'expired' | 'notYetValid';

/** Sentences about the automated checks of a provider's website, for the people reading its profile. */
export const evidenceText = defineMessages({
  en: {
    claims: {
      tls: 'HTTPS certificate',
      'security-headers': 'Browser protections (security headers)',
      'third-parties': 'No third-party resources on the home page',
      'security-txt': 'Vulnerability reporting contact (security.txt)',
      reachability: 'Website reachable',
    } satisfies Record<Claim, string>,
    list: (items: string[]) => items.join(', '),
    couldNotCheck: (why: string) => `Could not be checked: ${why}.`,
    refusals: {
      bad_url: 'the website address is not a valid http or https address',
      forbidden_address: 'the website address is not a public Internet address',
      timeout: 'the website did not answer in time',
      unreachable: 'Haven could not connect to the website',
      too_large: 'the answer was larger than Haven accepts',
      too_many_redirects: 'the website redirects too many times',
      tls_error: 'the secure connection failed',
      http_error: 'the website answered with an error',
    } satisfies Record<OutboundRefusalCode, string>,
    tls: {
      notHttps: 'The website is not served over HTTPS.',
      valid: (days: number, date: string) => `Certificate valid, expires in ${days} ${days === 1 ? 'day' : 'days'} (${date}).`,
      validSoon: (days: number, date: string) => `Certificate valid, but expires in ${days} ${days === 1 ? 'day' : 'days'} (${date}): it should be renewed now.`,
      expiresToday: (date: string) => `Certificate expires within a day (${date}).`,
      expired: (date: string) => `Certificate expired on ${date}.`,
      untrusted: (reason: string) => `Certificate not trusted by browsers: ${reason}.`,
      reasons: {
        nameMismatch: 'it is made for another name',
        selfSigned: 'it is self-signed',
        unknownIssuer: 'its issuer is unknown, or the chain of certificates is incomplete',
        expired: 'it has expired',
        notYetValid: 'it is not valid yet',
      } satisfies Record<TlsReason, string>,
    },
    headers: {
      names: {
        hsts: 'HSTS',
        'hsts-max-age': 'HSTS for at least 180 days',
        'content-security-policy': 'content security policy',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'referrer policy',
        'frame-ancestors': 'framing rules',
        'permissions-policy': 'permissions policy',
      } as Record<string, string>,
      verified: (days: number) => `HTTPS enforced for ${days} days (HSTS), with a content security policy and nosniff.`,
      alsoMissing: (list: string) => `Also missing: ${list}.`,
      missing: (list: string) => `Missing or too weak: ${list}.`,
    },
    thirdParties: {
      none: 'The home page loads nothing from other sites.',
      some: (count: number, list: string) => `The home page loads resources from ${count === 1 ? 'another site' : `${count} other sites`}: ${list}.`,
      cspAllows: (list: string) => `Its content security policy also allows: ${list}.`,
    },
    securityTxt: {
      verified: (contacts: number, date: string) => `security.txt gives ${contacts === 1 ? 'a contact' : `${contacts} contacts`} and is valid until ${date}.`,
      signed: 'It is signed with OpenPGP.',
      tooFar: 'Its expiry is more than a year away; RFC 9116 advises less.',
      problems: (list: string) => `security.txt does not follow RFC 9116: ${list}.`,
      problemNames: {
        not_found: 'not found',
        not_https: 'not served over HTTPS',
        wrong_content_type: 'not served as text/plain',
        missing_contact: 'no Contact field',
        missing_expires: 'no Expires field',
        multiple_expires: 'more than one Expires field',
        invalid_expires: 'Expires is not a valid date',
        expired: 'it has expired',
      } as Record<string, string>,
    },
    reachability: {
      answers: (status: number, redirects: number) =>
        `The home page answers (HTTP ${status}${redirects === 0 ? '' : redirects === 1 ? ', after a redirect' : `, after ${redirects} redirects`}).`,
      downgraded: 'On the way, a redirect leaves HTTPS for plain HTTP.',
      fails: (status: number) => `The home page answers with an error (HTTP ${status}).`,
    },
  },
  fr: {
    claims: {
      tls: 'Certificat HTTPS',
      'security-headers': 'Protections du navigateur (en-têtes de sécurité)',
      'third-parties': 'Aucune ressource tierce sur la page d’accueil',
      'security-txt': 'Contact pour signaler une vulnérabilité (security.txt)',
      reachability: 'Site web joignable',
    },
    list: (items: string[]) => items.join(', '),
    couldNotCheck: (why: string) => `Vérification impossible : ${why}.`,
    refusals: {
      bad_url: 'l’adresse du site n’est pas une adresse http ou https valide',
      forbidden_address: 'l’adresse du site n’est pas une adresse publique d’Internet',
      timeout: 'le site n’a pas répondu à temps',
      unreachable: 'Haven n’a pas pu se connecter au site',
      too_large: 'la réponse dépasse la taille qu’accepte Haven',
      too_many_redirects: 'le site redirige trop de fois',
      tls_error: 'la connexion sécurisée a échoué',
      http_error: 'le site a répondu par une erreur',
    },
    tls: {
      notHttps: 'Le site n’est pas servi en HTTPS.',
      valid: (days: number, date: string) => `Certificat valide, expire dans ${days} ${days === 1 ? 'jour' : 'jours'} (${date}).`,
      validSoon: (days: number, date: string) => `Certificat valide, mais expire dans ${days} ${days === 1 ? 'jour' : 'jours'} (${date}) : il faut le renouveler dès maintenant.`,
      expiresToday: (date: string) => `Certificat qui expire dans moins d’un jour (${date}).`,
      expired: (date: string) => `Certificat expiré le ${date}.`,
      untrusted: (reason: string) => `Certificat refusé par les navigateurs : ${reason}.`,
      reasons: {
        nameMismatch: 'il est fait pour un autre nom',
        selfSigned: 'il est auto-signé',
        unknownIssuer: 'son émetteur est inconnu, ou la chaîne de certificats est incomplète',
        expired: 'il a expiré',
        notYetValid: 'il n’est pas encore valide',
      },
    },
    headers: {
      names: {
        hsts: 'HSTS',
        'hsts-max-age': 'HSTS d’au moins 180 jours',
        'content-security-policy': 'politique de sécurité du contenu',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'politique de référent',
        'frame-ancestors': 'règles d’intégration en cadre',
        'permissions-policy': 'politique d’autorisations',
      },
      verified: (days: number) => `HTTPS imposé pour ${days} jours (HSTS), avec une politique de sécurité du contenu et nosniff.`,
      alsoMissing: (list: string) => `Manquent aussi : ${list}.`,
      missing: (list: string) => `Absents ou trop faibles : ${list}.`,
    },
    thirdParties: {
      none: 'La page d’accueil ne charge rien depuis d’autres sites.',
      some: (count: number, list: string) => `La page d’accueil charge des ressources depuis ${count === 1 ? 'un autre site' : `${count} autres sites`} : ${list}.`,
      cspAllows: (list: string) => `Sa politique de sécurité du contenu autorise aussi : ${list}.`,
    },
    securityTxt: {
      verified: (contacts: number, date: string) => `security.txt donne ${contacts === 1 ? 'un contact' : `${contacts} contacts`} et reste valide jusqu’au ${date}.`,
      signed: 'Il est signé avec OpenPGP.',
      tooFar: 'Son expiration est à plus d’un an ; la RFC 9116 conseille moins.',
      problems: (list: string) => `security.txt ne suit pas la RFC 9116 : ${list}.`,
      problemNames: {
        not_found: 'introuvable',
        not_https: 'pas servi en HTTPS',
        wrong_content_type: 'pas servi en text/plain',
        missing_contact: 'aucun champ Contact',
        missing_expires: 'aucun champ Expires',
        multiple_expires: 'plus d’un champ Expires',
        invalid_expires: 'Expires n’est pas une date valide',
        expired: 'il a expiré',
      },
    },
    reachability: {
      answers: (status: number, redirects: number) =>
        `La page d’accueil répond (HTTP ${status}${redirects === 0 ? '' : redirects === 1 ? ', après une redirection' : `, après ${redirects} redirections`}).`,
      downgraded: 'En chemin, une redirection quitte HTTPS pour du HTTP en clair.',
      fails: (status: number) => `La page d’accueil répond par une erreur (HTTP ${status}).`,
    },
  },
});

export function claimTitle(claim: Claim, locale: Locale): string {
  return evidenceText[locale].claims[claim];
}

const text = (fact: Fact | undefined): string | null => (typeof fact === 'string' ? fact : null);
const count = (fact: Fact | undefined): number => (typeof fact === 'number' ? fact : 0);
const strings = (fact: Fact | undefined): string[] => (Array.isArray(fact) ? fact : []);

function tlsReason(code: string): TlsReason | null {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'nameMismatch';
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') return 'selfSigned';
  if (code.startsWith('UNABLE_TO_GET_ISSUER_CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') return 'unknownIssuer';
  if (code === 'CERT_HAS_EXPIRED') return 'expired';
  if (code === 'CERT_NOT_YET_VALID') return 'notYetValid';
  return null;
}

/** One or two sentences saying what a check saw, for a person deciding whether to trust a provider. */
export function describeResult(result: Pick<CheckResult, 'claim' | 'outcome' | 'facts'>, locale: Locale): string {
  const m = evidenceText[locale];
  const facts = result.facts;
  const error = text(facts.error);
  if (error) {
    const why = m.refusals[error as OutboundRefusalCode] ?? error;
    const detail = text(facts.detail);
    return m.couldNotCheck(detail && (error === 'http_error' || error === 'tls_error') ? `${why} (${detail})` : why);
  }
  const sentences: string[] = [];
  switch (result.claim) {
    case 'tls': {
      if (facts.https === false) return m.tls.notHttps;
      const days = count(facts.daysToExpiry);
      const date = text(facts.validTo) ? formatDate(text(facts.validTo)!, locale) : '';
      const problem = text(facts.authorizationError);
      const reason = problem ? tlsReason(problem) : null;
      // daysToExpiry counts whole days left, so it is negative only once the certificate has expired.
      if (problem && reason !== 'expired') sentences.push(m.tls.untrusted(reason ? m.tls.reasons[reason] : problem));
      else if (days < 0 || reason === 'expired') sentences.push(m.tls.expired(date));
      else if (days === 0) sentences.push(m.tls.expiresToday(date));
      else sentences.push(facts.expiresSoon === true ? m.tls.validSoon(days, date) : m.tls.valid(days, date));
      break;
    }
    case 'security-headers': {
      const missing = strings(facts.missing).map((name) => m.headers.names[name] ?? name);
      if (result.outcome === 'verified') {
        sentences.push(m.headers.verified(Math.floor(count(facts.hstsMaxAge) / 86_400)));
        if (missing.length > 0) sentences.push(m.headers.alsoMissing(m.list(missing)));
      } else sentences.push(m.headers.missing(m.list(missing)));
      break;
    }
    case 'third-parties': {
      const origins = strings(facts.origins);
      sentences.push(origins.length === 0 ? m.thirdParties.none : m.thirdParties.some(origins.length, m.list(origins)));
      const allowed = strings(facts.cspOrigins);
      if (allowed.length > 0) sentences.push(m.thirdParties.cspAllows(m.list(allowed)));
      break;
    }
    case 'security-txt': {
      const problems = strings(facts.problems);
      const expires = text(facts.expires);
      if (problems.length > 0) sentences.push(m.securityTxt.problems(m.list(problems.map((p) => m.securityTxt.problemNames[p] ?? p))));
      else sentences.push(m.securityTxt.verified(strings(facts.contacts).length, expires ? formatDate(expires, locale) : ''));
      if (facts.signed === true) sentences.push(m.securityTxt.signed);
      if (facts.expiresTooFar === true) sentences.push(m.securityTxt.tooFar);
      break;
    }
    case 'reachability': {
      const status = count(facts.status);
      sentences.push(result.outcome === 'verified' ? m.reachability.answers(status, count(facts.redirects)) : m.reachability.fails(status));
      if (facts.downgraded === true) sentences.push(m.reachability.downgraded);
      break;
    }
  }
  return sentences.join(' ');
}
