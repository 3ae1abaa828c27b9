import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../../platform/clock.ts';
import { newId } from '../../../platform/crypto/secret-token.ts';
import type { OutboundPolicy } from '../../../platform/outbound/outbound-fetch.ts';
import { checkWebsite, CLAIMS, type CheckResult, type Claim } from './checks.ts';

export interface Evidence {
  claim: Claim;
  target: string;
  outcome: 'verified' | 'contradicted';
  facts: CheckResult['facts'];
  checkedAt: string;
}

/** Dated results of the automated checks, kept as evidence for or against each claim of a profile. */
export class EvidenceService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly policy: OutboundPolicy,
    private readonly clock: Clock,
  ) {}

  /** Runs every check against the provider's website and records the results; a profile without a website gets none. */
  async check(organisationId: string, website: string | null): Promise<Evidence[]> {
    if (!website) return [];
    const checkedAt = this.clock.now().toISOString();
    const results = await checkWebsite(website, this.policy, this.clock.now());
    await this.db.transaction().execute(async (trx) => {
      for (const r of results) {
        await trx
          .insertInto('claim_evidence')
          .values({ id: newId(), organisation_id: organisationId, claim: r.claim, target: r.target, outcome: r.outcome, facts: JSON.stringify(r.facts), checked_at: checkedAt })
          .execute();
      }
    });
    return results.map((r) => ({ ...r, checkedAt }));
  }

  /** The newest evidence for each claim: what a profile shows. */
  async latest(organisationId: string): Promise<Map<Claim, Evidence>> {
    const rows = await this.db
      .selectFrom('claim_evidence')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('checked_at', 'desc')
      .orderBy('id')
      .limit(CLAIMS.length * 20)
      .execute();
    const latest = new Map<Claim, Evidence>();
    for (const row of rows) {
      const claim = row.claim as Claim;
      if (!latest.has(claim)) latest.set(claim, { claim, target: row.target, outcome: row.outcome, facts: JSON.parse(row.facts) as CheckResult['facts'], checkedAt: row.checked_at });
    }
    return latest;
  }

  /** Providers whose evidence is older than `age` (or missing), oldest first: the scheduled checks take them in turn. */
  async due(olderThan: string, limit: number) {
    const rows = await this.db
      .selectFrom('provider_profiles')
      .leftJoin(
        (eb) => eb.selectFrom('claim_evidence').select(['organisation_id', (e) => e.fn.max('checked_at').as('last')]).groupBy('organisation_id').as('checked'),
        (join) => join.onRef('checked.organisation_id', '=', 'provider_profiles.organisation_id'),
      )
      .select(['provider_profiles.organisation_id', 'provider_profiles.website', 'checked.last'])
      .where('provider_profiles.website', 'is not', null)
      .where((eb) => eb.or([eb('checked.last', 'is', null), eb('checked.last', '<', olderThan)]))
      // Never-checked first on both databases (they sort NULL differently).
      .orderBy(sql`coalesce(checked.last, '')`)
      .limit(limit)
      .execute();
    return rows.map((r) => ({ organisationId: r.organisation_id, website: r.website! }));
  }

  /** Keeps a year of evidence: enough to show a history, not a growing pile. */
  async forgetBefore(before: string): Promise<void> {
    await this.db.deleteFrom('claim_evidence').where('checked_at', '<', before).execute();
  }
}
