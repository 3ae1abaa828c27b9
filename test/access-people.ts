import type { Haven } from '../src/haven.ts';
import type { CoalitionRole } from '../src/features/accounts/accounts.table.ts';

/** Every kind of person an access rule must tell apart. */
export type Who = 'anonymous' | 'plain' | 'staff' | 'delegate' | 'outsider-delegate' | 'reviewer' | 'advisory' | 'conduct' | 'steward';
export const EVERYONE: Who[] = ['anonymous', 'plain', 'staff', 'delegate', 'outsider-delegate', 'reviewer', 'advisory', 'conduct', 'steward'];

/**
 * One account of each kind, with an API token each: staff and a delegate of
 * the `home` organisation, a delegate of the `other` one, and one holder of
 * each coalition role. Anonymous has no token.
 */
export async function accessPeople(haven: Haven, home: { id: string }, other: { id: string }, prefix: string): Promise<Map<Who, string>> {
  const tokens = new Map<Who, string>();
  const roles: Partial<Record<Who, CoalitionRole>> = { reviewer: 'reviewer', advisory: 'advisory', conduct: 'conduct', steward: 'steward' };
  for (const who of EVERYONE) {
    if (who === 'anonymous') continue;
    const account = await haven.accounts.create({ username: `${prefix}-${who}`, password: 'matrix password 1', roles: roles[who] ? [roles[who]!] : [] }, 'system');
    if (who === 'staff') await haven.organisations.addMember(home.id, account.id, 'staff', 'system');
    if (who === 'delegate') await haven.organisations.addMember(home.id, account.id, 'delegate', 'system');
    if (who === 'outsider-delegate') await haven.organisations.addMember(other.id, account.id, 'delegate', 'system');
    tokens.set(who, (await haven.tokens.create(account.id, 'matrix', 'system')).token);
  }
  return tokens;
}
