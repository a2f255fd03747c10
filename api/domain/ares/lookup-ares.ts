import { AppError } from '../../errors.ts';
import type { Logger } from '../../platform.ts';
import { registryCompany, type AresSubject, type RegistryCompany } from './ares-subject.ts';

export const ARES_BASE_URL = 'https://ares.gov.cz/ekonomicke-subjekty-v-be/rest';
export const ARES_TIMEOUT_MS = 5000;

export const ARES_UNAVAILABLE = 'The business registry (ARES) cannot be reached right now. Enter the details by hand.';

const unavailable = () => new AppError('unavailable', ARES_UNAVAILABLE);

/**
 * One company from ARES by IČO (already validated by the caller). Not registered → 404;
 * anything else that is not a usable answer (4xx, 5xx, timeout, network error, a body that
 * is not a subject) → 503, so the user knows to type the details instead.
 */
export async function lookupAres(ico: string, options: { baseUrl?: string | undefined; timeoutMs?: number; logger: Logger }): Promise<RegistryCompany> {
  const base = (options.baseUrl ?? ARES_BASE_URL).replace(/\/+$/, '');
  const url = `${base}/ekonomicke-subjekty/${encodeURIComponent(ico)}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs ?? ARES_TIMEOUT_MS) });
  } catch (e) {
    options.logger.error('ares unreachable', { ico, error: e instanceof Error ? e.message : String(e) });
    throw unavailable();
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (res.status === 404) throw new AppError('not_found', `No company with IČO ${ico} is registered in ARES. Check the number, or enter the details by hand.`);
  if (!res.ok || typeof body !== 'object' || body === null || typeof (body as AresSubject).obchodniJmeno !== 'string') {
    options.logger.error('ares answered unexpectedly', { ico, status: res.status, code: typeof body === 'object' && body !== null ? (body as { kod?: unknown }).kod : undefined });
    throw unavailable();
  }
  return registryCompany(body as AresSubject, ico);
}
