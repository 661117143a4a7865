package org.sgdmc.cli;

/**
 * A failure the user caused and can fix: it is reported as one line, never with a stack trace.
 * Library code throws {@link IllegalArgumentException}; commands translate it into this at the boundary.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message, null, false, false);
  }
}
