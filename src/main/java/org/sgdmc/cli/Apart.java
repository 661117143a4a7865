package org.sgdmc.cli;

/**
 * How far a simulated value lies from its reference, in combined standard errors, as the commands print it
 * beside an estimate. A standard error at rounding level (an exactly computed reference against a simulation
 * whose trajectories all agree, e.g. two-point data or S = N without replacement) makes that ratio
 * meaningless: 7e-17 apart by 2e-15 would read "28.4 stderr apart". There the difference itself is printed.
 */
final class Apart {
  /**
   * A combined standard error below this many times the values' size is rounding, not sampling: 1e-13 is
   * about 450 ulps, more than the rounding of any of the exact sums and quadratures beside a simulation.
   */
  static final double ROUNDING = 1e-13;

  private Apart() {}

  /** "   (x.x stderr apart)", "   (equal up to rounding: differ by d)", or "" when either value is not finite. */
  static String describe(double simulated, double simulatedStderr, double reference, double referenceStderr) {
    if (!Double.isFinite(simulated) || !Double.isFinite(reference)) {
      return "";
    }
    double combined = Math.hypot(simulatedStderr, referenceStderr);
    double scale = Math.max(Math.abs(simulated), Math.abs(reference));
    double diff = Math.abs(simulated - reference);
    if (!(combined > ROUNDING * scale)) {
      return diff <= ROUNDING * scale ? String.format("   (equal up to rounding: differ by %.1e)", diff)
          : String.format("   (differ by %.3g; the standard error %.1e is at rounding level)", diff, combined);
    }
    return String.format("   (%.1f stderr apart)", diff / combined);
  }
}
