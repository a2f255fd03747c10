import { ApiError } from './api.ts';

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
        this.fields = { ...(error.fields as Partial<Record<F, string>>) };
        // A non-field message is still useful when the server sends fields we don't render.
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
