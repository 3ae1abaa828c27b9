import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import * as openpgp from 'openpgp';
import { CanaryRefused, canaryState, readCanaryKey, signCanary, verifyCanary } from './canary-statement.ts';

const KEY_CREATED = new Date('2026-01-01T00:00:00Z');
const SIGNED_AT = new Date('2026-11-23T09:00:00Z');
const NOW = new Date('2026-11-23T12:00:00Z');
const TEXT = 'As of the date above, we have received no secret order, gag order or national security letter.\n\n- We have not been asked to install any monitoring.';
const FIELDS = { provider: 'riverbank-hosting', date: '2026-11-23', nextUpdate: '2026-12-23', text: TEXT };

interface TestKey {
  publicKey: string;
  privateKey: string;
}

function generate(name: string, options: { date?: Date; keyExpirationTime?: number; passphrase?: string } = {}): Promise<TestKey> {
  return openpgp.generateKey({
    type: 'ecc',
    curve: 'ed25519Legacy',
    userIDs: [{ name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.org` }],
    date: options.date ?? KEY_CREATED,
    ...(options.keyExpirationTime ? { keyExpirationTime: options.keyExpirationTime } : {}),
    ...(options.passphrase ? { passphrase: options.passphrase } : {}),
  });
}

/** Any body, for statements signCanary would refuse to write. */
async function signBody(body: string, key: TestKey, date = SIGNED_AT): Promise<string> {
  const signingKeys = await openpgp.readPrivateKey({ armoredKey: key.privateKey });
  return openpgp.sign({ message: await openpgp.createCleartextMessage({ text: body }), signingKeys, date });
}

async function refusal(promise: Promise<unknown>): Promise<CanaryRefused> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CanaryRefused) return error;
    throw error;
  }
  assert.fail('expected the statement to be refused');
}

let riverbank: TestKey;
let stranger: TestKey;

before(async () => {
  [riverbank, stranger] = await Promise.all([generate('Riverbank Hosting'), generate('Someone Else')]);
});

describe('verifying a canary statement', () => {
  test('a statement signed with the provider key is accepted and its fields are read back', async () => {
    const signed = await signCanary(FIELDS, riverbank.privateKey, undefined, SIGNED_AT);
    assert.match(signed, /^-----BEGIN PGP SIGNED MESSAGE-----\n/);
    assert.doesNotMatch(signed, /\r/);
    const statement = await verifyCanary(signed, riverbank.publicKey, 'riverbank-hosting', NOW);
    const { fingerprint } = await readCanaryKey(riverbank.publicKey, NOW);
    assert.match(fingerprint, /^[0-9a-f]{40}$/);
    assert.deepEqual(statement, { ...FIELDS, signedBy: fingerprint });
  });

  test('the key shows its fingerprint and user ids', async () => {
    const key = await readCanaryKey(riverbank.publicKey, NOW);
    assert.equal(key.fingerprint, (await openpgp.readKey({ armoredKey: riverbank.publicKey })).getFingerprint());
    assert.deepEqual(key.userIds, ['Riverbank Hosting <riverbank.hosting@example.org>']);
  });

  test('a statement uploaded with Windows line endings is accepted just the same', async () => {
    const signed = await signCanary(FIELDS, riverbank.privateKey, undefined, SIGNED_AT);
    const statement = await verifyCanary(signed.replace(/\n/g, '\r\n'), riverbank.publicKey, 'riverbank-hosting', NOW);
    assert.equal(statement.text, TEXT);
    // openpgp's own output: a CRLF body inside LF armor.
    const mixed = await signBody(`Haven-Canary: 1\nProvider: riverbank-hosting\nDate: 2026-11-23\nNext-Update: 2026-12-23\n\n${TEXT}\n`, riverbank);
    assert.match(mixed, /\r\n/);
    assert.equal((await verifyCanary(mixed, riverbank.publicKey, 'riverbank-hosting', NOW)).text, TEXT);
  });

  test('changing one character of the signed text is caught as a bad signature', async () => {
    const signed = await signCanary(FIELDS, riverbank.privateKey, undefined, SIGNED_AT);
    const tampered = signed.replace('received no secret order', 'received on secret order');
    assert.notEqual(tampered, signed);
    assert.equal((await refusal(verifyCanary(tampered, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'bad_signature');
    const redated = signed.replace('Next-Update: 2026-12-23', 'Next-Update: 2026-12-24');
    assert.notEqual(redated, signed);
    assert.equal((await refusal(verifyCanary(redated, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'bad_signature');
  });

  test('a statement signed by another key is refused as the wrong key', async () => {
    const signed = await signCanary(FIELDS, stranger.privateKey, undefined, SIGNED_AT);
    assert.equal((await refusal(verifyCanary(signed, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'wrong_key');
  });

  // openpgp itself only checks that a key was valid when it signed; a provider
  // whose key has since expired must renew it, so the key is what is refused.
  test('a statement signed before the key expired is refused once it has expired, as a bad key', async () => {
    const expiring = await generate('Expiring Hosting', { keyExpirationTime: 30 * 24 * 60 * 60 });
    const whileValid = new Date('2026-01-10T00:00:00Z');
    const fields = { ...FIELDS, date: '2026-01-10', nextUpdate: '2026-02-10' };
    const signed = await signCanary(fields, expiring.privateKey, undefined, whileValid);
    const accepted = await verifyCanary(signed, expiring.publicKey, 'riverbank-hosting', new Date('2026-01-10T12:00:00Z'));
    assert.equal(accepted.date, '2026-01-10');
    const later = new Date('2026-02-05T00:00:00Z');
    assert.equal((await refusal(verifyCanary(signed, expiring.publicKey, 'riverbank-hosting', later))).code, 'bad_key');
    assert.equal((await refusal(readCanaryKey(expiring.publicKey, later))).code, 'bad_key');
  });

  test('a statement signed by a signing subkey that has since expired is refused, as a bad key', async () => {
    const key = await openpgp.generateKey({
      type: 'ecc',
      curve: 'ed25519Legacy',
      userIDs: [{ name: 'Subkey Hosting' }],
      date: KEY_CREATED,
      subkeys: [{}, { sign: true, keyExpirationTime: 30 * 24 * 60 * 60 }],
    });
    const signed = await signCanary({ ...FIELDS, date: '2026-01-10', nextUpdate: '2026-02-10' }, key.privateKey, undefined, new Date('2026-01-10T00:00:00Z'));
    const subkeyId = (await openpgp.readKey({ armoredKey: key.publicKey })).subkeys[1]!.getKeyID();
    assert.ok((await openpgp.readCleartextMessage({ cleartextMessage: signed })).getSigningKeyIDs()[0]!.equals(subkeyId));
    assert.equal((await verifyCanary(signed, key.publicKey, 'riverbank-hosting', new Date('2026-01-10T12:00:00Z'))).provider, 'riverbank-hosting');
    // The primary key still signs, so the key itself is usable; only the subkey that made this signature is not.
    await readCanaryKey(key.publicKey, NOW);
    assert.equal((await refusal(verifyCanary(signed, key.publicKey, 'riverbank-hosting', NOW))).code, 'bad_key');
  });

  test('a revoked key is refused', async () => {
    const privateKey = await openpgp.readPrivateKey({ armoredKey: riverbank.privateKey });
    const { publicKey } = await openpgp.revokeKey({ key: privateKey, date: new Date('2026-06-01T00:00:00Z') });
    assert.equal((await refusal(readCanaryKey(publicKey, NOW))).code, 'bad_key');
  });

  test('a private key is refused where the public key belongs', async () => {
    assert.equal((await refusal(readCanaryKey(riverbank.privateKey, NOW))).code, 'bad_key');
    assert.equal((await refusal(readCanaryKey('not a key', NOW))).code, 'bad_key');
  });

  test('a statement for another provider is refused', async () => {
    const signed = await signCanary({ ...FIELDS, provider: 'other-hosting' }, riverbank.privateKey, undefined, SIGNED_AT);
    assert.equal((await refusal(verifyCanary(signed, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'wrong_provider');
  });

  test('a statement may be dated tomorrow but not the day after', async () => {
    const tomorrow = await signCanary({ ...FIELDS, date: '2026-11-24' }, riverbank.privateKey, undefined, SIGNED_AT);
    assert.equal((await verifyCanary(tomorrow, riverbank.publicKey, 'riverbank-hosting', NOW)).date, '2026-11-24');
    const later = await signCanary({ ...FIELDS, date: '2026-11-25' }, riverbank.privateKey, undefined, SIGNED_AT);
    assert.equal((await refusal(verifyCanary(later, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'dated_in_future');
  });

  test('a next update on or before the statement date is refused', async () => {
    for (const nextUpdate of ['2026-11-23', '2026-11-01']) {
      const signed = await signCanary({ ...FIELDS, nextUpdate }, riverbank.privateKey, undefined, SIGNED_AT);
      assert.equal((await refusal(verifyCanary(signed, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'next_before_date');
    }
  });

  test('a next update may be 400 days away but not 401', async () => {
    const farthest = await signCanary({ ...FIELDS, nextUpdate: '2027-12-28' }, riverbank.privateKey, undefined, SIGNED_AT);
    assert.equal((await verifyCanary(farthest, riverbank.publicKey, 'riverbank-hosting', NOW)).nextUpdate, '2027-12-28');
    const tooFar = await signCanary({ ...FIELDS, nextUpdate: '2027-12-29' }, riverbank.privateKey, undefined, SIGNED_AT);
    assert.equal((await refusal(verifyCanary(tooFar, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'too_far');
  });

  test('plain text, or a signed statement with unsigned text around it, is not a clear-signed statement', async () => {
    const plain = `Haven-Canary: 1\nProvider: riverbank-hosting\nDate: 2026-11-23\nNext-Update: 2026-12-23\n\n${TEXT}\n`;
    assert.equal((await refusal(verifyCanary(plain, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'not_clearsigned');
    const signed = await signCanary(FIELDS, riverbank.privateKey, undefined, SIGNED_AT);
    const wrapped = `We were raided yesterday.\n\n${signed}`;
    assert.equal((await refusal(verifyCanary(wrapped, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'not_clearsigned');
    assert.equal((await refusal(verifyCanary(riverbank.publicKey, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'not_clearsigned');
  });

  test('an upload over 64 KB is refused before anything is parsed', async () => {
    const huge = `-----BEGIN PGP SIGNED MESSAGE-----\n${'x'.repeat(64 * 1024)}`;
    assert.equal((await refusal(verifyCanary(huge, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'too_long');
  });

  test('a free text over 10,000 characters is refused', async () => {
    const long = await signBody(`Haven-Canary: 1\nProvider: riverbank-hosting\nDate: 2026-11-23\nNext-Update: 2026-12-23\n\n${'y'.repeat(10_001)}\n`, riverbank);
    assert.equal((await refusal(verifyCanary(long, riverbank.publicKey, 'riverbank-hosting', NOW))).code, 'too_long');
  });

  test('signed statements with missing, unknown or malformed headers are refused', async () => {
    const bodies = [
      `Haven-Canary: 2\nProvider: riverbank-hosting\nDate: 2026-11-23\nNext-Update: 2026-12-23\n\n${TEXT}\n`,
      `Provider: riverbank-hosting\nDate: 2026-11-23\nNext-Update: 2026-12-23\n\n${TEXT}\n`,
      `Haven-Canary: 1\nProvider: riverbank-hosting\nDate: 2026-11-23\nNext-Update: 2026-12-23\nWarrants: 0\n\n${TEXT}\n`,
      `Haven-Canary: 1\nProvider: riverbank-hosting\nDate: 2026-11-31\nNext-Update: 2026-12-23\n\n${TEXT}\n`,
      `Haven-Canary: 1\nProvider: riverbank-hosting\nDate: 2026-11-23\nNext-Update: 2026-12-23\n${TEXT}\n`,
      `Haven-Canary: 1\nProvider: riverbank-hosting\nDate: 2026-11-23\nNext-Update: 2026-12-23\n\n`,
    ];
    for (const body of bodies) {
      const signed = await signBody(body, riverbank);
      const error = await refusal(verifyCanary(signed, riverbank.publicKey, 'riverbank-hosting', NOW));
      assert.equal(error.code, 'bad_header', body.slice(0, 120));
    }
  });

  test('a passphrase-protected key signs once given its passphrase', async () => {
    const locked = await generate('Locked Hosting', { passphrase: 'correct horse battery staple' });
    const signed = await signCanary(FIELDS, locked.privateKey, 'correct horse battery staple', SIGNED_AT);
    assert.equal((await verifyCanary(signed, locked.publicKey, 'riverbank-hosting', NOW)).provider, 'riverbank-hosting');
    await assert.rejects(signCanary(FIELDS, locked.privateKey, 'wrong', SIGNED_AT));
  });

  test('signing refuses a provider or date that would forge another header line', async () => {
    const forged = await refusal(signCanary({ ...FIELDS, provider: 'riverbank-hosting\nDate: 2030-01-01' }, riverbank.privateKey));
    assert.equal(forged.code, 'bad_header');
    assert.equal((await refusal(signCanary({ ...FIELDS, date: '23/11/2026' }, riverbank.privateKey))).code, 'bad_header');
  });

  test('a statement signed here passes gpg --verify (the gpg part runs only where gpg is installed)', async () => {
    // Signed with the real clock: gpg checks signatures against the real time.
    const key = await openpgp.generateKey({ type: 'ecc', curve: 'ed25519Legacy', userIDs: [{ name: 'Riverbank Hosting' }] });
    const signed = await signCanary(FIELDS, key.privateKey);
    const { fingerprint } = await readCanaryKey(key.publicKey, new Date());
    assert.equal((await verifyCanary(signed, key.publicKey, 'riverbank-hosting', new Date())).signedBy, fingerprint);
    if (spawnSync('gpg', ['--version']).status !== 0) return;

    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-canary-gpg-'));
    try {
      fs.chmodSync(home, 0o700);
      const gpg = (args: string[], input?: string) =>
        spawnSync('gpg', ['--homedir', home, '--batch', '--no-tty', '--status-fd', '1', ...args], { input, encoding: 'utf8' });
      assert.equal(gpg(['--import'], key.publicKey).status, 0);
      fs.writeFileSync(path.join(home, 'good.asc'), signed);
      const good = gpg(['--verify', path.join(home, 'good.asc')]);
      assert.equal(good.status, 0, good.stderr);
      assert.match(good.stdout, /\[GNUPG:\] GOODSIG /);
      assert.match(good.stdout, new RegExp(`\\[GNUPG:\\] VALIDSIG ${fingerprint.toUpperCase()} `));
      fs.writeFileSync(path.join(home, 'bad.asc'), signed.replace('received no secret order', 'received on secret order'));
      const bad = gpg(['--verify', path.join(home, 'bad.asc')]);
      assert.notEqual(bad.status, 0);
      assert.match(bad.stdout, /\[GNUPG:\] BADSIG /);
    } finally {
      spawnSync('gpgconf', ['--homedir', home, '--kill', 'all']);
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('the canary state shown on a profile', () => {
  const statement = { nextUpdate: '2026-12-23' };

  test('a provider without a statement shows none', () => {
    assert.equal(canaryState(null, NOW), 'none');
  });

  test('a statement is current until seven days before its next update', () => {
    assert.equal(canaryState(statement, new Date('2026-12-15T23:59:59Z')), 'current');
  });

  test('a statement is due soon from seven days before its next update to the end of that day', () => {
    assert.equal(canaryState(statement, new Date('2026-12-16T00:00:00Z')), 'due-soon');
    assert.equal(canaryState(statement, new Date('2026-12-23T23:59:59.999Z')), 'due-soon');
  });

  test('a statement is overdue from the day after its next update', () => {
    assert.equal(canaryState(statement, new Date('2026-12-24T00:00:00Z')), 'overdue');
    assert.equal(canaryState(statement, new Date('2027-03-01T00:00:00Z')), 'overdue');
  });
});
