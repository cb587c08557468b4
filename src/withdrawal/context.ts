/** Who asked for a change and when: stamped on every row the change writes. */
export interface ChangeContext {
  /** The actor recorded in history rows: the token's `sub`, or `system` without auth. */
  readonly actor: string;
  readonly requestId: string | null;
  readonly now: Date;
}
