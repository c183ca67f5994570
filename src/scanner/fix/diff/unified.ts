/**
 * A small unified diff (git style, 3 lines of context) over lines, by Myers' O(ND) algorithm with a
 * cap on D: past the cap the rest is shown as one replaced block, still a valid diff. Every output
 * line goes through `mask`, so removed lines never show a full secret.
 */

export interface DiffOptions {
  /** Path shown in the ---/+++ headers (a/ and b/ prefixes are added). */
  readonly path: string;
  /** Applied to every line printed (e.g. maskAll with the file's secrets). */
  readonly mask?: (line: string) => string;
  readonly context?: number;
}

/** Lines with their line break kept (so that a changed line break shows as a change). */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\n") {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

type Op = { readonly kind: " " | "-" | "+"; readonly line: string };

const MAX_D = 2000;

/** Edit script from a to b (Myers, greedy forward, with a trace for backtracking). */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  // Trim the common prefix and suffix first: fixes change a few lines of long files.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const head: Op[] = a.slice(0, pre).map((line) => ({ kind: " ", line }));
  const tail: Op[] = a.slice(a.length - suf).map((line) => ({ kind: " ", line }));
  const n = A.length;
  const m = B.length;
  const max = Math.min(n + m, MAX_D);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    // Too different: one block.
    return [...head, ...A.map((line): Op => ({ kind: "-", line })), ...B.map((line): Op => ({ kind: "+", line })), ...tail];
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: " ", line: A[--x]! }), y--;
    if (down) ops.push({ kind: "+", line: B[--y]! });
    else ops.push({ kind: "-", line: A[--x]! });
  }
  while (x > 0 && y > 0) ops.push({ kind: " ", line: A[--x]! }), y--;
  ops.reverse();
  return [...head, ...ops, ...tail];
}

function show(line: string, mask: (l: string) => string): string {
  // The line break goes; a CR before it stays (the diff stays a valid patch of a CRLF file).
  return mask(line.endsWith("\n") ? line.slice(0, -1) : line);
}

/** The unified diff of two texts ("" when equal). */
export function unifiedDiff(oldText: string, newText: string, options: DiffOptions): string {
  if (oldText === newText) return "";
  const mask = options.mask ?? ((l: string) => l);
  const context = options.context ?? 3;
  const ops = editScript(splitLines(oldText), splitLines(newText));
  const out: string[] = [`--- a/${options.path}`, `+++ b/${options.path}`];
  // Group changes with their context into hunks.
  const changed = ops.map((o) => o.kind !== " ");
  let i = 0;
  while (i < ops.length) {
    if (!changed[i]) {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2*context lines.
    for (;;) {
      while (end < ops.length && changed[end]) end++;
      let next = end;
      while (next < ops.length && !changed[next]) next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    // Line numbers: count old/new lines before `start`.
    let oldLine = 1;
    let newLine = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j]!.kind !== "+") oldLine++;
      if (ops[j]!.kind !== "-") newLine++;
    }
    const hunk = ops.slice(start, stop);
    const oldCount = hunk.filter((o) => o.kind !== "+").length;
    const newCount = hunk.filter((o) => o.kind !== "-").length;
    out.push(`@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@`);
    for (const o of hunk) {
      out.push(o.kind + show(o.line, mask));
      if (!o.line.endsWith("\n")) out.push("\\ No newline at end of file");
    }
    i = stop;
    start = stop;
  }
  return `${out.join("\n")}\n`;
}
