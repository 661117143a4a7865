package org.sgdmc.kernels;

/** The fallback: every block is the scalar twin, at any block width. Touches no Vector API class. */
final class DefaultVectorizationProvider extends VectorizationProvider {
  private final String reason;

  DefaultVectorizationProvider(String reason) {
    this.reason = reason;
  }

  @Override
  public boolean vectorised() {
    return false;
  }

  @Override
  public int lanes() {
    return 1;
  }

  @Override
  public String describe() {
    return "scalar twins (" + reason + ")";
  }
}
