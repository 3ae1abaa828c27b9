import fs from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import type { Config } from '../../config.ts';
import type { Actor } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { DAY } from '../../platform/clock.ts';
import type { CanaryService } from './canary.service.ts';
import { COALITION_CANARY } from './canary.table.ts';
import { signCanary } from './canary-statement.ts';

/** The name the coalition's statements carry in their Provider header. */
export const COALITION_PROVIDER = 'coalition';

export const DEFAULT_COALITION_STATEMENT = [
  'As of the date above, the coalition and the operators of this Haven instance have received no secret order,',
  'gag order, national security letter or warrant for the data of the people the coalition protects, and have',
  'not been compelled to alter Haven, its keys or its data.',
  '',
  'À la date ci-dessus, la coalition et les opérateurs de cette instance de Haven n’ont reçu aucune injonction secrète,',
  'ordonnance de silence, lettre de sécurité nationale ni mandat visant les données des personnes que la coalition protège,',
  'et n’ont pas été contraints de modifier Haven, ses clés ou ses données.',
].join('\n');

export class CoalitionKeyProblem extends Error {}

/**
 * The coalition's signing key, kept in a file beside the database and never in it: a copy of the
 * database (a backup, a dump for a bug report) must not carry what signs for the coalition.
 * Made on first use; readable by its owner only; protected by a passphrase when one is set.
 */
export async function coalitionSigningKey(config: Config, clock: Clock): Promise<{ privateKey: string; publicKey: string; created: boolean }> {
  const file = config.coalitionCanaryKeyFile;
  if (fs.existsSync(file)) {
    const privateKey = fs.readFileSync(file, 'utf8');
    let key: openpgp.PrivateKey;
    try {
      key = await openpgp.readPrivateKey({ armoredKey: privateKey });
    } catch {
      throw new CoalitionKeyProblem(`${file} does not hold an OpenPGP private key.`);
    }
    if (!key.isDecrypted() && !config.coalitionCanaryPassphrase) throw new CoalitionKeyProblem(`${file} is protected by a passphrase: set COALITION_CANARY_PASSPHRASE.`);
    return { privateKey, publicKey: key.toPublic().armor(), created: false };
  }
  const made = await openpgp.generateKey({
    type: 'ecc',
    curve: 'ed25519Legacy',
    date: clock.now(),
    userIDs: [{ name: 'Haven coalition canary', email: `canary@${config.publicUrl.hostname}` }],
    passphrase: config.coalitionCanaryPassphrase ?? undefined,
    format: 'armored',
  });
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx': never overwrite a key that appeared meanwhile (two operators signing at once).
  fs.writeFileSync(file, made.privateKey, { mode: 0o600, flag: 'wx' });
  return { privateKey: made.privateKey, publicKey: made.publicKey, created: true };
}

/** Signs and publishes the coalition's next statement with the key Haven holds, registering that key's public half first. */
export async function signCoalitionCanary(
  deps: { config: Config; clock: Clock; canaries: CanaryService },
  fields: { nextUpdate: string; text?: string; date?: string },
  actor: Actor,
): Promise<{ fingerprint: string; keyCreated: boolean; date: string; nextUpdate: string }> {
  const { config, clock, canaries } = deps;
  const key = await coalitionSigningKey(config, clock);
  const publicKey = await openpgp.readKey({ armoredKey: key.publicKey });
  const fingerprint = publicKey.getFingerprint();
  if ((await canaries.key(COALITION_CANARY))?.fingerprint !== fingerprint) await canaries.setKey(COALITION_CANARY, key.publicKey, actor);
  const date = fields.date ?? clock.now().toISOString().slice(0, 10);
  const signed = await signCanary(
    { provider: COALITION_PROVIDER, date, nextUpdate: fields.nextUpdate, text: fields.text ?? DEFAULT_COALITION_STATEMENT },
    key.privateKey,
    config.coalitionCanaryPassphrase ?? undefined,
    clock.now(),
  );
  await canaries.publish(COALITION_CANARY, COALITION_PROVIDER, signed, actor);
  return { fingerprint, keyCreated: key.created, date, nextUpdate: fields.nextUpdate };
}

/** The default promise: a month from the statement's date. */
export const defaultNextUpdate = (clock: Clock) => new Date(clock.now().getTime() + 30 * DAY).toISOString().slice(0, 10);
