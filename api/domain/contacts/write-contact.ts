import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { contacts } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../records/actor.ts';
import { assertRecordRoom } from '../records/record-quota.ts';
import { diff, historyRow, insertHistory } from '../records/history.ts';
import { assertLiveRefs } from '../records/live-refs.ts';
import { normalizeTags, writeTags } from '../records/tags.ts';
import { checkContact, CONTACT_FIELDS, contactColumns, contactView, type Contact, type ContactInput } from './contact.ts';
import { getContact } from './list-contacts.ts';

const ENTITY = 'contact';

function toRow(c: ContactInput) {
  const { tags, ...cols } = contactColumns(c);
  return { ...cols, tags: JSON.stringify(tags) };
}

/** Creates a contact with its tags and history row in one transaction. */
export async function createContact(db: TenantDb, input: ContactInput, actor: Actor, extra: { importId?: string; recordLimit?: number | null } = {}): Promise<Contact> {
  const c = checkContact({ ...input, tags: normalizeTags(input.tags) });
  const id = newId(actor.now);
  return db.transaction(async (tx) => {
    await assertRecordRoom(tx, extra.recordLimit);
    await assertLiveRefs(tx, { companyId: c.companyId });
    await tx.insert(contacts).values({ id, ...toRow(c), importId: extra.importId ?? null, version: 1, createdAt: actor.now, updatedAt: actor.now });
    await writeTags(tx, ENTITY, id, c.tags);
    await insertHistory(tx, historyRow(ENTITY, id, 'create', diff(null, contactColumns(c), CONTACT_FIELDS), actor.userId, actor.now));
    return getContact(tx, id);
  });
}

/**
 * Applies a partial change. With `ifMatch` the write happens only if the record is still at
 * that version (409 otherwise, nothing written); history records only the fields that changed.
 */
export async function updateContact(db: TenantDb, id: string, patch: Partial<ContactInput>, actor: Actor, ifMatch?: number): Promise<Contact> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(contacts).where(and(eq(contacts.id, id), isNull(contacts.deletedAt)));
    if (!current) throw notFound('Contact');
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    const before = contactView(current, null);
    const merged = checkContact({ ...before, ...patch, tags: patch.tags ? normalizeTags(patch.tags) : before.tags });
    const changes = diff(contactColumns(before), contactColumns(merged), CONTACT_FIELDS);
    if (Object.keys(changes).length === 0) return getContact(tx, id);
    // A link that stays as it was is not re-checked: its company may be in the trash by now,
    // and that should not block editing the contact's other fields.
    if (changes['companyId']) await assertLiveRefs(tx, { companyId: merged.companyId });
    const [row] = await tx
      .update(contacts)
      .set({ ...toRow(merged), version: current.version + 1, updatedAt: actor.now })
      .where(and(eq(contacts.id, id), eq(contacts.version, current.version)))
      .returning({ id: contacts.id });
    if (!row) throw stale();
    if (changes['tags']) await writeTags(tx, ENTITY, id, merged.tags);
    await insertHistory(tx, historyRow(ENTITY, id, 'update', changes, actor.userId, actor.now));
    return getContact(tx, id);
  });
}

/** Moves the contact to the trash (restorable for 30 days). */
export async function trashContact(db: TenantDb, id: string, actor: Actor, ifMatch?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ version: contacts.version }).from(contacts).where(and(eq(contacts.id, id), isNull(contacts.deletedAt)));
    if (!current) throw notFound('Contact');
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    await tx.update(contacts).set({ deletedAt: actor.now, version: current.version + 1, updatedAt: actor.now }).where(eq(contacts.id, id));
    await insertHistory(tx, historyRow(ENTITY, id, 'delete', {}, actor.userId, actor.now));
  });
}

export async function restoreContact(db: TenantDb, id: string, actor: Actor, recordLimit?: number | null): Promise<Contact> {
  return db.transaction(async (tx) => {
    await assertRecordRoom(tx, recordLimit);
    const [row] = await tx
      .update(contacts)
      .set({ deletedAt: null, updatedAt: actor.now, version: sql`${contacts.version} + 1` })
      .where(and(eq(contacts.id, id), isNotNull(contacts.deletedAt)))
      .returning({ id: contacts.id });
    if (!row) throw notFound('Contact in the trash');
    await insertHistory(tx, historyRow(ENTITY, id, 'restore', {}, actor.userId, actor.now));
    return getContact(tx, id);
  });
}

const stale = () => new AppError('conflict', 'Someone else changed this record meanwhile. Reload it and try again.');
