import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import * as openpgp from 'openpgp';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { checkInput } from '../../platform/http/check-input.ts';
import { AppError } from '../../platform/http/errors.ts';
import { Password, Username } from './accounts.schemas.ts';
import { localized, type Locale } from '../../platform/i18n/locale.ts';
import { accountsText } from './accounts.messages.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import type { CoalitionRole } from './accounts.table.ts';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.ts';

export interface NewAccount {
  username: string;
  /** Omitted: a strong password is generated and returned once. */
  password?: string;
  roles?: CoalitionRole[];
  locale?: Locale | null;
}

export interface ContactDetails {
  email: string | null;
  pgpKey: string | null;
}

/** Creating, finding and changing accounts. */
export class AccountsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repo: AccountsRepository,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(input: NewAccount, actor: Actor) {
    const username = input.username.trim().toLowerCase();
    checkInput({ username: { schema: Username, value: username }, ...(input.password === undefined ? {} : { password: { schema: Password, value: input.password } }) });
    if (await this.repo.byUsername(username)) {
      throw AppError.field('username_taken', 'username', localized(accountsText, (m) => m.errors.usernameTaken), 409);
    }
    const generatedPassword = input.password ? null : crypto.randomBytes(18).toString('base64url');
    const passwordHash = await hashPassword(input.password ?? generatedPassword!);
    const now = this.clock.now().toISOString();
    const id = newId();
    const roles = [...new Set(input.roles ?? [])].sort();
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('accounts')
          .values({
            id,
            username,
            password_hash: passwordHash,
            email_enc: null,
            pgp_key_enc: null,
            locale: input.locale ?? null,
            status: 'active',
            totp_secret_enc: null,
            totp_enabled_at: null,
            totp_last_step: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await this.repo.setRoles(id, roles, now, trx);
        await this.audit.record(actor, { action: 'account.create', subjectType: 'account', subjectId: id }, trx);
      });
    } catch (error) {
      // Two people racing for one name: the unique index decides, and the loser hears why.
      if (await this.repo.byUsername(username)) {
        throw AppError.field('username_taken', 'username', localized(accountsText, (m) => m.errors.usernameTaken), 409);
      }
      throw error;
    }
    return { id, username, roles, generatedPassword };
  }

  /** The account matching these credentials, or an error that does not say which part was wrong. */
  async authenticate(usernameInput: string, password: string) {
    const account = await this.repo.byUsername(usernameInput.trim().toLowerCase());
    if (!account) {
      await verifyAgainstNothing(password);
      throw this.badCredentials();
    }
    if (!(await verifyPassword(account.password_hash, password))) throw this.badCredentials();
    if (account.status !== 'active') {
      throw new AppError('account_suspended', 403, localized(accountsText, (m) => m.errors.suspended));
    }
    return account;
  }

  private badCredentials(): AppError {
    return AppError.field('bad_credentials', 'password', localized(accountsText, (m) => m.errors.badCredentials), 401);
  }

  async get(accountId: string) {
    const account = await this.repo.byId(accountId);
    if (!account) throw AppError.notFound();
    return account;
  }

  async findByUsername(username: string) {
    const account = await this.repo.byUsername(username.trim().toLowerCase());
    if (!account) throw AppError.notFound();
    return account;
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  /** Accounts holding a coalition role, with the language to write to them in. */
  withRole(role: CoalitionRole, trx: Kysely<Database> = this.db) {
    return trx
      .selectFrom('account_roles')
      .innerJoin('accounts', 'accounts.id', 'account_roles.account_id')
      .select(['accounts.id', 'accounts.locale'])
      .where('account_roles.role', '=', role)
      .where('accounts.status', '=', 'active')
      .execute();
  }

  roles(accountId: string): Promise<CoalitionRole[]> {
    return this.repo.rolesOf(accountId);
  }

  async list(limit = 200, offset = 0) {
    const accounts = await this.repo.list(limit, offset);
    const roles = await this.repo.rolesByAccount(accounts.map((a) => a.id));
    return accounts.map((a) => ({ ...a, roles: roles.get(a.id) ?? [] }));
  }

  contactDetails(account: { id: string; email_enc: string | null; pgp_key_enc: string | null }): ContactDetails {
    return {
      email: this.cipher.decryptNullable(account.email_enc, `accounts.email:${account.id}`),
      pgpKey: this.cipher.decryptNullable(account.pgp_key_enc, `accounts.pgp_key:${account.id}`),
    };
  }

  async updateContact(accountId: string, details: ContactDetails, actor: Actor): Promise<void> {
    const pgpKey = details.pgpKey?.trim() || null;
    if (pgpKey) await assertUsablePublicKey(pgpKey);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({
          email_enc: this.cipher.encryptNullable(details.email?.trim(), `accounts.email:${accountId}`),
          pgp_key_enc: this.cipher.encryptNullable(pgpKey, `accounts.pgp_key:${accountId}`),
          updated_at: this.clock.now().toISOString(),
        })
        .where('id', '=', accountId)
        .execute();
      await this.audit.record(actor, { action: 'account.contact.update', subjectType: 'account', subjectId: accountId }, trx);
    });
  }

  async setLocale(accountId: string, locale: Locale): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set({ locale, updated_at: this.clock.now().toISOString() })
      .where('id', '=', accountId)
      .execute();
  }

  async changePassword(accountId: string, current: string, next: string, actor: Actor): Promise<void> {
    const account = await this.get(accountId);
    if (!(await verifyPassword(account.password_hash, current))) {
      throw AppError.field('wrong_password', 'currentPassword', localized(accountsText, (m) => m.errors.wrongPassword));
    }
    const hash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ password_hash: hash, updated_at: this.clock.now().toISOString() })
        .where('id', '=', accountId)
        .execute();
      await this.audit.record(actor, { action: 'account.password.change', subjectType: 'account', subjectId: accountId }, trx);
    });
  }

  async setRoles(accountId: string, roles: CoalitionRole[], actor: Actor): Promise<void> {
    await this.get(accountId);
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = await this.stewardCount(trx);
      await this.repo.setRoles(accountId, [...new Set(roles)].sort(), now, trx);
      await this.assertStewardRemains(trx, before);
      await this.audit.record(actor, { action: 'account.roles.set', subjectType: 'account', subjectId: accountId }, trx);
    });
  }

  async setStatus(accountId: string, status: 'active' | 'suspended', actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ status, updated_at: this.clock.now().toISOString() }).where('id', '=', accountId).execute();
      if (status === 'suspended') await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
      await this.audit.record(actor, { action: `account.${status === 'active' ? 'reinstate' : 'suspend'}`, subjectType: 'account', subjectId: accountId }, trx);
    });
  }

  /** Removes the account and everything tied to it; the audit trail keeps the actions without the name. */
  async delete(accountId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await this.stewardCount(trx);
      await trx.deleteFrom('accounts').where('id', '=', accountId).execute();
      await this.assertStewardRemains(trx, before);
      await this.audit.forgetActor(accountId, trx);
      await this.audit.record(
        actor === 'system' || actor.accountId === accountId ? 'system' : actor,
        { action: 'account.delete', subjectType: 'account', subjectId: null },
        trx,
      );
    });
  }

  private async stewardCount(trx: Kysely<Database>): Promise<number> {
    const row = await trx
      .selectFrom('account_roles')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('role', '=', 'steward')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A coalition always keeps at least one steward once it has had one. */
  private async assertStewardRemains(trx: Kysely<Database>, before: number): Promise<void> {
    if (before > 0 && (await this.stewardCount(trx)) === 0) {
      throw new AppError('last_steward', 409, localized(accountsText, (m) => m.errors.lastSteward));
    }
  }
}

async function assertUsablePublicKey(armored: string): Promise<void> {
  try {
    const key = await openpgp.readKey({ armoredKey: armored });
    if (key.isPrivate()) throw new Error('private key');
    await key.getEncryptionKey();
  } catch {
    throw AppError.field('bad_pgp_key', 'pgpKey', localized(accountsText, (m) => m.errors.badPgpKey));
  }
}
