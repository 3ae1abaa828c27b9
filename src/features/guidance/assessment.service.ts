import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { DirectorySearch } from '../directory/directory-search.ts';
import type { EvidenceService } from '../directory/evidence/evidence.service.ts';
import type { ListedProvider } from '../directory/listed-provider.ts';
import type { PeerEvaluationsService } from '../membership/peer-evaluations.service.ts';
import type { CanaryService } from '../transparency/canary.service.ts';
import { candidates, needOf, recommend, type Need, type ProviderSignals, type Recommendation } from './matching.ts';
import type { Answers } from './questionnaire.ts';
import { assess, type Assessment } from './scoring-rules.ts';
import type { ScoringRulesService } from './scoring-rules.service.ts';

export interface AssessmentResult {
  answers: Answers;
  assessment: Assessment;
  recommendations: Recommendation[];
}

/**
 * A risk self-assessment and what follows from it. Nothing is stored here: the answers
 * live in the person's request and page, unless they ask to save them (`save`).
 */
export class AssessmentService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher,
    private readonly rules: ScoringRulesService,
    private readonly search: DirectorySearch,
    private readonly canaries: CanaryService,
    private readonly evidence: EvidenceService,
    private readonly peerEvaluations: PeerEvaluationsService,
    private readonly clock: Clock,
  ) {}

  async assess(answers: Answers): Promise<AssessmentResult> {
    const { version, rules } = await this.rules.current();
    const assessment = assess(answers, rules, version);
    return { answers, assessment, recommendations: await this.recommend(needOf(answers, assessment.level)) };
  }

  /** Providers for a need, with what Haven knows of each beyond its own word. */
  async recommend(need: Need, except: string[] = []): Promise<Recommendation[]> {
    const providers = (await this.search.index()).all().filter((p) => !except.includes(p.id));
    const found = candidates(providers, need);
    return recommend(found, need, await this.signals(found));
  }

  private async signals(providers: ListedProvider[]): Promise<Map<string, ProviderSignals>> {
    const signals = new Map<string, ProviderSignals>();
    if (providers.length === 0) return signals;
    const closed = (await this.peerEvaluations.list()).filter((e) => e.state === 'closed' && e.closedAt);
    for (const p of providers) {
      const [canary, claims] = await Promise.all([this.canaries.status(p.id), this.evidence.latest(p.id)]);
      const results = [...claims.values()];
      signals.set(p.id, {
        canary: canary.state,
        verified: results.filter((r) => r.outcome === 'verified').map((r) => r.claim),
        contradicted: results.filter((r) => r.outcome === 'contradicted').map((r) => r.claim),
        peerEvaluations: closed.filter((e) => e.evaluated.id === p.id).map((e) => ({ level: e.riskLevel, number: e.number, closedAt: e.closedAt! })),
      });
    }
    return signals;
  }

  /** Keeps a self-assessment for its author, encrypted, because they asked. */
  async save(accountId: string, result: AssessmentResult): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('saved_assessments')
      .values({ id, account_id: accountId, answers_cipher: this.cipher.encrypt(JSON.stringify(result.answers), `saved_assessments.answers:${id}`), rules_version: result.assessment.rulesVersion, level: result.assessment.level, created_at: this.clock.now().toISOString() })
      .execute();
    return id;
  }

  async saved(accountId: string) {
    return this.db.selectFrom('saved_assessments').select(['id', 'level', 'rules_version', 'created_at']).where('account_id', '=', accountId).orderBy('created_at', 'desc').execute();
  }

  /** The answers of one saved assessment, for its author only (anyone else is told there is nothing). */
  async savedAnswers(accountId: string, id: string): Promise<Answers> {
    const row = await this.db.selectFrom('saved_assessments').select(['id', 'answers_cipher']).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return JSON.parse(this.cipher.decrypt(row.answers_cipher, `saved_assessments.answers:${row.id}`)) as Answers;
  }

  async forget(accountId: string, id: string): Promise<void> {
    await this.db.deleteFrom('saved_assessments').where('id', '=', id).where('account_id', '=', accountId).execute();
  }
}
