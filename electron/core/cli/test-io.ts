/** A `CliIo` that records what a command prints, for tests. */
import type { CliIo } from './cli-env';

/** The lines printed so far. */
export interface RecordingIo extends CliIo {
  readonly lines: string[];
  readonly errors: string[];
  /** Everything printed on `out`, one line per entry, joined by newlines. */
  text(): string;
}

/** A fresh recording `CliIo`. */
export function recordingIo(): RecordingIo {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    text: () => lines.join('\n'),
  };
}
