/**
 * What each plan includes: the one place plans are defined. The API enforces these (the gate
 * in api/access/gate.ts, record and seat checks in the domain); the web app only mirrors them.
 */
export type Plan = 'free' | 'pro';

export interface Limits {
  /** Members including the owner (pending invitations do not count until accepted). */
  members: number | null;
  /** Companies + contacts not in the trash. */
  records: number | null;
  /** The workspace database's size on disk. */
  storageBytes: number | null;
}

export const PLANS = {
  free: {
    features: [] as readonly string[],
    limits: { members: 2, records: 2500, storageBytes: 100 * 1024 * 1024 },
  },
  pro: {
    features: ['projects'] as readonly string[],
    limits: { members: null, records: null, storageBytes: null },
  },
} as const satisfies Record<Plan, { features: readonly string[]; limits: Limits }>;

export function limitsOf(plan: Plan): Limits {
  return PLANS[plan].limits;
}

export function hasFeature(plan: Plan, feature: string): boolean {
  return PLANS[plan].features.includes(feature);
}

/** The sentences a 402 carries: what is needed and what to do. */
export const planMessages = {
  feature: (feature: string) =>
    feature === 'projects'
      ? 'Projects, time tracking and budgets are part of the Pro plan. Ask the workspace owner to upgrade in Settings → Billing; existing project data stays readable.'
      : 'This needs the Pro plan. Ask the workspace owner to upgrade in Settings → Billing.',
  records: (limit: number) =>
    `The Free plan holds up to ${limit.toLocaleString('en')} companies and contacts. Upgrade to Pro for unlimited records, or move some to the trash.`,
  members: (limit: number) => `The Free plan has room for ${limit} members. Upgrade to Pro to add more people.`,
  storage: (limit: number) =>
    `The Free plan stores up to ${Math.round(limit / 1024 / 1024)} MB. Upgrade to Pro for more space.`,
};
