import assert from 'node:assert/strict';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { after, before, describe, it } from 'node:test';
import { closeServer as close, listenOnLoopback as listen } from '../../../../test/loopback-site.ts';
import { generate } from 'selfsigned';
import type { OutboundPolicy } from '../../../platform/outbound/outbound-fetch.ts';
import { checkWebsite, CLAIMS, type CheckResult, type Claim } from './checks.ts';
import { claimTitle, describeResult } from './evidence.messages.ts';
import { checkSecurityTxt } from './security-txt-check.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Each certificate gets its own subject: OpenSSL finds a trusted issuer by name, and two alike would be confused. */
async function certificate(subject: string, name: string, validity: { from?: Date; to?: Date } = {}) {
  return generate([{ name: 'commonName', value: subject }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: validity.from ?? new Date(Date.now() - DAY),
    notAfterDate: validity.to ?? new Date(Date.now() + 200 * DAY),
    extensions: [{ name: 'basicConstraints', cA: false }, { name: 'subjectAltName', altNames: [{ type: 2, value: name }, { type: 7, ip: '127.0.0.1' }] }],
  });
}

function byClaim(results: CheckResult[]): Record<Claim, CheckResult> {
  return Object.fromEntries(results.map((result) => [result.claim, result])) as Record<Claim, CheckResult>;
}

const GOOD_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'self'; img-src 'self' data: https://media.localhost; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=()',
};

const GOOD_PAGE = `<!doctype html><html><head>
<link rel="stylesheet" href="/site.css"><link rel="icon" href="https://static.localhost/favicon.ico">
<link rel="canonical" href="https://elsewhere.example/"><link rel="alternate" href="https://feeds.example/rss">
<!-- <script src="https://commented-out.example/tracker.js"></script> -->
<script>document.write('<script src="https://inside-a-script.example/x.js"><\\/script>')</script>
</head><body><img src="data:image/png;base64,AAAA" alt=""><img src="/logo.png" srcset="/logo-2x.png 2x" alt="">
<a href="https://elsewhere.example/">a link is not a load</a><form action="/search"><input type="text" src="https://ignored.example/"></form>
</body></html>`;

const BAD_PAGE = `<!doctype html><html><head>
<script src="https://cdn.example.net/x.js"></script>
<style>@import "https://styles.example.org/base.css"; @font-face { font-family: F; src: url('https://fonts.example.com/f.woff2') format('woff2'); }</style>
</head><body><img src="/a.png" srcset="https://images.example.org/a.jpg 1x, /a-2x.jpg 2x" alt="">
<div style="background: url(//pixels.example.com/p.gif)"></div><iframe src="https://video.example.com/embed/1"></iframe>
</body></html>`;

function securityTxt(expires: Date, extra = ''): string {
  return `# How to tell us about a vulnerability\nContact: mailto:security@provider.example\nContact: https://provider.example/report\nExpires: ${expires.toISOString()}\nEncryption: https://provider.example/pgp.asc\nPreferred-Languages: en, fr\n${extra}`;
}

function clearSigned(body: string): string {
  return `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n${body.replace(/^-/gm, '- -')}\n-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCgAdFiEE\n-----END PGP SIGNATURE-----\n`;
}

let policy: OutboundPolicy;
const servers: http.Server[] = [];
const ports: Record<string, number> = {};
let goodConnections = 0;
let goodSecurityTxt: Handler;

async function serve(name: string, server: http.Server): Promise<void> {
  servers.push(server);
  ports[name] = await listen(server);
}

before(async () => {
  const now = Date.now();
  const [good, soon, expired, misnamed] = await Promise.all([
    certificate('localhost', 'localhost'),
    certificate('soon.localhost', 'localhost', { to: new Date(now + 5 * DAY + HOUR) }),
    certificate('expired.localhost', 'localhost', { from: new Date(now - 90 * DAY), to: new Date(now - 2 * DAY + HOUR) }),
    certificate('wrong.example', 'wrong.example'),
  ]);
  // Every certificate is trusted, so each test fails for the one reason it is about.
  policy = {
    allowPrivateAddresses: true,
    extraCa: [good, soon, expired, misnamed].map((c) => c.cert).join('\n'),
    timeoutMs: 3000,
    maxBytes: 512 * 1024,
    maxRedirects: 3,
    userAgent: 'Haven-directory-checks (+https://haven.test)',
  };
  goodSecurityTxt = (_q, r) => r.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(clearSigned(securityTxt(new Date(now + 200 * DAY))));
  const goodSite = https.createServer({ key: good.private, cert: good.cert }, (request, response) => {
    if (request.url === '/.well-known/security.txt') return goodSecurityTxt(request, response);
    if (request.url === '/start') return void response.writeHead(302, { location: '/' }).end();
    response.writeHead(200, GOOD_HEADERS).end(GOOD_PAGE);
  });
  goodSite.on('connection', () => goodConnections++);
  const badSite = http.createServer((request, response) => {
    if (request.url === '/.well-known/security.txt') {
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end(securityTxt(new Date(now - 10 * DAY)));
    }
    if (request.url === '/broken') return void response.writeHead(500, { 'content-type': 'text/html' }).end('<p>oops</p>');
    response.writeHead(200, { 'content-type': 'text/html' }).end(BAD_PAGE);
  });
  const plainPage: Handler = (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
  await Promise.all([
    serve('good', goodSite),
    serve('bad', badSite),
    serve('soon', https.createServer({ key: soon.private, cert: soon.cert }, plainPage)),
    serve('expired', https.createServer({ key: expired.private, cert: expired.cert }, plainPage)),
    serve('misnamed', https.createServer({ key: misnamed.private, cert: misnamed.cert }, plainPage)),
  ]);
});

after(async () => {
  await Promise.all(servers.map(close));
});

describe('checking a well-kept website', () => {
  it('verifies all five claims and says so in both languages', async () => {
    const now = new Date();
    const results = await checkWebsite(`https://localhost:${ports.good}/`, policy, now);
    assert.deepEqual(results.map((r) => r.claim), [...CLAIMS]);
    const by = byClaim(results);
    for (const claim of CLAIMS) assert.equal(by[claim].outcome, 'verified', `${claim}: ${JSON.stringify(by[claim].facts)}`);

    assert.equal(by.tls.target, `localhost:${ports.good}`);
    assert.equal(by.tls.facts.authorized, true);
    assert.equal(by.tls.facts.subject, 'localhost');
    assert.equal(by.tls.facts.daysToExpiry, 199);
    assert.equal(by.tls.facts.expiresSoon, false);
    assert.match(String(by.tls.facts.protocol), /^TLSv1\.[23]$/);
    assert.equal(describeResult(by.tls, 'en'), `Certificate valid, expires in 199 days (${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(String(by.tls.facts.validTo)))}).`);
    assert.match(describeResult(by.tls, 'fr'), /^Certificat valide, expire dans 199 jours \(/);

    assert.equal(by['security-headers'].facts.hstsMaxAge, 31536000);
    assert.deepEqual(by['security-headers'].facts.missing, []);
    assert.equal(by['security-headers'].facts.framing, true, 'frame-ancestors in the CSP stands in for X-Frame-Options');

    assert.deepEqual(by['third-parties'].facts.origins, [], 'links, canonical, comments and script text load nothing');
    assert.deepEqual(by['third-parties'].facts.cspOrigins, [], 'a subdomain allowed by the CSP is the provider’s own');
    assert.equal(describeResult(by['third-parties'], 'fr'), 'La page d’accueil ne charge rien depuis d’autres sites.');

    const txt = by['security-txt'].facts;
    assert.equal(txt.signed, true);
    assert.deepEqual(txt.contacts, ['mailto:security@provider.example', 'https://provider.example/report']);
    assert.deepEqual(txt.encryption, ['https://provider.example/pgp.asc']);
    assert.equal(txt.preferredLanguages, 'en, fr');
    assert.deepEqual(txt.problems, []);
    assert.equal(txt.expiresTooFar, false);
    assert.match(describeResult(by['security-txt'], 'en'), /^security\.txt gives 2 contacts and is valid until .+\. It is signed with OpenPGP\.$/);

    assert.deepEqual(by.reachability.facts, { status: 200, finalUrl: `https://localhost:${ports.good}/`, redirects: 0, downgraded: false });
  });

  it('fetches the home page once for the checks that read it', async () => {
    const before = goodConnections;
    await checkWebsite(`https://localhost:${ports.good}/`, policy, new Date());
    // One TLS handshake, one home page, one security.txt.
    assert.equal(goodConnections - before, 3);
  });

  it('counts the redirects the home page went through, without timing anything', async () => {
    const by = byClaim(await checkWebsite(`https://localhost:${ports.good}/start`, policy, new Date()));
    assert.equal(by.reachability.outcome, 'verified');
    assert.equal(by.reachability.facts.redirects, 1);
    assert.equal(by.reachability.facts.finalUrl, `https://localhost:${ports.good}/`);
    assert.equal(describeResult(by.reachability, 'en'), 'The home page answers (HTTP 200, after a redirect).');
  });
});

describe('checking a careless website', () => {
  it('contradicts TLS, headers, third parties and security.txt but still finds it reachable', async () => {
    const by = byClaim(await checkWebsite(`http://127.0.0.1:${ports.bad}/`, policy, new Date()));
    assert.equal(by.tls.outcome, 'contradicted');
    assert.equal(by.tls.facts.https, false);
    assert.equal(describeResult(by.tls, 'en'), 'The website is not served over HTTPS.');

    assert.equal(by['security-headers'].outcome, 'contradicted');
    assert.deepEqual(by['security-headers'].facts.missing, ['hsts', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'frame-ancestors', 'permissions-policy']);

    assert.equal(by['third-parties'].outcome, 'contradicted');
    assert.deepEqual(by['third-parties'].facts.origins, [
      'http://pixels.example.com',
      'https://cdn.example.net',
      'https://fonts.example.com',
      'https://images.example.org',
      'https://styles.example.org',
      'https://video.example.com',
    ]);
    assert.match(describeResult(by['third-parties'], 'en'), /^The home page loads resources from 6 other sites: http:\/\/pixels\.example\.com, https:\/\/cdn\.example\.net/);

    assert.equal(by['security-txt'].outcome, 'contradicted');
    assert.deepEqual(by['security-txt'].facts.problems, ['not_https', 'expired']);
    assert.equal(describeResult(by['security-txt'], 'fr'), 'security.txt ne suit pas la RFC 9116 : pas servi en HTTPS, il a expiré.');

    assert.equal(by.reachability.outcome, 'verified');
  });

  it('takes an error page as unreachable, and does not judge its headers', async () => {
    const by = byClaim(await checkWebsite(`http://127.0.0.1:${ports.bad}/broken`, policy, new Date()));
    assert.equal(by.reachability.outcome, 'contradicted');
    assert.equal(by.reachability.facts.status, 500);
    assert.equal(by['security-headers'].facts.error, 'http_error');
    assert.equal(describeResult(by['security-headers'], 'en'), 'Could not be checked: the website answered with an error (HTTP 500).');
  });
});

describe('checking certificates', () => {
  it('verifies a certificate that expires in five days but flags it as expiring soon', async () => {
    const [tls] = await checkWebsite(`https://localhost:${ports.soon}/`, policy, new Date());
    assert.equal(tls!.outcome, 'verified');
    assert.equal(tls!.facts.daysToExpiry, 5);
    assert.equal(tls!.facts.expiresSoon, true);
    assert.match(describeResult(tls!, 'en'), /^Certificate valid, but expires in 5 days \(.+\): it should be renewed now\.$/);
  });

  it('counts days from the time it is given, not from the system clock', async () => {
    const [tls] = await checkWebsite(`https://localhost:${ports.soon}/`, policy, new Date(Date.now() + 10 * DAY));
    assert.equal(tls!.facts.daysToExpiry, -5);
    assert.equal(tls!.outcome, 'contradicted');
  });

  it('contradicts an expired certificate and says when it expired', async () => {
    const [tls] = await checkWebsite(`https://localhost:${ports.expired}/`, policy, new Date());
    assert.equal(tls!.outcome, 'contradicted');
    assert.equal(tls!.facts.authorized, false);
    assert.equal(tls!.facts.authorizationError, 'CERT_HAS_EXPIRED');
    assert.equal(tls!.facts.daysToExpiry, -2);
    assert.match(describeResult(tls!, 'fr'), /^Certificat expiré le .+\.$/);
  });

  it('contradicts a certificate made for another host name', async () => {
    const [tls] = await checkWebsite(`https://localhost:${ports.misnamed}/`, policy, new Date());
    assert.equal(tls!.outcome, 'contradicted');
    assert.equal(tls!.facts.authorizationError, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.equal(tls!.facts.subject, 'wrong.example');
    assert.equal(describeResult(tls!, 'en'), 'Certificate not trusted by browsers: it is made for another name.');
  });

  it('contradicts a certificate no trusted authority vouches for', async () => {
    const [tls] = await checkWebsite(`https://localhost:${ports.good}/`, { ...policy, extraCa: null }, new Date());
    assert.equal(tls!.facts.authorizationError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.equal(tls!.outcome, 'contradicted');
  });
});

describe('reading security.txt', () => {
  const variants: { name: string; answer: Handler; problems: string[]; tooFar?: boolean }[] = [
    { name: 'missing', answer: (_q, r) => r.writeHead(404).end(), problems: ['not_found'] },
    { name: 'html', answer: (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<p>Welcome</p>'), problems: ['wrong_content_type', 'missing_contact', 'missing_expires'] },
    {
      name: 'twice expiring',
      answer: (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end(securityTxt(new Date(Date.now() + 30 * DAY), `Expires: ${new Date(Date.now() + 60 * DAY).toISOString()}\n`)),
      problems: ['multiple_expires'],
    },
    { name: 'bad date', answer: (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('Contact: mailto:a@b.example\nExpires: next year\n'), problems: ['invalid_expires'] },
    { name: 'no contact', answer: (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end(`Expires: ${new Date(Date.now() + DAY).toISOString()}\n`), problems: ['missing_contact'] },
    { name: 'far away', answer: (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end(securityTxt(new Date(Date.now() + 800 * DAY))), problems: [], tooFar: true },
  ];
  for (const variant of variants) {
    it(`reports ${variant.problems.length === 0 ? 'no problem' : variant.problems.join(' and ')} for a file that is ${variant.name}`, async () => {
      const kept = goodSecurityTxt;
      goodSecurityTxt = variant.answer;
      try {
        const result = await checkSecurityTxt(new URL(`https://localhost:${ports.good}/`), policy, new Date());
        assert.deepEqual(result.facts.problems, variant.problems);
        assert.equal(result.outcome, variant.problems.length === 0 ? 'verified' : 'contradicted');
        assert.equal(result.facts.expiresTooFar ?? false, variant.tooFar ?? false);
      } finally {
        goodSecurityTxt = kept;
      }
    });
  }
});

describe('checking a website Haven must not reach', () => {
  it('refuses a loopback website when private addresses are not allowed, without connecting', async () => {
    const before = goodConnections;
    const results = await checkWebsite(`https://localhost:${ports.good}/`, { ...policy, allowPrivateAddresses: false }, new Date());
    assert.equal(results.length, CLAIMS.length);
    for (const result of results) {
      assert.equal(result.outcome, 'contradicted');
      assert.equal(result.facts.error, 'forbidden_address', result.claim);
    }
    assert.equal(goodConnections, before);
    assert.equal(describeResult(results[0]!, 'en'), 'Could not be checked: the website address is not a public Internet address.');
  });

  it('gives contradicted results instead of throwing for an unusable address or a closed port', async () => {
    for (const result of await checkWebsite('ftp://provider.example/', policy, new Date())) assert.equal(result.facts.error, 'bad_url');
    const closed = http.createServer();
    const port = await listen(closed);
    await close(closed);
    const results = await checkWebsite(`https://127.0.0.1:${port}/`, policy, new Date());
    assert.deepEqual(results.map((r) => [r.claim, r.outcome, r.facts.error]), CLAIMS.map((claim) => [claim, 'contradicted', 'unreachable']));
  });
});

describe('naming the claims', () => {
  it('has a title for every claim in every language', () => {
    for (const claim of CLAIMS) {
      assert.notEqual(claimTitle(claim, 'en'), claimTitle(claim, 'fr'), claim);
      assert.ok(claimTitle(claim, 'fr').length > 0);
    }
  });
});
