import { ApiError } from './api.ts';
import { i18n } from './i18n/index.svelte.ts';
import { localizeServerMessage } from './i18n/server-messages.ts';

/**
 * State for one form submission: pending flag (no double submit), field errors from the API or the
 * client, and a form-level error.
 */
export class FormState<F extends string> {
  pending = $state(false);
  fields = $state<Partial<Record<F, string>>>({});
  formError = $state<unknown>(null);

  /** Runs `action` unless one is already running; collects `fields` from an `ApiError`. */
  async submit(action: () => Promise<void>): Promise<void> {
    if (this.pending) return;
    this.pending = true;
    this.formError = null;
    this.fields = {};
    try {
      await action();
    } catch (error) {
      if (error instanceof ApiError && error.hasFields) {
        const fields: Record<string, string> = {};
        for (const [key, message] of Object.entries(error.fields)) fields[key] = localizeServerMessage(message, i18n.locale);
        this.fields = fields as Partial<Record<F, string>>;
      }
      this.formError = error;
    } finally {
      this.pending = false;
    }
  }

  setFieldErrors(errors: Partial<Record<F, string>>): boolean {
    this.fields = errors;
    this.formError = null;
    return Object.values(errors).some(Boolean);
  }
}
