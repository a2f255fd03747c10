/** Whether the global search dialog is open; the sidebar's search button and the shortcuts set it. */
export const globalSearch = $state({ open: false });

/** A "new company/contact" asked for from the search dialog; the list page opens its form and clears it. */
export const createRequest = $state<{ kind: 'company' | 'contact' | null }>({ kind: null });
