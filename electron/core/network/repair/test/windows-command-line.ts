/**
 * A reference parser of a Windows command line into argv, by the rules of `CommandLineToArgvW` and the
 * Microsoft C runtime (test-only: it checks the quoting in elevation.ts from the other side).
 * - Arguments are separated by spaces or tabs outside quotes.
 * - 2n backslashes then `"`: n backslashes, and the quote opens or closes a quoted part.
 * - 2n+1 backslashes then `"`: n backslashes and a literal `"`.
 * - Backslashes not followed by `"` are literal.
 */
export function parseWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < line.length;) {
    const ch = line[i]!;
    if (!quoted && (ch === ' ' || ch === '\t')) {
      if (inArg) args.push(cur);
      cur = '';
      inArg = false;
      i++;
      continue;
    }
    inArg = true;
    if (ch === '\\') {
      let n = 0;
      while (line[i] === '\\') {
        n++;
        i++;
      }
      if (line[i] === '"') {
        cur += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) {
          cur += '"';
          i++;
        }
      } else {
        cur += '\\'.repeat(n);
      }
      continue;
    }
    if (ch === '"') {
      quoted = !quoted;
      i++;
      continue;
    }
    cur += ch;
    i++;
  }
  if (inArg) args.push(cur);
  return args;
}
