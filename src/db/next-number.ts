import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The tables whose rows carry a short public number, counted within a scope (a provider, the coalition…). */
type Numbered = { [T in keyof Database]: Database[T] extends { number: number } ? T : never }[keyof Database];

/**
 * The next number in a scope: one more than the highest so far. Call it inside the transaction
 * that inserts the row; the table's unique (scope, number) constraint refuses a number taken by a
 * concurrent insert, which then fails whole rather than sharing a number.
 */
export async function nextNumber<T extends Numbered>(trx: Kysely<Database>, table: T, scopeColumn: keyof Database[T] & string, scope: string): Promise<number> {
  const result = await sql<{ last: number | string | null }>`select max(number) as last from ${sql.table(table)} where ${sql.ref(scopeColumn)} = ${scope}`.execute(trx);
  return Number(result.rows[0]?.last ?? 0) + 1;
}

/** The next number of a table numbered across the whole instance (one sequence for everyone). */
export async function nextNumberOverall(trx: Kysely<Database>, table: Numbered): Promise<number> {
  const result = await sql<{ last: number | string | null }>`select max(number) as last from ${sql.table(table)}`.execute(trx);
  return Number(result.rows[0]?.last ?? 0) + 1;
}
