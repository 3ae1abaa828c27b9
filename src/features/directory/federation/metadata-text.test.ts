import assert from 'node:assert/strict';
import fs from 'node:fs';
import { it } from 'node:test';
import { decodeMetadataText } from './metadata-text.ts';
import { MetadataRejected } from './metadata.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../../test/fixtures/federation/${name}`, import.meta.url));

const rejectedWith = (code: MetadataRejected['code']) => (error: unknown) => error instanceof MetadataRejected && error.code === code;

it('reads a UTF-8 file with its accents and without its byte-order mark', () => {
  const text = decodeMetadataText(Buffer.from('\uFEFForganization.name = Café Liberté\n', 'utf8'));
  assert.equal(text, 'organization.name = Café Liberté\n');
});

it('refuses a Latin-1 file as badly encoded instead of guessing its accents', () => {
  assert.throws(() => decodeMetadataText(fixture('organization-latin1.properties')), rejectedWith('bad_encoding'));
});

it('refuses a UTF-16 file as badly encoded, not as binary', () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('service.name = Pads\n', 'utf16le')]);
  assert.throws(() => decodeMetadataText(utf16), rejectedWith('bad_encoding'));
});

it('refuses an image served in place of the metadata file as binary', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  assert.throws(() => decodeMetadataText(png), rejectedWith('binary'));
});

it('refuses a file made mostly of control characters as binary even when it has no NUL byte', () => {
  const noise = Buffer.alloc(400, 0x1b);
  noise.write('service.name = x', 0, 'ascii');
  assert.throws(() => decodeMetadataText(noise), rejectedWith('binary'));
});

it('accepts tabs, form feeds and Windows line endings as ordinary text', () => {
  const text = 'file.class\t= service\r\n\fservice.name = Pads\r\n';
  assert.equal(decodeMetadataText(Buffer.from(text, 'utf8')), text);
});

it('accepts an empty file, leaving it to the parsers to say it holds no metadata', () => {
  assert.equal(decodeMetadataText(Buffer.alloc(0)), '');
});
