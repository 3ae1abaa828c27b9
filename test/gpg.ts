import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as openpgp from 'openpgp';

/** Whether the real gpg binary is on this machine (CI installs it; a developer's machine may lack it). */
export const gpgInstalled = (() => {
  try {
    execFileSync('gpg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export const gpgTestName = gpgInstalled ? 'is accepted by the real gpg binary, as served' : 'is checked with gpg when gpg is installed (it is not here: the served text is checked with OpenPGP.js)';

/**
 * Checks a served clear-signed statement against a served key as anyone would: `gpg --import`
 * then `gpg --verify`, in a throwaway keyring. Returns gpg's status lines, or, without gpg,
 * verifies with OpenPGP.js and returns null. Throws when the signature does not hold.
 */
export async function verifyAsAnyoneWould(statement: string, publicKey: string): Promise<string | null> {
  if (!gpgInstalled) {
    const verified = await openpgp.verify({ message: await openpgp.readCleartextMessage({ cleartextMessage: statement }), verificationKeys: await openpgp.readKey({ armoredKey: publicKey }) });
    await verified.signatures[0]!.verified;
    return null;
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-gpg-'));
  try {
    fs.writeFileSync(path.join(home, 'key.asc'), publicKey);
    fs.writeFileSync(path.join(home, 'canary.txt'), statement);
    const env = { ...process.env, GNUPGHOME: home };
    execFileSync('gpg', ['--batch', '--quiet', '--import', path.join(home, 'key.asc')], { env, stdio: 'pipe' });
    return execFileSync('gpg', ['--batch', '--status-fd', '1', '--verify', path.join(home, 'canary.txt')], { env, stdio: 'pipe' }).toString();
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Decrypts an armored message with the person's own GnuPG, in a throwaway keyring. */
export function gpgDecrypt(privateKey: string, armored: string): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-gpg-'));
  try {
    const imported = spawnSync('gpg', ['--homedir', home, '--batch', '--import'], { input: privateKey });
    assert.equal(imported.status, 0, imported.stderr.toString());
    const decrypted = spawnSync('gpg', ['--homedir', home, '--batch', '--decrypt'], { input: armored });
    assert.equal(decrypted.status, 0, decrypted.stderr.toString());
    return decrypted.stdout.toString('utf8');
  } finally {
    spawnSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
    fs.rmSync(home, { recursive: true, force: true });
  }
}
