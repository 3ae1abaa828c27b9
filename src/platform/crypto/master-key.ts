import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';

export interface MasterKeySource {
  key: Buffer;
  /** True when this start generated the key: the operator must back it up. */
  generated: boolean;
  file: string | null;
}

/**
 * The master key protects every key Haven derives (field encryption, token
 * signing). It comes from HAVEN_MASTER_KEY, else from its file, which is
 * generated with owner-only permissions on first start.
 */
export function loadMasterKey(config: Config): MasterKeySource {
  if (config.masterKey) return { key: Buffer.from(config.masterKey, 'base64'), generated: false, file: null };
  const file = config.masterKeyFile;
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`The master key in ${file} is not 32 bytes of base64.`);
    return { key, generated: false, file };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, generated: true, file };
}

/** A key for one purpose, derived from the master key so purposes never share a key. */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), `haven:${purpose}`, 32));
}
