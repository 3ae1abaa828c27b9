import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { DAY, type Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isLocale, localized } from '../../platform/i18n/locale.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { ConductReport, ConductReportsService } from './conduct-reports.service.ts';
import { conductHandlingText } from './conduct-handling.messages.ts';
import { conductText } from './conduct.messages.ts';
import type { Outcome } from './conduct.table.ts';

export const NAMINGS = ['none', 'third-parties', 'public'] as const;
export type Naming = (typeof NAMINGS)[number];
export const DEFAULT_RETENTION_DAYS = 180;

/** A decision as kept (encrypted) in the body of the report's 'decision' entry. */
export interface Decision {
  outcome: Outcome;
  reasons: string;
  /** The person the report is about: one of the accounts the reporter named as involved. */
  subjectAccountId: string | null;
  /** End of a temporary suspension (ISO-8601). */
  suspendedUntil: string | null;
  /** Whom the team warns or tells: only ever the subject is named, unless the harmed person consented. */
  naming: Naming;
  namesHarmed: boolean;
  /** The day the harmed person's consent to be named was recorded; required before any naming mentions them. */
  harmedConsentOn: string | null;
  reinstatedAt: string | null;
}

export function decisionOf(body: string): Decision | null {
  try {
    const parsed = JSON.parse(body) as Decision;
    return typeof parsed === 'object' && parsed && typeof parsed.outcome === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

const BODY = (id: string) => `conduct_entries.body:${id}`;
const err = (code: string, field: string, pick: (m: (typeof conductHandlingText)['en']['errors']) => string, status = 400) => AppError.field(code, field, localized(conductHandlingText, (m) => pick(m.errors)), status);

/**
 * What the conduct team does with a report: acknowledge it, keep notes, write to the reporter,
 * decide (with effects on the subject's account), follow up, close; and what the stewards set:
 * how long closed reports are kept. Every step goes through forHandler, so through the one access rule,
 * and is written in the report's own access trail, never in the general audit trail.
 */
export class ConductHandlingService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher,
    private readonly reports: ConductReportsService,
    private readonly accounts: AccountsService,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async acknowledge(viewer: Viewer | null, number: number): Promise<void> {
    const { report } = await this.reports.forHandler(viewer, number, 'acknowledged');
    if (report.status !== 'received') throw err('conduct_not_received', 'status', (e) => e.alreadyAcknowledged, 409);
    const now = this.now();
    await this.db.updateTable('conduct_reports').set({ status: 'acknowledged', acknowledged_at: now, updated_at: now }).where('id', '=', report.id).execute();
  }

  /** A note for the handlers only. */
  async note(viewer: Viewer | null, number: number, body: string): Promise<void> {
    const { report, handler } = await this.open(viewer, number, 'note');
    await this.reports.addEntry(report, { kind: 'note', author: handler.accountId, body: required(body) });
  }

  /** A message to the reporter, and news of it the way they chose. Returns whether they were notified (an address or the link: they read it on their link). */
  async message(viewer: Viewer | null, number: number, body: string): Promise<{ notified: boolean }> {
    const { report, handler } = await this.open(viewer, number, 'message');
    const text = required(body);
    const reporter = await this.reporterAccount(report);
    return this.db.transaction().execute(async (trx) => {
      await this.reports.addEntry(report, { kind: 'message', author: handler.accountId, body: text }, trx);
      return this.tellReporter(reporter, (m) => m.messageText(text), trx);
    });
  }

  async decide(viewer: Viewer | null, number: number, input: Omit<Decision, 'reinstatedAt'>): Promise<void> {
    const { report, handler } = await this.open(viewer, number, 'decided');
    if (report.status !== 'acknowledged') throw err('conduct_cannot_decide', 'outcome', (e) => (report.status === 'received' ? e.acknowledgeFirst : e.alreadyDecided), 409);
    const reasons = input.reasons.trim();
    if (!reasons) throw err('conduct_reasons', 'reasons', (e) => e.reasons);
    const acts = input.outcome !== 'no-action';
    if (acts && (!input.subjectAccountId || !report.involvedAccounts.includes(input.subjectAccountId))) throw err('conduct_subject', 'subjectAccountId', (e) => e.subject);
    let until: string | null = null;
    if (input.outcome === 'suspension') {
      const at = input.suspendedUntil ? new Date(input.suspendedUntil) : null;
      if (!at || Number.isNaN(at.getTime()) || at <= this.clock.now()) throw err('conduct_until', 'suspendedUntil', (e) => e.until);
      until = at.toISOString();
    }
    // A person who was harmed is never named without their recorded consent.
    if (input.naming !== 'none' && input.namesHarmed && !input.harmedConsentOn) throw err('conduct_consent', 'harmedConsentOn', (e) => e.consent);
    const decision: Decision = { ...input, reasons, subjectAccountId: acts ? input.subjectAccountId : null, suspendedUntil: until, naming: input.naming, namesHarmed: input.naming !== 'none' && input.namesHarmed, harmedConsentOn: input.naming !== 'none' && input.namesHarmed ? input.harmedConsentOn : null, reinstatedAt: null };
    const reporter = await this.reporterAccount(report);
    await this.db.transaction().execute(async (trx) => {
      await this.reports.addEntry(report, { kind: 'decision', author: handler.accountId, body: JSON.stringify(decision) }, trx);
      await trx.updateTable('conduct_reports').set({ status: 'decided', updated_at: this.now() }).where('id', '=', report.id).execute();
      await this.tellReporter(reporter, (m) => m.outcomeText(m.outcomes[decision.outcome]!), trx);
    });
    // 'system' as the actor: the general audit trail must not tie the suspension to a conduct handler, so to a report.
    if (acts && (input.outcome === 'suspension' || input.outcome === 'expulsion')) await this.accounts.setStatus(decision.subjectAccountId!, 'suspended', 'system');
  }

  async followUp(viewer: Viewer | null, number: number, body: string): Promise<void> {
    const { report, handler } = await this.open(viewer, number, 'follow-up');
    if (report.status !== 'decided') throw err('conduct_not_decided', 'body', (e) => e.decideFirst, 409);
    await this.reports.addEntry(report, { kind: 'follow-up', author: handler.accountId, body: required(body) });
  }

  async close(viewer: Viewer | null, number: number): Promise<void> {
    const { report } = await this.open(viewer, number, 'closed');
    const now = this.now();
    await this.db.updateTable('conduct_reports').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', report.id).execute();
  }

  /** The report's decision, if any. */
  async decisionFor(report: ConductReport): Promise<Decision | null> {
    const rows = await this.db.selectFrom('conduct_entries').select(['id', 'body_cipher']).where('report_id', '=', report.id).where('kind', '=', 'decision').execute();
    const row = rows[0];
    return row ? decisionOf(this.cipher.decrypt(row.body_cipher, BODY(row.id))) : null;
  }

  /** Due work: temporary suspensions whose date has come end; each once. */
  async endDueSuspensions(): Promise<number> {
    let ended = 0;
    for (const { id, body, reportId } of await this.pendingSuspensions()) {
      const decision = decisionOf(body)!;
      if (new Date(decision.suspendedUntil!) > this.clock.now()) continue;
      const account = await this.accounts.get(decision.subjectAccountId!).catch(() => null);
      if (account?.status === 'suspended') await this.accounts.setStatus(account.id, 'active', 'system');
      const done = JSON.stringify({ ...decision, reinstatedAt: this.now() });
      await this.db.updateTable('conduct_entries').set({ body_cipher: this.cipher.encrypt(done, BODY(id)) }).where('id', '=', id).execute();
      await this.reports.logAccess(reportId, null, 'suspension-ended');
      ended += 1;
    }
    return ended;
  }

  async retentionDays(): Promise<number> {
    const row = await this.db.selectFrom('conduct_settings').select('retention_days').where('id', '=', 1).executeTakeFirst();
    return row?.retention_days ?? DEFAULT_RETENTION_DAYS;
  }

  async setRetentionDays(days: number): Promise<void> {
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw err('conduct_retention', 'retentionDays', (e) => e.retention);
    const now = this.now();
    await this.db.insertInto('conduct_settings').values({ id: 1, retention_days: days, code_en: null, code_fr: null, updated_at: now }).onConflict((oc) => oc.column('id').doUpdateSet({ retention_days: days, updated_at: now })).execute();
  }

  /** Due work: what closed reports said is forgotten after the retention period; their number and dates stay. */
  async purgeExpired(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - (await this.retentionDays()) * DAY).toISOString();
    const due = await this.db.selectFrom('conduct_reports').select('id').where('status', '=', 'closed').where('closed_at', '<=', before).where('purged_at', 'is', null).execute();
    // A suspension still running keeps its decision until it has ended.
    const holding = new Set((await this.pendingSuspensions()).map((s) => s.reportId));
    let purged = 0;
    for (const { id } of due.filter((r) => !holding.has(r.id))) {
      await this.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('conduct_entries').where('report_id', '=', id).execute();
        await trx.deleteFrom('conduct_involved').where('report_id', '=', id).execute();
        await trx.updateTable('conduct_reports').set({ content_cipher: null, purged_at: this.now(), updated_at: this.now() }).where('id', '=', id).execute();
        await this.reports.logAccess(id, null, 'purged', trx);
      });
      purged += 1;
    }
    return purged;
  }

  private async pendingSuspensions() {
    const rows = await this.db.selectFrom('conduct_entries').select(['id', 'report_id', 'body_cipher']).where('kind', '=', 'decision').execute();
    return rows
      .map((r) => ({ id: r.id, reportId: r.report_id, body: this.cipher.decrypt(r.body_cipher, BODY(r.id)) }))
      .filter((r) => {
        const d = decisionOf(r.body);
        return d?.outcome === 'suspension' && d.suspendedUntil && !d.reinstatedAt;
      });
  }

  /** Whom to tell there is news, the way the reporter chose: their account, a bare address (a content-free nudge), or nobody (they read it on their link). */
  private async reporterAccount(report: ConductReport): Promise<{ id: string; locale: string | null } | { email: string; locale: string } | null> {
    if (report.content?.tellBy === 'email' && report.content.email) return { email: report.content.email, locale: 'en' };
    if (report.content?.tellBy !== 'account' || !report.reporterAccountId) return null;
    return this.accounts.get(report.reporterAccountId).catch(() => null);
  }

  /** Inside the step's transaction: only its trx may be used (SQLite has one connection). */
  private async tellReporter(account: { id: string; locale: string | null } | { email: string; locale: string } | null, text: (m: (typeof conductHandlingText)['en']) => string, trx: Kysely<Database>): Promise<{ notified: boolean }> {
    if (!account) return { notified: false };
    if ('email' in account) {
      // Only that something waits: the words stay behind the reporter's secret link.
      await this.mailer.nudgeAddress(account.email, account.locale, trx);
      return { notified: true };
    }
    const locale = isLocale(account.locale) ? account.locale : 'en';
    // Sensitive: the e-mail says only that something waits; the words stay in Haven's inbox.
    await this.mailer.notify(account.id, { subject: conductText[locale].outcomeSubject, text: text(conductHandlingText[locale]), sensitive: true }, trx);
    return { notified: true };
  }

  /** A report still open to handling. */
  private async open(viewer: Viewer | null, number: number, action: string) {
    const found = await this.reports.forHandler(viewer, number, action);
    if (found.report.status === 'closed' || !found.report.content) throw err('conduct_closed', 'body', (e) => e.closed, 409);
    return found;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function required(body: string): string {
  const text = body.trim();
  if (!text) throw err('conduct_empty', 'body', (e) => e.empty);
  return text;
}
