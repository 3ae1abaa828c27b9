import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { FieldCipher } from './field-cipher.ts';
import { deriveKey } from './master-key.ts';

describe('encryption of sensitive fields', () => {
  const cipher = new FieldCipher(deriveKey(crypto.randomBytes(32), 'field-encryption'));

  it('reads back what it wrote, and never stores the text in clear', () => {
    const stored = cipher.encrypt('activist@example.org', 'accounts.email:1');
    assert.ok(!stored.includes('activist'));
    assert.equal(cipher.decrypt(stored, 'accounts.email:1'), 'activist@example.org');
    assert.notEqual(cipher.encrypt('same', 'c'), cipher.encrypt('same', 'c'), 'each encryption uses a fresh nonce');
  });

  it('refuses a value moved to another row or column', () => {
    const stored = cipher.encrypt('secret', 'accounts.email:1');
    assert.throws(() => cipher.decrypt(stored, 'accounts.email:2'));
    assert.throws(() => cipher.decrypt(stored, 'accounts.pgp_key:1'));
  });

  it('refuses a tampered value', () => {
    const stored = cipher.encrypt('secret', 'ctx');
    const parts = stored.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    assert.throws(() => cipher.decrypt(parts.join('.'), 'ctx'));
  });

  it('cannot be read with another master key', () => {
    const other = new FieldCipher(deriveKey(crypto.randomBytes(32), 'field-encryption'));
    assert.throws(() => other.decrypt(cipher.encrypt('secret', 'ctx'), 'ctx'));
  });
});
