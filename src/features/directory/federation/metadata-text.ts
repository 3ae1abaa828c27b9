import { MetadataRejected } from './metadata.ts';

/**
 * Above this share of control bytes a file is an image, an archive or an
 * error page in some binary form, not a text file with a few stray tabs.
 */
const CONTROL_SHARE_LIMIT = 0.1;

function isControlByte(byte: number): boolean {
  // Tab, line feed, form feed and carriage return are legitimate in both formats.
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f;
}

/**
 * The text of a fetched metadata file. Both formats are UTF-8; anything else
 * is refused rather than guessed, so a provider sees why its file was not read
 * instead of finding mangled accents in its profile.
 */
export function decodeMetadataText(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new MetadataRejected('bad_encoding', 'the file is UTF-16; publish it as UTF-8');
  }
  const firstNul = bytes.indexOf(0);
  if (firstNul !== -1) throw new MetadataRejected('binary', `NUL byte at offset ${firstNul}`);
  let controls = 0;
  for (const byte of bytes) if (isControlByte(byte)) controls++;
  if (bytes.length > 0 && controls / bytes.length > CONTROL_SHARE_LIMIT) {
    throw new MetadataRejected('binary', `${controls} control bytes in ${bytes.length}`);
  }
  let text: string;
  try {
    // ignoreBOM keeps the mark so it is stripped below, whatever the decoder's default.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new MetadataRejected('bad_encoding', 'the file is not valid UTF-8 (Latin-1 or Windows-1252 perhaps); publish it as UTF-8');
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
