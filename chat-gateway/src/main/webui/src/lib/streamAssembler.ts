/**
 * Joins a reply's deltas by their offsets (UTF-16 code units, JavaScript's string.length), so a
 * resumed or duplicated stream never doubles or drops text. A delta past the end is a gap: it is
 * held until the text before it arrives, and the caller resumes from `length`.
 */
export type ApplyResult = 'appended' | 'duplicate' | 'gap';

export class StreamAssembler {
  private value: string;
  private readonly held = new Map<number, string>();

  constructor(initial = '') {
    this.value = initial;
  }

  get text(): string {
    return this.value;
  }

  get length(): number {
    return this.value.length;
  }

  /** True while a delta beyond the current end waits for the text before it. */
  get hasGap(): boolean {
    return this.held.size > 0;
  }

  apply(offset: number, text: string): ApplyResult {
    if (!Number.isInteger(offset) || offset < 0) {
      throw new RangeError(`bad delta offset ${offset}`);
    }
    if (offset > this.value.length) {
      const previous = this.held.get(offset);
      if (previous === undefined || previous.length < text.length) {
        this.held.set(offset, text);
      }
      return 'gap';
    }
    const end = offset + text.length;
    if (end <= this.value.length) {
      return 'duplicate';
    }
    this.value += text.slice(this.value.length - offset);
    this.drainHeld();
    return 'appended';
  }

  /**
   * Takes a saved copy of the reply (a checkpoint or the final text) when it reaches further than
   * what arrived live; the live text is always a prefix of the model's output, and so is a checkpoint.
   */
  adopt(saved: string): void {
    if (saved.length > this.value.length) {
      this.value = saved;
      this.drainHeld();
    }
  }

  private drainHeld(): void {
    let progressed = true;
    while (progressed && this.held.size > 0) {
      progressed = false;
      for (const [offset, text] of [...this.held]) {
        if (offset <= this.value.length) {
          this.held.delete(offset);
          const end = offset + text.length;
          if (end > this.value.length) {
            this.value += text.slice(this.value.length - offset);
          }
          progressed = true;
        }
      }
    }
  }
}
