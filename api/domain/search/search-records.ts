import { sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { ftsQuery } from '../records/fts.ts';

export interface SearchHit {
  type: 'company' | 'contact' | 'deal' | 'project';
  id: string;
  title: string;
  subtitle: string | null;
  rank: number;
}

/** Matches of each type that are ranked; beyond this the newest ones are. */
const RANKED_PER_TYPE = 200;

/**
 * One ranked list across companies, contacts, deals and projects, in a single statement.
 *
 * bm25 over every match is what costs: a type-ahead "pra" can match a tenth of 100k
 * companies, and ranking them all took ~10 ms. So each branch takes its newest
 * RANKED_PER_TYPE matches (rowid order, which FTS5 reads without sorting), ranks only those
 * (auxiliary functions run per returned row), then joins the live records. Narrow queries —
 * the ones where ranking matters — are ranked exactly. Column weights put a hit in the name
 * above one in the IČO, email or phone, and those above city or tags.
 */
export async function searchRecords(db: TenantDb, q: string, limit: number): Promise<SearchHit[]> {
  const match = ftsQuery(q);
  if (match === null) return [];
  const rows = await db.all<{ type: SearchHit['type']; id: string; title: string; subtitle: string | null; rank: number }>(sql`
    SELECT * FROM (
      SELECT 'company' AS type, c.id, c.name AS title, c.city AS subtitle, f.rank
        FROM (SELECT rowid, bm25(companies_fts, 10.0, 5.0, 2.0, 2.0, 1.0, 1.0) AS rank FROM companies_fts
              WHERE companies_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${RANKED_PER_TYPE}) f
        JOIN companies c ON c.rowid = f.rowid
        WHERE c.deleted_at IS NULL
      UNION ALL
      SELECT 'contact', p.id, trim(coalesce(p.first_name, '') || ' ' || p.last_name), p.email, f.rank
        FROM (SELECT rowid, bm25(contacts_fts, 10.0, 2.0, 2.0, 1.0, 1.0) AS rank FROM contacts_fts
              WHERE contacts_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${RANKED_PER_TYPE}) f
        JOIN contacts p ON p.rowid = f.rowid
        WHERE p.deleted_at IS NULL
      UNION ALL
      SELECT 'deal', d.id, d.title, d.stage, f.rank
        FROM (SELECT rowid, bm25(deals_fts, 10.0, 1.0) AS rank FROM deals_fts
              WHERE deals_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${RANKED_PER_TYPE}) f
        JOIN deals d ON d.rowid = f.rowid
        WHERE d.deleted_at IS NULL
      UNION ALL
      SELECT 'project', p.id, p.name, (SELECT name FROM companies WHERE id = p.company_id), f.rank
        FROM (SELECT rowid, bm25(projects_fts, 10.0, 2.0, 1.0) AS rank FROM projects_fts
              WHERE projects_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${RANKED_PER_TYPE}) f
        JOIN projects p ON p.rowid = f.rowid
        WHERE p.deleted_at IS NULL
    )
    ORDER BY rank, id
    LIMIT ${limit}
  `);
  return rows.map((r) => ({ ...r, rank: Number(r.rank) }));
}
