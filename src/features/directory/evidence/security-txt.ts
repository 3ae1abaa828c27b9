/** A security.txt file (RFC 9116) read into its fields; names are lower-cased, values kept in order. */
export interface SecurityTxt {
  fields: Map<string, string[]>;
  /** The file is an OpenPGP clear-signed message; the fields were read from the signed text. */
  signed: boolean;
}

const SIGNED_START = '-----BEGIN PGP SIGNED MESSAGE-----';
const SIGNATURE_START = '-----BEGIN PGP SIGNATURE-----';

/**
 * The text inside a clear-signed message (RFC 4880, section 7): after the armor headers and the
 * blank line that ends them, up to the signature, with dash-escaped lines restored.
 */
function signedText(lines: string[]): string[] {
  const body: string[] = [];
  let index = 1;
  while (index < lines.length && lines[index]!.trim() !== '') index++;
  for (index++; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === SIGNATURE_START) break;
    body.push(line.startsWith('- ') ? line.slice(2) : line);
  }
  return body;
}

export function parseSecurityTxt(text: string): SecurityTxt {
  let lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const signed = (lines[0] ?? '').trim() === SIGNED_START;
  if (signed) lines = signedText(lines);
  const fields = new Map<string, string[]>();
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const field = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(trimmed);
    if (!field) continue;
    const name = field[1]!.toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), field[2]!.trim()]);
  }
  return { fields, signed };
}

/** RFC 9116 asks for an RFC 3339 internet date-time, such as `2027-01-01T00:00:00.000Z`. */
export function parseExpires(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
