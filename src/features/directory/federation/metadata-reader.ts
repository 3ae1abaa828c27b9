import crypto from 'node:crypto';
import { fetchResource, OutboundRefused, type OutboundPolicy } from '../../../platform/outbound/outbound-fetch.ts';
import { parseLibrehost } from './librehost.parse.ts';
import { decodeMetadataText } from './metadata-text.ts';
import { MetadataRejected, type ImportedMetadata, type MetadataFormat } from './metadata.ts';
import { readStatoolInfosFile, statoolInfosToMetadata } from './statoolinfos.parse.ts';

/** All the files of one reading, together never more than this. */
const TOTAL_BYTES = 8 * 1024 * 1024;
const SUB_FILES_AT_ONCE = 4;

export interface MetadataReading {
  metadata: ImportedMetadata;
  /** Each file as fetched, by address: the version kept. */
  files: Record<string, string>;
  sha256: string;
}

/** Fetches a provider's published metadata (and, for StatoolInfos, the service files it lists) and reads it. */
export async function readMetadata(url: string, format: MetadataFormat, policy: OutboundPolicy): Promise<MetadataReading> {
  let budget = TOTAL_BYTES;
  const files: Record<string, string> = {};
  const fetchText = async (address: string) => {
    const resource = await fetchResource(address, { ...policy, maxBytes: Math.min(policy.maxBytes, budget) }).catch((error: unknown) => {
      if (error instanceof OutboundRefused) {
        if (error.code === 'http_error' && / 404\b| 410\b/.test(` ${error.detail}`)) throw new MetadataRejected('not_found', `${address}: ${error.detail}`);
        throw new MetadataRejected(error.code === 'bad_url' || error.code === 'tls_error' ? 'unreachable' : error.code, `${address}: ${error.detail}`);
      }
      throw error;
    });
    budget -= resource.body.length;
    const text = decodeMetadataText(resource.body);
    files[address] = text;
    return text;
  };

  const root = await fetchText(url);
  let metadata: ImportedMetadata;
  if (format === 'librehost') metadata = parseLibrehost(root);
  else {
    const organization = readStatoolInfosFile(root);
    if (organization.kind !== 'organization') throw new MetadataRejected('not_metadata', `${url}: a ${organization.kind} file, not an organization file`);
    const services: Map<string, string>[] = new Array(organization.subs.length);
    let next = 0;
    const worker = async () => {
      while (next < organization.subs.length) {
        const i = next++;
        const file = readStatoolInfosFile(await fetchText(organization.subs[i]!));
        if (file.kind !== 'service') throw new MetadataRejected('not_metadata', `${organization.subs[i]}: a ${file.kind} file, not a service file`);
        services[i] = file.properties;
      }
    };
    await Promise.all(Array.from({ length: SUB_FILES_AT_ONCE }, worker));
    metadata = statoolInfosToMetadata(organization.properties, services);
  }
  const ordered = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
  return { metadata, files: ordered, sha256: crypto.createHash('sha256').update(JSON.stringify(ordered)).digest('hex') };
}
