import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import * as OTPAuth from 'otpauth';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { hashSecretToken } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { accountsText } from './accounts.messages.ts';
import type { AccountsRepository } from './accounts.repository.ts';

const PERIOD_SECONDS = 30;
const RECOVERY_CODE_COUNT = 10;

/** TOTP (RFC 6238) second factor with one-time recovery codes. */
export class SecondFactorService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repo: AccountsRepository,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  private context(accountId: string) {
    return `accounts.totp_secret:${accountId}`;
  }

  private totp(secret: string, username: string) {
    return new OTPAuth.TOTP({
      issuer: 'Haven',
      label: username,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD_SECONDS,
      secret: OTPAuth.Secret.fromBase32(secret),
    });
  }

  /** Starts (or restarts) enrolment: a fresh secret that is not yet required at log-in. */
  async beginEnrolment(accountId: string): Promise<{ secret: string; uri: string }> {
    const account = await this.repo.byId(accountId);
    if (!account) throw AppError.notFound();
    if (account.totp_enabled_at) throw AppError.forbidden();
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await this.db
      .updateTable('accounts')
      .set({ totp_secret_enc: this.cipher.encrypt(secret, this.context(accountId)) })
      .where('id', '=', accountId)
      .execute();
    return { secret, uri: this.totp(secret, account.username).toString() };
  }

  async pendingEnrolment(accountId: string): Promise<{ secret: string; uri: string } | null> {
    const account = await this.repo.byId(accountId);
    if (!account?.totp_secret_enc || account.totp_enabled_at) return null;
    const secret = this.cipher.decrypt(account.totp_secret_enc, this.context(accountId));
    return { secret, uri: this.totp(secret, account.username).toString() };
  }

  /** Confirms enrolment with a first code; returns the recovery codes, shown once. */
  async confirmEnrolment(accountId: string, code: string, actor: Actor): Promise<string[]> {
    const account = await this.repo.byId(accountId);
    if (!account?.totp_secret_enc || account.totp_enabled_at) throw AppError.notFound();
    const step = this.matchingStep(account.totp_secret_enc, account.id, account.username, code);
    if (step === null) throw this.badCode();
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ totp_enabled_at: this.clock.now().toISOString(), totp_last_step: step })
        .where('id', '=', accountId)
        .execute();
      await trx.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
      await trx
        .insertInto('recovery_codes')
        .values(codes.map((c) => ({ account_id: accountId, code_hash: hashRecoveryCode(c), used_at: null })))
        .execute();
      await this.audit.record(actor, { action: 'account.second_factor.enable', subjectType: 'account', subjectId: accountId }, trx);
    });
    return codes;
  }

  isEnabled(account: { totp_enabled_at: string | null }): boolean {
    return account.totp_enabled_at !== null;
  }

  /**
   * Checks a six-digit code (each accepted once) or a recovery code (each
   * usable once). Throws when neither matches.
   */
  async verify(accountId: string, input: string): Promise<'totp' | 'recovery'> {
    const account = await this.repo.byId(accountId);
    if (!account?.totp_secret_enc || !account.totp_enabled_at) throw this.badCode();
    const code = input.replace(/\s+/g, '');
    if (/^\d{6}$/.test(code)) {
      const step = this.matchingStep(account.totp_secret_enc, account.id, account.username, code);
      if (step === null || (account.totp_last_step !== null && step <= account.totp_last_step)) throw this.badCode();
      // The guard on the last step makes a replay racing this request lose.
      const result = await this.db
        .updateTable('accounts')
        .set({ totp_last_step: step })
        .where('id', '=', accountId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw this.badCode();
      return 'totp';
    }
    const result = await this.db
      .updateTable('recovery_codes')
      .set({ used_at: this.clock.now().toISOString() })
      .where('account_id', '=', accountId)
      .where('code_hash', '=', hashRecoveryCode(code))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw this.badCode();
    await this.audit.record({ accountId, username: account.username }, { action: 'account.recovery_code.use', subjectType: 'account', subjectId: accountId });
    return 'recovery';
  }

  async remainingRecoveryCodes(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async disable(accountId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null })
        .where('id', '=', accountId)
        .execute();
      await trx.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
      await this.audit.record(actor, { action: 'account.second_factor.disable', subjectType: 'account', subjectId: accountId }, trx);
    });
  }

  /** The time step a code belongs to, allowing one step of clock drift either way. */
  private matchingStep(secretEnc: string, accountId: string, username: string, code: string): number | null {
    const secret = this.cipher.decrypt(secretEnc, this.context(accountId));
    const now = this.clock.now().getTime();
    const delta = this.totp(secret, username).validate({ token: code.replace(/\s+/g, ''), timestamp: now, window: 1 });
    if (delta === null) return null;
    return Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  }

  /** For tests and the demo: the code an authenticator app would show now. */
  currentCode(secret: string): string {
    return this.totp(secret, 'x').generate({ timestamp: this.clock.now().getTime() });
  }

  private badCode(): AppError {
    return AppError.field('bad_code', 'code', localized(accountsText, (m) => m.errors.badCode));
  }
}

function newRecoveryCode(): string {
  const raw = crypto.randomBytes(10).toString('hex');
  return `${raw.slice(0, 5)}-${raw.slice(5, 10)}-${raw.slice(10, 15)}-${raw.slice(15, 20)}`;
}

function hashRecoveryCode(code: string): string {
  return hashSecretToken(code.trim().toLowerCase());
}
