import type { ProviderProfile, ProviderService } from '../directory.model.ts';

/** A provider as Haven publishes it to other federation tools; a ListedProvider fits this shape. */
export interface PublishedProvider {
  slug: string;
  name: string;
  profile: ProviderProfile;
  services: (ProviderService & { slug: string })[];
  memberSince: string | null;
  updatedAt: string;
}

/** The address of a published file: baseUrl's path is kept, so Haven may live under a prefix. */
export function publishedAddress(baseUrl: URL, path: string): string {
  return `${baseUrl.origin}${baseUrl.pathname.replace(/\/+$/, '')}${path}`;
}
