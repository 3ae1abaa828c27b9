import crypto from 'node:crypto';

/**
 * Authenticated encryption (AES-256-GCM) for sensitive fields at rest.
 * The associated data names where a value belongs (table, column, row), so a
 * ciphertext copied into another row or column fails to decrypt.
 * Stored form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export class FieldCipher {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('A field key is 32 bytes.');
    this.#key = key;
  }

  encrypt(plaintext: string | Buffer, context: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decryptBuffer(stored: string, context: string): Buffer {
    const [version, iv, tag, body] = stored.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
      throw new Error('Not an encrypted field value.');
    }
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }

  decrypt(stored: string, context: string): string {
    return this.decryptBuffer(stored, context).toString('utf8');
  }

  encryptNullable(plaintext: string | null | undefined, context: string): string | null {
    return plaintext === null || plaintext === undefined || plaintext === '' ? null : this.encrypt(plaintext, context);
  }

  decryptNullable(stored: string | null, context: string): string | null {
    return stored === null ? null : this.decrypt(stored, context);
  }
}
