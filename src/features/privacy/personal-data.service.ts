import type { AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { InboxService } from '../accounts/inbox.service.ts';
import type { ApiTokensService } from '../accounts/api-tokens.service.ts';
import type { SessionsService } from '../accounts/sessions.service.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';

export const CSV_PARTS = ['organisations', 'sessions', 'tokens', 'activity'] as const;
export type CsvPart = (typeof CSV_PARTS)[number];

/**
 * Everything Haven holds about a person and the organisations they speak for,
 * in open formats. Each capability adds its own records here as it lands.
 */
export class PersonalDataService {
  readonly #organisationRecords = new Map<string, (organisationId: string) => Promise<unknown>>();
  readonly #accountRecords = new Map<string, (accountId: string) => Promise<unknown>>();

  constructor(
    private readonly accounts: AccountsService,
    private readonly organisations: OrganisationsService,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  /** A capability's records about an organisation, exported for the delegates who speak for it. */
  addOrganisationRecords(name: string, records: (organisationId: string) => Promise<unknown>): void {
    this.#organisationRecords.set(name, records);
  }

  /** A capability's records about the person themself (what they follow, what they asked for). */
  addAccountRecords(name: string, records: (accountId: string) => Promise<unknown>): void {
    this.#accountRecords.set(name, records);
  }

  async exportFor(accountId: string) {
    const account = await this.accounts.get(accountId);
    const contact = this.accounts.contactDetails(account);
    const memberships = await this.organisations.membershipsOf(accountId);
    const delegated = await Promise.all(
      memberships
        .filter((m) => m.role === 'delegate')
        .map(async (m) => {
          const organisation = await this.organisations.getBySlug(m.slug);
          const members = await this.organisations.members(m.organisationId);
          return {
            slug: organisation.slug,
            name: organisation.name,
            kind: organisation.kind,
            createdAt: organisation.created_at,
            members: members.map((p) => ({ username: p.username, role: p.role, joinedAt: p.joined_at })),
            ...Object.fromEntries(await Promise.all([...this.#organisationRecords].map(async ([name, records]) => [name, await records(m.organisationId)] as const))),
          };
        }),
    );
    return {
      format: 'haven-personal-data/1',
      account: {
        id: account.id,
        username: account.username,
        email: contact.email,
        openpgpPublicKey: contact.pgpKey,
        language: account.locale,
        status: account.status,
        secondFactorEnabled: account.totp_enabled_at !== null,
        createdAt: account.created_at,
        updatedAt: account.updated_at,
      },
      coalitionRoles: await this.accounts.roles(accountId),
      organisations: memberships.map((m) => ({ slug: m.slug, name: m.name, kind: m.kind, role: m.role })),
      organisationsYouSpeakFor: delegated,
      sessions: (await this.sessions.list(accountId)).map((s) => ({ createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at })),
      apiTokens: (await this.tokens.list(accountId)).map((t) => ({ name: t.name, endsWith: t.hint, createdAt: t.created_at, lastUsedAt: t.last_used_at })),
      notifications: (await this.inbox.list(accountId)).map((n) => ({ at: n.createdAt, subject: n.subject, text: n.text, read: n.read })),
      ...Object.fromEntries(await Promise.all([...this.#accountRecords].map(async ([name, records]) => [name, await records(accountId)] as const))),
      activity: (await this.audit.byActor(accountId)).map((e) => ({ at: e.occurred_at, action: e.action, subjectType: e.subject_type, subjectId: e.subject_id })),
    };
  }

  async tableFor(accountId: string, part: CsvPart): Promise<Record<string, string | null>[]> {
    const data = await this.exportFor(accountId);
    switch (part) {
      case 'organisations':
        return data.organisations;
      case 'sessions':
        return data.sessions;
      case 'tokens':
        return data.apiTokens;
      case 'activity':
        return data.activity;
    }
  }
}
