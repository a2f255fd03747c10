import { ACCESS_EXTENSION } from './gate.ts';

interface Operation {
  [ACCESS_EXTENSION]?: { roles: string[]; plan: 'free' | 'pro'; adds?: boolean };
  responses?: Record<string, unknown>;
}

const errorRef = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/**
 * The gate's answers, written into the document from each route's access declaration so no
 * route has to list them by hand: 402 where a pro feature or a free limit can refuse the call,
 * 403 where some role may not make it.
 */
export function documentAccess<D extends { paths?: object }>(doc: D): D {
  for (const ops of Object.values(doc.paths ?? {}) as Record<string, unknown>[]) {
    for (const [method, raw] of Object.entries(ops)) {
      const op = raw as Operation;
      const access = op[ACCESS_EXTENSION];
      if (!access || !op.responses) continue;
      const write = method !== 'get';
      if ((access.plan === 'pro' && write) || access.adds) {
        op.responses['402'] ??= errorRef('Needs the Pro plan (a pro feature, or past a free limit); nothing was written');
      }
      if (access.roles.length < 3) op.responses['403'] ??= errorRef(`Forbidden: only ${access.roles.join(' and ')} may do this`);
    }
  }
  return doc;
}
