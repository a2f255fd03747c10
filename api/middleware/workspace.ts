import { and, eq, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { ControlDb } from '../../db/control/client.ts';
import { billingAccounts, memberships, workspaces } from '../../db/control/schema.ts';
import { tenantDb } from '../../db/tenant/client.ts';
import { ensureTenantReady } from '../../db/tenants/migrate-tenant.ts';
import { planAfterGrace } from '../billing/grace.ts';
import type { AppEnv } from '../context.ts';
import { purgeDue, purgeTrash } from '../domain/trash/purge-trash.ts';
import { AppError, notFound } from '../errors.ts';

// Every workspace request resolves slug + user → workspace and role: built once per control client.
function buildMembershipLookup(control: ControlDb) {
  return control
    .select({ ws: workspaces, role: memberships.role, pastDueSince: billingAccounts.pastDueSince })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, sql.placeholder('userId'))))
    // A failed payment's grace period ends without an event: see planAfterGrace.
    .leftJoin(billingAccounts, eq(billingAccounts.workspaceId, workspaces.id))
    .where(eq(workspaces.slug, sql.placeholder('slug')))
    .limit(1)
    .prepare();
}
const lookups = new WeakMap<ControlDb, ReturnType<typeof buildMembershipLookup>>();
function membershipLookup(control: ControlDb) {
  let q = lookups.get(control);
  if (!q) {
    q = buildMembershipLookup(control);
    lookups.set(control, q);
  }
  return q;
}

/**
 * `/w/:ws/…`: slug → the caller's membership → role → the workspace's own database. One
 * query; a workspace the caller doesn't belong to is indistinguishable from one that
 * doesn't exist (404). The tenant comes from the session, never from the body.
 *
 * An API key acts as its creator, in its own workspace only (any other slug is a 404), with
 * its own role capped by the creator's (api/domain/api-keys/authenticate.ts).
 */
export function resolveWorkspace(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.var.apiKey;
    const userId = key ? key.userId : c.var.session?.user.id;
    if (!userId) throw new AppError('unauthenticated', 'Sign in to continue.');
    const slug = c.req.param('ws') ?? '';
    const found = await membershipLookup(c.var.control).get({ slug, userId });
    if (!found || (key && found.ws.id !== key.workspaceId)) throw notFound('Workspace');
    const { platform, control } = c.var;
    const ready = await ensureTenantReady(control, platform.tenants, found.ws, () => platform.now().getTime());
    if (!ready) throw new AppError('unavailable', 'This workspace is being upgraded. Try again in a moment.', { retryAfter: 5 });
    const client = platform.tenants.open(found.ws.id, found.ws.dbLocation);
    const plan = await planAfterGrace(control, found.ws.id, found.ws.plan, found.pastDueSince, platform.now().getTime());
    c.set('workspace', {
      id: found.ws.id,
      slug: found.ws.slug,
      name: found.ws.name,
      plan,
      // The key's role was capped by its creator's when the key was checked.
      role: key ? key.role : found.role,
      userId,
      client,
      db: tenantDb(client),
    });
    await next();
    // The trash empties itself lazily: after the response, at most every few hours per workspace.
    const now = platform.now().getTime();
    if (purgeDue(found.ws.id, now)) {
      platform.background(c, async () => {
        const purged = await purgeTrash(client, now);
        if (purged > 0) platform.logger.info('trash purged', { workspaceId: found.ws.id, purged });
      });
    }
  };
}
