import { sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { ftsQuery } from '../records/fts.ts';

export interface SearchHit {
  type: 'company' | 'contact' | 'deal';
  id: string;
  title: string;
  subtitle: string | null;
  rank: number;
}

/**
 * One ranked list across companies, contacts and deals: a single statement, each branch an
 * FTS5 MATCH on its own index joined back by rowid, ordered by bm25 (lower is better).
 */
export async function searchRecords(db: TenantDb, q: string, limit: number): Promise<SearchHit[]> {
  const match = ftsQuery(q);
  if (match === null) return [];
  const rows = await db.all<{ type: SearchHit['type']; id: string; title: string; subtitle: string | null; rank: number }>(sql`
    SELECT * FROM (
      SELECT 'company' AS type, c.id, c.name AS title, c.city AS subtitle, bm25(companies_fts) AS rank
        FROM companies_fts JOIN companies c ON c.rowid = companies_fts.rowid
        WHERE companies_fts MATCH ${match} AND c.deleted_at IS NULL
      UNION ALL
      SELECT 'contact', p.id, trim(coalesce(p.first_name, '') || ' ' || p.last_name), p.email, bm25(contacts_fts)
        FROM contacts_fts JOIN contacts p ON p.rowid = contacts_fts.rowid
        WHERE contacts_fts MATCH ${match} AND p.deleted_at IS NULL
      UNION ALL
      SELECT 'deal', d.id, d.title, d.stage, bm25(deals_fts)
        FROM deals_fts JOIN deals d ON d.rowid = deals_fts.rowid
        WHERE deals_fts MATCH ${match} AND d.deleted_at IS NULL
    )
    ORDER BY rank, id
    LIMIT ${limit}
  `);
  return rows.map((r) => ({ ...r, rank: Number(r.rank) }));
}
