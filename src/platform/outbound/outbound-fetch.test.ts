import assert from 'node:assert/strict';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { after, before, describe, it } from 'node:test';
import { closeServer as close, listenOnLoopback as listen } from '../../../test/loopback-site.ts';
import { generate } from 'selfsigned';
import { isPublicAddress, type Resolver } from './address-guard.ts';
import { fetchResource, OutboundRefused, type OutboundPolicy } from './outbound-fetch.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function certificateFor(name: string, ip?: string) {
  const altNames = [{ type: 2 as const, value: name }, ...(ip ? [{ type: 7 as const, ip }] : [])];
  return generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'basicConstraints', cA: false }, { name: 'subjectAltName', altNames }],
  });
}

/** Rejects with the refusal the fetch ended in, so tests can look at its code and detail. */
async function refusalOf(attempt: Promise<unknown>): Promise<OutboundRefused> {
  try {
    await attempt;
  } catch (error) {
    assert.ok(error instanceof OutboundRefused, `expected OutboundRefused, got ${String(error)}`);
    return error;
  }
  assert.fail('the fetch succeeded but should have been refused');
}

const routes = new Map<string, Handler>();
let site: http.Server;
let other: http.Server;
let secure: https.Server;
let misnamed: https.Server;
let sitePort = 0;
let otherPort = 0;
let securePort = 0;
let misnamedPort = 0;
let siteConnections = 0;
let authority = '';
let misnamedCertificate = '';
let policy: OutboundPolicy;

before(async () => {
  const good = await certificateFor('localhost', '127.0.0.1');
  const wrong = await certificateFor('wrong.example');
  authority = good.cert;
  misnamedCertificate = wrong.cert;
  site = http.createServer((request, response) => {
    const route = routes.get(request.url ?? '') ?? ((_q: IncomingMessage, r: ServerResponse) => r.writeHead(404).end('no such page'));
    route(request, response);
  });
  site.on('connection', () => siteConnections++);
  other = http.createServer((_request, response) => response.end('the other server'));
  secure = https.createServer({ key: good.private, cert: good.cert }, (request, response) => {
    if (request.url === '/downgrade') response.writeHead(302, { location: `http://127.0.0.1:${sitePort}/` }).end();
    else response.end('over TLS');
  });
  misnamed = https.createServer({ key: wrong.private, cert: wrong.cert }, (_request, response) => response.end('wrong name'));
  [sitePort, otherPort, securePort, misnamedPort] = await Promise.all([listen(site), listen(other), listen(secure), listen(misnamed)]);
  policy = { allowPrivateAddresses: true, extraCa: authority, timeoutMs: 1500, maxBytes: 1024 * 1024, maxRedirects: 3, userAgent: 'Haven-directory-checks (+https://haven.test)' };

  routes.set('/', (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('hello'));
  routes.set('/echo', (q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(q.headers)));
  routes.set('/to-other', (_q, r) => r.writeHead(301, { location: `http://127.0.0.1:${otherPort}/` }).end());
  routes.set('/relative', (_q, r) => r.writeHead(307, { location: '/' }).end());
  routes.set('/loop', (_q, r) => r.writeHead(302, { location: '/loop' }).end());
  routes.set('/to-loopback-alias', (_q, r) => r.writeHead(302, { location: `http://127.0.0.2:${sitePort}/` }).end());
  routes.set('/to-intranet', (_q, r) => r.writeHead(302, { location: `http://intranet.test:${sitePort}/` }).end());
  routes.set('/to-rebound-name', (_q, r) => r.writeHead(302, { location: `http://rebind.test:${sitePort}/` }).end());
  routes.set('/trickle', (_q, r) => {
    r.writeHead(200, { 'content-type': 'text/plain' });
    const drip = setInterval(() => r.write('.'), 50);
    r.on('close', () => clearInterval(drip));
  });
  routes.set('/huge', (_q, r) => {
    r.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(64 * 1024, 1);
    let sent = 0;
    const pump = () => {
      while (sent < 10 * 1024 * 1024 && !r.destroyed) {
        sent += chunk.length;
        if (!r.write(chunk)) return void r.once('drain', pump);
      }
      r.end();
    };
    pump();
  });
  routes.set('/huge-announced', (_q, r) => {
    r.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
    r.write('a first small piece');
  });
});

after(async () => {
  await Promise.all([close(site), close(other), close(secure), close(misnamed)]);
});

describe('fetching from a site the operator allows', () => {
  it('fetches a page and says who is asking, without asking for compression', async () => {
    const page = await fetchResource(`http://127.0.0.1:${sitePort}/`, policy);
    assert.equal(page.status, 200);
    assert.equal(page.body.toString(), 'hello');
    assert.equal(page.headers['content-type'], 'text/plain');
    const echo = await fetchResource(`http://localhost:${sitePort}/echo`, policy);
    const sent = JSON.parse(echo.body.toString()) as Record<string, string>;
    assert.equal(sent['user-agent'], 'Haven-directory-checks (+https://haven.test)');
    assert.equal(sent['accept-encoding'], 'identity');
    assert.equal(sent.cookie, undefined);
  });

  it('follows redirects to another server and to a relative path, and records each hop', async () => {
    const moved = await fetchResource(`http://127.0.0.1:${sitePort}/to-other`, policy);
    assert.equal(moved.body.toString(), 'the other server');
    assert.equal(moved.url, `http://127.0.0.1:${otherPort}/`);
    assert.deepEqual(moved.redirects, [`http://127.0.0.1:${sitePort}/to-other`]);
    const relative = await fetchResource(`http://127.0.0.1:${sitePort}/relative`, policy);
    assert.equal(relative.url, `http://127.0.0.1:${sitePort}/`);
    assert.equal(relative.downgraded, false);
  });

  it('stops following a redirect loop', async () => {
    const refusal = await refusalOf(fetchResource(`http://127.0.0.1:${sitePort}/loop`, policy));
    assert.equal(refusal.code, 'too_many_redirects');
  });

  it('refuses an error status unless the caller accepts it', async () => {
    const refusal = await refusalOf(fetchResource(`http://127.0.0.1:${sitePort}/missing`, policy));
    assert.equal(refusal.code, 'http_error');
    assert.equal(refusal.detail, 'HTTP 404');
    const accepted = await fetchResource(`http://127.0.0.1:${sitePort}/missing`, policy, { acceptStatus: () => true });
    assert.equal(accepted.status, 404);
  });

  it('answers a HEAD request without a body', async () => {
    const head = await fetchResource(`http://127.0.0.1:${sitePort}/`, policy, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
  });

  it('gives up on a server that trickles bytes, once the overall deadline passes', async () => {
    const started = Date.now();
    const refusal = await refusalOf(fetchResource(`http://127.0.0.1:${sitePort}/trickle`, { ...policy, timeoutMs: 400 }));
    assert.equal(refusal.code, 'timeout');
    assert.ok(Date.now() - started < 1500, 'the deadline covers the body, not only the first byte');
  });

  it('drops an answer larger than the limit, streamed or announced', async () => {
    assert.equal((await refusalOf(fetchResource(`http://127.0.0.1:${sitePort}/huge`, policy))).code, 'too_large');
    assert.equal((await refusalOf(fetchResource(`http://127.0.0.1:${sitePort}/huge-announced`, policy))).code, 'too_large');
  });

  it('reports a port where nothing listens as unreachable', async () => {
    const closed = http.createServer();
    const port = await listen(closed);
    await close(closed);
    const refusal = await refusalOf(fetchResource(`http://127.0.0.1:${port}/`, policy));
    assert.equal(refusal.code, 'unreachable');
    assert.equal(refusal.detail, 'ECONNREFUSED');
  });

  it('refuses addresses that are not http or https, or that carry a password', async () => {
    for (const url of ['ftp://127.0.0.1/', 'file:///etc/passwd', `http://user:secret@127.0.0.1:${sitePort}/`, 'not a url', 'javascript:alert(1)']) {
      assert.equal((await refusalOf(fetchResource(url, policy))).code, 'bad_url', url);
    }
  });
});

describe('fetching over TLS', () => {
  it('trusts the operator’s extra certificate authority as well as the system roots', async () => {
    const page = await fetchResource(`https://localhost:${securePort}/`, policy);
    assert.equal(page.body.toString(), 'over TLS');
    const refusal = await refusalOf(fetchResource(`https://localhost:${securePort}/`, { ...policy, extraCa: null }));
    assert.equal(refusal.code, 'tls_error');
    assert.equal(refusal.detail, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('refuses a certificate made for another host name', async () => {
    const unknownIssuer = await refusalOf(fetchResource(`https://127.0.0.1:${misnamedPort}/`, policy));
    assert.equal(unknownIssuer.code, 'tls_error');
    const trusted = await refusalOf(fetchResource(`https://127.0.0.1:${misnamedPort}/`, { ...policy, extraCa: misnamedCertificate }));
    assert.equal(trusted.code, 'tls_error');
    assert.equal(trusted.detail, 'ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('follows a redirect from https to http but records the downgrade', async () => {
    const page = await fetchResource(`https://localhost:${securePort}/downgrade`, policy);
    assert.equal(page.body.toString(), 'hello');
    assert.equal(page.downgraded, true);
    assert.deepEqual(page.redirects, [`https://localhost:${securePort}/downgrade`]);
  });
});

describe('refusing the machine’s own network', () => {
  const strict = (): OutboundPolicy => ({ ...policy, allowPrivateAddresses: false });

  it('refuses loopback and unspecified addresses, however the URL spells them, before connecting', async () => {
    const before = siteConnections;
    const spellings = [
      `http://127.0.0.1:${sitePort}/`,
      `http://localhost:${sitePort}/`,
      `http://[::1]:${sitePort}/`,
      `http://0.0.0.0:${sitePort}/`,
      `http://[::ffff:127.0.0.1]:${sitePort}/`,
      `http://2130706433:${sitePort}/`,
      `http://0177.0.0.1:${sitePort}/`,
      `http://0x7f.1:${sitePort}/`,
      `http://127.1:${sitePort}/`,
      `http://%31%32%37.0.0.1:${sitePort}/`,
      `http://１２７.0.0.1:${sitePort}/`,
      `http://127.0.0.1.:${sitePort}/`,
      `http://0:${sitePort}/`,
      `http://[::]:${sitePort}/`,
      `http://[::127.0.0.1]:${sitePort}/`,
      `https://localhost:${securePort}/`,
    ];
    for (const url of spellings) {
      const refusal = await refusalOf(fetchResource(url, strict()));
      assert.equal(refusal.code, 'forbidden_address', url);
    }
    assert.equal(siteConnections, before, 'no connection reached the loopback server');
  });

  it('refuses a name that resolves to a private address before any connection is made', async () => {
    const before = siteConnections;
    const asked: string[] = [];
    const resolve: Resolver = async (name) => {
      asked.push(name);
      return name === 'intranet.test' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.1', family: 4 }];
    };
    const intranet = await refusalOf(fetchResource(`http://intranet.test:${sitePort}/`, strict(), { seams: { resolve } }));
    assert.equal(intranet.code, 'forbidden_address');
    assert.match(intranet.detail, /intranet\.test resolves to 127\.0\.0\.1/);
    const tenNet = await refusalOf(fetchResource('http://private.test/', strict(), { seams: { resolve } }));
    assert.equal(tenNet.code, 'forbidden_address');
    assert.match(tenNet.detail, /10\.0\.0\.1/);
    assert.deepEqual(asked, ['intranet.test', 'private.test']);
    assert.equal(siteConnections, before);
  });

  it('refuses a name when any one of its addresses is private', async () => {
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }, { address: '192.168.1.1', family: 4 }];
    const refusal = await refusalOf(fetchResource(`http://mixed.test:${sitePort}/`, strict(), { seams: { resolve, pretendPublic: ['127.0.0.1'] } }));
    assert.equal(refusal.code, 'forbidden_address');
    assert.match(refusal.detail, /192\.168\.1\.1/);
  });

  it('checks every redirect, so a public site cannot bounce Haven into the private network', async () => {
    const seams = { pretendPublic: ['127.0.0.1'], resolve: (async () => [{ address: '10.0.0.1', family: 4 }]) satisfies Resolver };
    const control = await fetchResource(`http://127.0.0.1:${sitePort}/`, strict(), { seams });
    assert.equal(control.body.toString(), 'hello', 'the stand-in for a public site is reachable');
    const alias = await refusalOf(fetchResource(`http://127.0.0.1:${sitePort}/to-loopback-alias`, strict(), { seams }));
    assert.equal(alias.code, 'forbidden_address');
    assert.match(alias.detail, /127\.0\.0\.2/);
    const intranet = await refusalOf(fetchResource(`http://127.0.0.1:${sitePort}/to-intranet`, strict(), { seams }));
    assert.equal(intranet.code, 'forbidden_address');
    assert.match(intranet.detail, /intranet\.test resolves to 10\.0\.0\.1/);
  });

  it('looks the name up again for every connection, so a second DNS answer cannot smuggle in a private address', async () => {
    const answers = ['127.0.0.1', '10.0.0.1'];
    let lookups = 0;
    const resolve: Resolver = async () => [{ address: answers[Math.min(lookups++, 1)]!, family: 4 }];
    const before = siteConnections;
    const refusal = await refusalOf(fetchResource(`http://rebind.test:${sitePort}/to-rebound-name`, strict(), { seams: { resolve, pretendPublic: ['127.0.0.1'] } }));
    assert.equal(refusal.code, 'forbidden_address');
    assert.equal(lookups, 2);
    assert.equal(siteConnections, before + 1, 'only the first, public-looking answer was connected to');
  });
});

describe('telling public addresses from the rest', () => {
  it('accepts global unicast addresses only', () => {
    for (const ip of ['93.184.215.14', '2a00:1450:4007:80b::200e', '::ffff:93.184.215.14', '64:ff9b::5db8:d70e']) assert.equal(isPublicAddress(ip), true, ip);
    const internal = [
      '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', '198.18.0.1', '198.19.255.255',
      '0.0.0.0', '224.0.0.1', '255.255.255.255', '192.0.2.1', '240.0.0.1',
      '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2001:db8::1', '::7f00:1', 'not-an-address',
    ];
    for (const ip of internal) assert.equal(isPublicAddress(ip), false, ip);
  });
});
