import type { Client } from '@libsql/client';

/** Bytes the workspace database takes (pages × page size): what the storage limit counts. */
export async function storageBytes(client: Client): Promise<number> {
  const rs = await client.execute('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()');
  return Number(rs.rows[0]?.['bytes'] ?? 0);
}
