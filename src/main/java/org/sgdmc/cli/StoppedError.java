package org.sgdmc.cli;

import org.sgdmc.engine.StopSignal;

/**
 * A run stopped by SIGTERM or SIGINT after saving its checkpoint: one line, and exit code {@link
 * StopSignal#EXIT_CODE} (75) so that a job script can requeue the job; rerunning the command resumes it.
 */
final class StoppedError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoppedError(String message) {
    super(message, null, false, false);
  }
}
