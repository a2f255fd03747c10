import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { limitsOf } from '../access/entitlements.ts';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { CONTACT_SORTS, getContact, listContacts } from '../domain/contacts/list-contacts.ts';
import { createContact, restoreContact, trashContact, updateContact } from '../domain/contacts/write-contact.ts';
import { assertMember } from '../domain/workspaces/assert-member.ts';
import { emailField, errorResponses, nameField, validationHook } from '../validation.ts';
import {
  actorOf,
  boolParam,
  cursorParam,
  etag,
  idParams,
  ifMatch,
  isoDateTimeParam,
  limitParam,
  listOf,
  optionalText,
  qParam,
  tagsField,
  wsParams,
} from './records.ts';

const fields = {
  firstName: nameField,
  lastName: nameField,
  email: emailField.nullable().or(z.literal('').transform(() => null)),
  phone: optionalText(50),
  title: optionalText(200),
  companyId: z.string().max(64).nullable(),
  tags: tagsField,
  ownerId: z.string().max(64).nullable(),
};

const createBody = z
  .object({
    ...fields,
    email: fields.email.optional(),
    phone: fields.phone.optional(),
    title: fields.title.optional(),
    companyId: fields.companyId.optional(),
    tags: tagsField.optional(),
    ownerId: fields.ownerId.optional(),
  })
  .strict()
  .openapi('ContactCreate');

const patchBody = z.object(fields).partial().strict().openapi('ContactPatch');

export const contactSchema = z
  .object({
    id: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    title: z.string().nullable(),
    companyId: z.string().nullable(),
    companyName: z.string().nullable().openapi({ description: 'The linked company’s name (read-only).' }),
    tags: z.array(z.string()),
    ownerId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Contact');

const listQuery = z
  .object({
    limit: limitParam,
    cursor: cursorParam,
    sort: z.enum(CONTACT_SORTS).default('lastName'),
    q: qParam,
    companyId: z.string().max(64).optional(),
    ownerId: z.string().max(64).optional(),
    tag: z.string().max(50).optional(),
    updatedSince: isoDateTimeParam.optional(),
    deleted: boolParam.optional(),
  })
  .strict();

const one = { content: { 'application/json': { schema: contactSchema } } };

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/contacts',
  ...access('records:read'),
  tags: ['Contacts'],
  summary: 'List contacts (keyset pages; search, filter, sort). `deleted=true` lists the trash.',
  request: { params: wsParams, query: listQuery },
  responses: { 200: { description: 'A page', content: { 'application/json': { schema: listOf(contactSchema, 'ContactList') } } }, ...errorResponses(400, 401, 404) },
});

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/contacts/{id}',
  ...access('records:read'),
  tags: ['Contacts'],
  summary: 'One contact',
  request: { params: idParams },
  responses: { 200: { description: 'The contact; ETag carries its version', ...one }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/contacts',
  ...access('records:write', { adds: true }),
  tags: ['Contacts'],
  summary: 'Create a contact',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 413) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/contacts/{id}',
  ...access('records:write'),
  tags: ['Contacts'],
  summary: 'Change some fields (If-Match for optimistic concurrency)',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/contacts/{id}',
  ...access('records:write'),
  tags: ['Contacts'],
  summary: 'Move to the trash (restorable for 30 days)',
  request: { params: idParams },
  responses: { 204: { description: 'In the trash' }, ...errorResponses(401, 403, 404, 409) },
});

const restore = createRoute({
  method: 'post',
  path: '/w/{ws}/contacts/{id}/restore',
  ...access('records:write', { adds: true }),
  tags: ['Contacts'],
  summary: 'Bring a contact back from the trash',
  request: { params: idParams },
  responses: { 200: { description: 'Restored', ...one }, ...errorResponses(401, 403, 404) },
});

export const contactRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => c.json(await listContacts(c.var.workspace.db, c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    const contact = await getContact(c.var.workspace.db, c.req.valid('param').id);
    c.header('ETag', etag(contact.version));
    return c.json(contact, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    await assertMember(c.var.control, ws.id, body.ownerId, 'ownerId');
    const contact = await createContact(
      ws.db,
      {
        firstName: body.firstName,
        lastName: body.lastName,
        email: body.email ?? null,
        phone: body.phone ?? null,
        title: body.title ?? null,
        companyId: body.companyId ?? null,
        tags: body.tags ?? [],
        ownerId: body.ownerId === undefined ? c.var.workspace.userId : body.ownerId,
      },
      actorOf(c),
      { recordLimit: limitsOf(ws.plan).records },
    );
    c.header('ETag', etag(contact.version));
    return c.json(contact, 201);
  })
  .openapi(patch, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    await assertMember(c.var.control, ws.id, body.ownerId, 'ownerId');
    const contact = await updateContact(ws.db, c.req.valid('param').id, body, actorOf(c), ifMatch(c));
    c.header('ETag', etag(contact.version));
    return c.json(contact, 200);
  })
  .openapi(remove, async (c) => {
    await trashContact(c.var.workspace.db, c.req.valid('param').id, actorOf(c), ifMatch(c));
    return c.body(null, 204);
  })
  .openapi(restore, async (c) => {
    const contact = await restoreContact(c.var.workspace.db, c.req.valid('param').id, actorOf(c), limitsOf(c.var.workspace.plan).records);
    c.header('ETag', etag(contact.version));
    return c.json(contact, 200);
  });

/** The field rules of a contact change, shared with the CSV import so both read input alike. */
export { patchBody as contactPatchSchema };
