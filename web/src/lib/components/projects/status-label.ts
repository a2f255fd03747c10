import { i18n } from '../../i18n/index.svelte.ts';

// The six statuses every workspace starts with, as a migration names them in English and a
// Czech workspace in Czech (api/domain/workspaces/provision-workspace.ts).
const DEFAULTS: Record<string, readonly string[]> = {
  preparation: ['Preparation', 'Příprava'],
  in_progress: ['In progress', 'Probíhá'],
  review: ['Review', 'Kontrola'],
  done: ['Done', 'Dokončeno'],
  on_hold: ['On hold', 'Pozastaveno'],
  cancelled: ['Cancelled', 'Zrušeno'],
};

/**
 * A status's name in the reader's language while it is still a default one nobody renamed
 * ("Probíhá" reads "In progress" in English); a renamed or added status shows as written.
 */
export function statusLabel(id: string, name: string): string {
  const defaults = DEFAULTS[id];
  if (!defaults?.includes(name)) return name;
  return (i18n.t.projects.statuses.defaults as Record<string, string>)[id] ?? name;
}
