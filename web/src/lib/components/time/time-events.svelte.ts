// Lets the header timer tell the time screens that it booked something, so the Time tab, the
// timesheet and the budget refresh without a reload.
const state = $state({ booked: 0 });

export const timeEvents = {
  /** Grows every time time is booked from outside the screen that shows it. */
  get booked(): number {
    return state.booked;
  },
  notifyBooked(): void {
    state.booked += 1;
  },
};
