package org.sgdmc.engine;

/**
 * A run refused before it starts because it would need more memory than the JVM can get. The message is
 * one line with the estimate and the option that lowers it, fit for the user as it is.
 */
public final class TooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TooLargeException(String message) {
    super(message);
  }
}
