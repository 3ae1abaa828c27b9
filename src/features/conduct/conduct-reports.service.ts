import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { nextNumberOverall } from '../../db/next-number.ts';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { hashSecretToken, newId, newSecretToken } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isLocale, localized } from '../../platform/i18n/locale.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { conductText } from './conduct.messages.ts';
import { canHandleReport, requireReportHandler } from './conduct.policy.ts';
import type { ConductReportsTable, EntryKind, RecusalReason, ReportStatus } from './conduct.table.ts';

/** What the reporter wrote; kept encrypted, read only by the report's handlers. */
export interface ReportContent {
  happened: string;
  when: string;
  where: string;
  involved: string;
  witnesses: string;
  wants: string;
  /** How the reporter wants to hear of the outcome: through their secret link, their account, or an e-mail address. */
  tellBy: 'link' | 'account' | 'email';
  email: string | null;
}

export interface ConductReport {
  id: string;
  number: number;
  status: ReportStatus;
  reporterAccountId: string | null;
  /** Null once purged after the retention period. */
  content: ReportContent | null;
  recused: ReadonlySet<string>;
  involvedAccounts: string[];
  createdAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
}

export interface Entry {
  kind: EntryKind;
  author: string;
  body: string;
  at: string;
}

/** The outcome word alone of a decision entry's body (kept as JSON by the handling service). */
function outcomeOf(body: string): string {
  try {
    const outcome = (JSON.parse(body) as { outcome?: unknown }).outcome;
    return typeof outcome === 'string' ? outcome : '';
  } catch {
    return '';
  }
}

const CONTENT = (id: string) => `conduct_reports.content:${id}`;
const BODY = (id: string) => `conduct_entries.body:${id}`;

/**
 * Confidential code-of-conduct reports: received from anyone, with or without an account; read by
 * the conduct team less every member recused from the report; followed up by the reporter through
 * a secret link. Conduct events stay out of the general audit trail, which stewards read: each
 * report keeps its own access trail, shown to its handlers only.
 */
export class ConductReportsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly cipher: FieldCipher,
    private readonly accounts: AccountsService,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  /** The conduct team as the reporter sees it, to exclude any member from their report. */
  team() {
    return this.db
      .selectFrom('account_roles')
      .innerJoin('accounts', 'accounts.id', 'account_roles.account_id')
      .select(['accounts.id', 'accounts.username', 'accounts.locale'])
      .where('account_roles.role', '=', 'conduct')
      .where('accounts.status', '=', 'active')
      .orderBy('accounts.username')
      .execute();
  }

  /** Receives a report; returns its number and the reporter's secret follow-up token (shown once, never stored). */
  async submit(input: { content: ReportContent; involvedUsernames: string[]; excluded: string[] }, reporterAccountId: string | null): Promise<{ number: number; token: string }> {
    const team = await this.team();
    const teamIds = new Set(team.map((m) => m.id));
    if (input.excluded.some((id) => !teamIds.has(id))) throw AppError.field('conduct_not_team', 'excluded', localized(conductText, (m) => m.errors.notTeam));
    const involved: string[] = [];
    for (const username of input.involvedUsernames) {
      const account = await this.accounts.findByUsername(username).catch(() => null);
      if (!account) throw AppError.field('conduct_unknown_account', 'involvedAccounts', localized(conductText, (m) => m.errors.unknownAccount(username)));
      involved.push(account.id);
    }
    const token = newSecretToken('coc_');
    const id = newId();
    const now = this.clock.now().toISOString();
    const number = await this.db.transaction().execute(async (trx) => {
      const next = await nextNumberOverall(trx, 'conduct_reports');
      await trx
        .insertInto('conduct_reports')
        .values({ id, number: next, token_hash: hashSecretToken(token), reporter_account_id: reporterAccountId, status: 'received', content_cipher: this.cipher.encrypt(JSON.stringify(input.content), CONTENT(id)), created_at: now, updated_at: now, acknowledged_at: null, closed_at: null, purged_at: null })
        .execute();
      const recusals = new Map<string, RecusalReason>();
      for (const accountId of input.excluded) recusals.set(accountId, 'excluded');
      // A team member named as involved is recused whatever the reporter chose: they must not learn of it.
      for (const accountId of involved) if (teamIds.has(accountId)) recusals.set(accountId, 'involved');
      for (const [accountId, reason] of recusals) await trx.insertInto('conduct_recusals').values({ report_id: id, account_id: accountId, reason, at: now }).execute();
      for (const accountId of new Set(involved)) await trx.insertInto('conduct_involved').values({ report_id: id, account_id: accountId }).execute();
      await this.tellTeam(team, new Set(recusals.keys()), next, (m) => m.newReportSubject(next), trx);
      return next;
    });
    return { number, token };
  }

  /** The reports a viewer may handle, newest first: for anyone else, an empty list. */
  async visibleTo(viewer: Viewer | null) {
    if (!viewer?.roles.has('conduct')) return [];
    return this.db
      .selectFrom('conduct_reports')
      .select(['number', 'status', 'created_at', 'acknowledged_at', 'closed_at'])
      .where((eb) => eb.not(eb.exists(eb.selectFrom('conduct_recusals').select('account_id').whereRef('conduct_recusals.report_id', '=', 'conduct_reports.id').where('conduct_recusals.account_id', '=', viewer.accountId))))
      .orderBy('number', 'desc')
      .execute();
  }

  /** One report for a handler; anyone else gets "not found". Each reading is written in the report's access trail. */
  async forHandler(viewer: Viewer | null, number: number, action = 'read'): Promise<{ report: ConductReport; handler: Viewer }> {
    const row = await this.db.selectFrom('conduct_reports').selectAll().where('number', '=', number).executeTakeFirst();
    const report = row ? await this.read(row) : null;
    const handler = requireReportHandler(viewer, report?.recused ?? new Set());
    if (!report) throw AppError.notFound();
    await this.logAccess(report.id, handler.accountId, action);
    return { report, handler };
  }

  /** The report a secret link opens (the reporter's view); anything else is "not found". */
  async forReporter(token: string): Promise<ConductReport> {
    const row = await this.db.selectFrom('conduct_reports').selectAll().where('token_hash', '=', hashSecretToken(token)).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return this.read(row);
  }

  /** A handler steps aside: from now on the report is as invisible to them as to anyone. */
  async recuse(viewer: Viewer | null, number: number): Promise<void> {
    const { report, handler } = await this.forHandler(viewer, number, 'recused');
    await this.db.insertInto('conduct_recusals').values({ report_id: report.id, account_id: handler.accountId, reason: 'self', at: this.clock.now().toISOString() }).onConflict((oc) => oc.columns(['report_id', 'account_id']).doNothing()).execute();
  }

  async entries(report: ConductReport, who: 'handler' | 'reporter'): Promise<Entry[]> {
    const rows = await this.db.selectFrom('conduct_entries').selectAll().where('report_id', '=', report.id).orderBy('created_at').orderBy('id').execute();
    // Handlers' notes never reach the reporter; of a decision, the reporter learns the outcome, not the reasons or whom it names.
    return rows
      .filter((r) => who === 'handler' || r.kind !== 'note')
      .map((r) => {
        const body = this.cipher.decrypt(r.body_cipher, BODY(r.id));
        return { kind: r.kind, author: r.author, body: who === 'reporter' && r.kind === 'decision' ? outcomeOf(body) : body, at: r.created_at };
      });
  }

  async addEntry(report: ConductReport, entry: { kind: EntryKind; author: string; body: string }, trx: Kysely<Database> = this.db): Promise<void> {
    const id = newId();
    await trx.insertInto('conduct_entries').values({ id, report_id: report.id, kind: entry.kind, author: entry.author, body_cipher: this.cipher.encrypt(entry.body, BODY(id)), created_at: this.clock.now().toISOString() }).execute();
  }

  /** The report's own access trail, for its handlers. */
  accessTrail(report: ConductReport) {
    return this.db
      .selectFrom('conduct_access_log')
      .leftJoin('accounts', 'accounts.id', 'conduct_access_log.account_id')
      .select(['conduct_access_log.action', 'conduct_access_log.at', 'accounts.username'])
      .where('conduct_access_log.report_id', '=', report.id)
      .orderBy('conduct_access_log.at', 'desc')
      .limit(200)
      .execute();
  }

  async logAccess(reportId: string, accountId: string | null, action: string, trx: Kysely<Database> = this.db): Promise<void> {
    await trx.insertInto('conduct_access_log').values({ id: newId(), report_id: reportId, account_id: accountId, action, at: this.clock.now().toISOString() }).execute();
  }

  /** Whether a viewer may handle a report, for code that already holds it. */
  canHandle(viewer: Viewer | null, report: ConductReport): boolean {
    return canHandleReport(viewer, report.recused);
  }

  /** Tells the team, less the recused, that something waits on a report; what it is stays behind their login. */
  private async tellTeam(team: { id: string; locale: string | null }[], recused: ReadonlySet<string>, number: number, subject: (m: (typeof conductText)['en']) => string, trx: Kysely<Database>): Promise<void> {
    const link = new URL(`/conduct/reports/${number}`, this.config.publicUrl).toString();
    for (const member of team) {
      if (recused.has(member.id)) continue;
      const m = conductText[isLocale(member.locale) ? member.locale : 'en'];
      await this.mailer.notify(member.id, { subject: subject(m), text: m.waitingText(link), sensitive: true }, trx);
    }
  }

  private async read(row: ConductReportsTable): Promise<ConductReport> {
    const [recusals, involved] = await Promise.all([
      this.db.selectFrom('conduct_recusals').select('account_id').where('report_id', '=', row.id).execute(),
      this.db.selectFrom('conduct_involved').select('account_id').where('report_id', '=', row.id).execute(),
    ]);
    return {
      id: row.id,
      number: row.number,
      status: row.status,
      reporterAccountId: row.reporter_account_id,
      content: row.content_cipher ? (JSON.parse(this.cipher.decrypt(row.content_cipher, CONTENT(row.id))) as ReportContent) : null,
      recused: new Set(recusals.map((r) => r.account_id)),
      involvedAccounts: involved.map((r) => r.account_id),
      createdAt: row.created_at,
      acknowledgedAt: row.acknowledged_at,
      closedAt: row.closed_at,
    };
  }

  /** The reports a logged-in reporter sent, newest first: numbers and states only. */
  ofReporter(accountId: string) {
    return this.db.selectFrom('conduct_reports').select(['number', 'status', 'created_at']).where('reporter_account_id', '=', accountId).orderBy('number', 'desc').execute();
  }

  /** The reporter writes through their link: kept with the report, and the team (less the recused) is told something waits. */
  async reporterWrote(report: ConductReport, body: string): Promise<void> {
    // Read before the transaction: on SQLite only its own handle may be used inside it.
    const team = await this.team();
    await this.db.transaction().execute(async (trx) => {
      await this.addEntry(report, { kind: 'message', author: 'reporter', body }, trx);
      await this.tellTeam(team, report.recused, report.number, (m) => m.reporterWroteSubject(report.number), trx);
    });
  }

}
