/** True when a key press belongs to something the user is typing in or to an open dialog or menu. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // A row's checkbox keeps j/k working; text boxes, selects and overlays do not.
  if (target instanceof HTMLInputElement && ['checkbox', 'radio', 'button', 'submit'].includes(target.type)) {
    return target.closest('[role="dialog"], [role="menu"]') !== null;
  }
  if (target.closest('input, textarea, select, [role="dialog"], [role="menu"], [role="listbox"]')) return true;
  return false;
}

/** True when a modal dialog or menu is open somewhere on the page. */
export function overlayOpen(): boolean {
  return document.querySelector('[role="dialog"][data-state="open"], [role="menu"][data-state="open"], [role="alertdialog"]') !== null;
}

/** Whether a key press is a plain single key (no Ctrl/Cmd/Alt), safe for a one-letter shortcut. */
export function isPlainKey(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey && !event.defaultPrevented && !event.isComposing;
}
