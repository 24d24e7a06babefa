/** Exit codes are part of clipfile's interface for scripts; the README lists them. */
export const ExitCode = {
  /** Every source was processed. */
  ok: 0,
  /** At least one source failed; the others were processed. */
  someFailed: 1,
  /** The command line was wrong (unknown option, missing argument, bad value). */
  usage: 2,
  /** Every source was processed, but some extractions are below --min-confidence (none failed). */
  belowMinConfidence: 3,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM; what finished is archived, the rest listed by --failed-out. */
  interrupted: 130,
  /** Something unexpected inside clipfile (a bug): please report it. */
  internal: 70,
} as const;
