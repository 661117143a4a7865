package org.sgdmc.models;

/**
 * The floating-point precision of a kernel's random draws. The state and every sum stay in double
 * precision either way: what single precision changes is the draws (see {@code rng.SingleDraws}), which are
 * where the time goes.
 */
public enum Precision {
  /** 52-bit uniforms, double-precision functions: normals up to 8.49 in magnitude. */
  DOUBLE("double"),
  /**
   * 23-bit uniforms, one per 32-bit Philox word (four normals per block, not two) and float functions on twice
   * the lanes: normals up to 5.65 in magnitude, each within a few float ulp of its exact value.
   */
  SINGLE("single");

  private final String label;

  Precision(String label) {
    this.label = label;
  }

  /** The name used on the command line and in files. */
  public String label() {
    return label;
  }
}
