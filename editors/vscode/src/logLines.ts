// The server logs to stderr, one line per event, as tracing-subscriber writes them:
// `2026-12-02T03:01:03.123456Z  INFO message key=value`. vscode-languageclient writes every
// stderr line to the output channel with `error()` unless `stdioOptions` are given; these
// helpers give each line the channel level the server logged it at, without the server's
// timestamp (the channel adds its own).

export type ChannelLevel = "trace" | "debug" | "info" | "warn" | "error";

export interface LogLine {
  level: ChannelLevel;
  message: string;
}

const LEVELS: Record<string, ChannelLevel> = {
  TRACE: "trace",
  DEBUG: "debug",
  INFO: "info",
  WARN: "warn",
  ERROR: "error",
};

/** Split one stderr line into its level and message. A line that is not in the server's
 *  format (a panic's backtrace, a message from the shell) is kept whole at `info`. */
export function parseLogLine(line: string): LogLine {
  const m = /^(\d{4}-\d\d-\d\dT\S+Z)?\s*(TRACE|DEBUG|INFO|WARN|ERROR)\s+(.*)$/.exec(line);
  const level = m?.[2] === undefined ? undefined : LEVELS[m[2]];
  if (!m || level === undefined) return { level: "info", message: line };
  return { level, message: m[3] ?? "" };
}
