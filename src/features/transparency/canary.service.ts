import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { OutboundRefusalCode } from '../../platform/outbound/outbound-fetch.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { canaryText } from './canary.messages.ts';
import { CanaryRefused, canaryState, readCanaryKey, verifyCanary, type CanaryStatement } from './canary-statement.ts';
import { COALITION_CANARY, type CanaryScope } from './canary.table.ts';

export type CanaryState = ReturnType<typeof canaryState> | 'invalid';

/** Why a hosted canary did not verify on its last fetch: a statement refusal, 'older', or why it could not be fetched. */
export type SourceProblem = string;

/** The outbound refusals: the hosted statement could not be fetched, which says nothing against it yet. */
export const FETCH_PROBLEMS: ReadonlySet<string> = new Set<OutboundRefusalCode>(['bad_url', 'forbidden_address', 'timeout', 'unreachable', 'too_large', 'too_many_redirects', 'tls_error', 'http_error']);

/** Problems that mean the hosted statement itself cannot be trusted (not merely that it could not be fetched). */
export const isVerificationProblem = (problem: SourceProblem | null): boolean => problem !== null && !FETCH_PROBLEMS.has(problem);

export interface CanaryStatus {
  state: CanaryState;
  latest: { number: number; date: string; nextUpdate: string; signedBy: string; publishedAt: string } | null;
  key: { fingerprint: string; registeredAt: string } | null;
  source: { url: string; checkedAt: string | null; problem: SourceProblem | null; problemSince: string | null } | null;
}

export const refusedCanary = (code: string, field: string) => AppError.field(`canary_${code}`, field, localized(canaryText, (m) => m.errors[code] ?? code));

/**
 * Warrant canaries: the signing key, every statement as signed, and whether the latest still holds.
 * A scope is a provider's organisation id, or COALITION_CANARY for the coalition's own.
 */
export class CanaryService {
  constructor(
    private readonly db: Kysely<Database>,
    organisations: OrganisationsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {
    organisations.onDeleted(async (organisationId, trx) => {
      for (const table of ['canaries', 'canary_keys', 'canary_sources'] as const) await trx.deleteFrom(table).where('scope', '=', organisationId).execute();
    });
  }

  async setKey(scope: CanaryScope, armored: string, actor: Actor): Promise<void> {
    let key: Awaited<ReturnType<typeof readCanaryKey>>;
    try {
      key = await readCanaryKey(armored.trim(), this.clock.now());
    } catch (error) {
      if (error instanceof CanaryRefused) throw refusedCanary(error.code, 'key');
      throw error;
    }
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('canary_keys').where('scope', '=', scope).execute();
      await trx.insertInto('canary_keys').values({ scope, armored: armored.trim(), fingerprint: key.fingerprint, registered_at: now }).execute();
      await this.audit.record(actor, { action: 'canary.key.set', ...subject(scope) }, trx);
    });
  }

  key(scope: CanaryScope) {
    return this.db.selectFrom('canary_keys').selectAll().where('scope', '=', scope).executeTakeFirst();
  }

  /** Checks a statement against the scope's key without keeping it; throws the translated refusal. */
  async verify(scope: CanaryScope, provider: string, clearSigned: string, field = 'statement'): Promise<CanaryStatement> {
    const key = await this.key(scope);
    if (!key) throw AppError.field('canary_no_key', field, localized(canaryText, (m) => m.errors.noKey!));
    try {
      return await verifyCanary(clearSigned, key.armored, provider, this.clock.now());
    } catch (error) {
      if (error instanceof CanaryRefused) throw refusedCanary(error.code, field);
      throw error;
    }
  }

  /**
   * Verifies the statement against the key before keeping it; a refused one changes nothing.
   * `provider` is the name its Provider header must carry (the slug, or 'coalition').
   * Returns false when the very same statement is already the latest (a hosted canary fetched again).
   */
  async publish(scope: CanaryScope, provider: string, clearSigned: string, actor: Actor): Promise<boolean> {
    const statement = await this.verify(scope, provider, clearSigned);
    const now = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('canaries').select(['number', 'statement_date', 'signed_text']).where('scope', '=', scope).orderBy('number', 'desc').executeTakeFirst();
      if (last && last.signed_text.replace(/\r*\n/g, '\n').trim() === clearSigned.replace(/\r*\n/g, '\n').trim()) return false;
      // An older statement signed again would turn the canary back to a time before what it has since said.
      if (last && statement.date < last.statement_date) throw refusedCanary('older', 'statement');
      await trx
        .insertInto('canaries')
        .values({
          id: newId(),
          scope,
          number: (last?.number ?? 0) + 1,
          signed_text: clearSigned,
          statement_date: statement.date,
          next_update: statement.nextUpdate,
          signed_by: statement.signedBy,
          published_at: now,
          overdue_notified_at: null,
          invalid_notified_at: null,
        })
        .execute();
      await this.audit.record(actor, { action: 'canary.publish', ...subject(scope) }, trx);
      return true;
    });
  }

  /** The latest statement exactly as signed, for anyone to check with gpg. */
  async latestSignedText(scope: CanaryScope): Promise<string | null> {
    const row = await this.db.selectFrom('canaries').select('signed_text').where('scope', '=', scope).orderBy('number', 'desc').executeTakeFirst();
    return row?.signed_text ?? null;
  }

  async history(scope: CanaryScope) {
    return this.db.selectFrom('canaries').select(['number', 'statement_date', 'next_update', 'published_at']).where('scope', '=', scope).orderBy('number', 'desc').execute();
  }

  async status(scope: CanaryScope): Promise<CanaryStatus> {
    const [key, latest, source] = await Promise.all([
      this.key(scope),
      this.db.selectFrom('canaries').selectAll().where('scope', '=', scope).orderBy('number', 'desc').executeTakeFirst(),
      this.db.selectFrom('canary_sources').selectAll().where('scope', '=', scope).executeTakeFirst(),
    ]);
    return {
      state: stateOf(latest ?? null, key?.fingerprint ?? null, source?.problem ?? null, this.clock.now()),
      latest: latest ? { number: latest.number, date: latest.statement_date, nextUpdate: latest.next_update, signedBy: latest.signed_by, publishedAt: latest.published_at } : null,
      key: key ? { fingerprint: key.fingerprint, registeredAt: key.registered_at } : null,
      source: source ? { url: source.url, checkedAt: source.checked_at, problem: source.problem, problemSince: source.problem_since } : null,
    };
  }
}

/**
 * The one rule for a canary's state. Invalid when the latest statement was signed with a key
 * that is no longer the scope's, or when the hosted copy no longer verifies; otherwise by date.
 */
export function stateOf(latest: { next_update: string; signed_by: string } | null, keyFingerprint: string | null, sourceProblem: SourceProblem | null, now: Date): CanaryState {
  if (latest && keyFingerprint && latest.signed_by !== keyFingerprint) return 'invalid';
  if (isVerificationProblem(sourceProblem)) return 'invalid';
  return canaryState(latest ? { nextUpdate: latest.next_update } : null, now);
}

const subject = (scope: CanaryScope) => (scope === COALITION_CANARY ? { subjectType: 'coalition', subjectId: null } : { subjectType: 'organisation', subjectId: scope });
