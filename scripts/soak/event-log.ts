/** The soak's recent history (faults, server changes, session states, feed entries), for a broken invariant's report. */
export class EventLog {
  private readonly lines: string[] = [];

  constructor(
    private readonly clock: () => number,
    private readonly origin: number,
    private readonly limit = 60,
  ) {}

  add(what: string): void {
    const seconds = ((this.clock() - this.origin) / 1000).toFixed(1);
    this.lines.push(`+${seconds.padStart(8)} s  ${what}`);
    if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
  }

  /** The last entries, oldest first. */
  last(n = this.limit): string[] {
    return this.lines.slice(-n);
  }
}
