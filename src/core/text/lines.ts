/**
 * Line and column arithmetic over UTF-16 offsets. Line breaks are `\r\n`, `\n` and a lone `\r`;
 * lines and columns are 1-based, columns count UTF-16 code units (as editors and ESLint do).
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: readonly number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line of `offset` (an offset at a line break belongs to the line it ends). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based line and column of `offset`. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }

  /** Offset range [start, end) of a 1-based line, without its line break. */
  lineRange(line: number): [number, number] {
    const start = this.starts[line - 1] ?? this.text.length;
    let end = this.starts[line] ?? this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return [start, end];
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const [start, end] = this.lineRange(line);
    return this.text.slice(start, end);
  }
}
