/** Who is writing and when: passed to every domain write, recorded in history. */
export interface Actor {
  userId: string | null;
  now: number;
}
