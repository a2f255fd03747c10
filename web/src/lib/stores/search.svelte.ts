/** Whether the global search dialog is open; the sidebar's search button and the shortcuts set it. */
export const globalSearch = $state({ open: false });
