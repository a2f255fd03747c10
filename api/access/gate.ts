import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { AppError } from '../errors.ts';
import { hasFeature, limitsOf, planMessages } from './entitlements.ts';
import { PERMISSIONS, roleAllows, whoMay, type Permission } from './permissions.ts';
import { storageBytes } from './storage.ts';

export interface AccessOptions {
  /**
   * The route adds data (create, import, restore): refused with 402 once a free workspace's
   * storage is full. Changes and deletes stay open so a full workspace can always tidy up.
   */
  adds?: boolean;
}

/** Where the declaration shows in the OpenAPI document (and what the role sweep reads). */
export const ACCESS_EXTENSION = 'x-tandem-access';

/**
 * Checks the caller's role and the workspace's plan before a `/w/{ws}` route runs:
 * 403 when the role may not, 402 when the plan lacks the feature or (for routes that add
 * data) the free storage is full.
 * Runs before body validation, so a forbidden caller learns nothing about the schema.
 */
export function gate(permission: Permission, options: AccessOptions = {}): MiddlewareHandler<AppEnv> {
  const rule = PERMISSIONS[permission];
  return async (c, next) => {
    const ws = c.var.workspace;
    if (!roleAllows(ws.role, permission)) {
      throw new AppError('forbidden', `Only ${whoMay(permission)} can do this.`);
    }
    if ('feature' in rule && !hasFeature(ws.plan, rule.feature)) {
      throw new AppError('plan_required', planMessages.feature(rule.feature));
    }
    const storageLimit = limitsOf(ws.plan).storageBytes;
    if (options.adds && storageLimit !== null && (await storageBytes(ws.client)) >= storageLimit) {
      throw new AppError('plan_required', planMessages.storage(storageLimit));
    }
    await next();
  };
}

/**
 * A route's access declaration, spread into `createRoute({...})`: the gate as route middleware
 * and the same rule in the OpenAPI document, so integrators see which role and plan a route needs.
 */
export function access(permission: Permission, options: AccessOptions = {}) {
  const rule = PERMISSIONS[permission];
  return {
    middleware: gate(permission, options),
    [ACCESS_EXTENSION]: { permission, roles: [...rule.roles], plan: 'feature' in rule ? 'pro' : 'free', ...(options.adds ? { adds: true } : {}) },
  };
}
