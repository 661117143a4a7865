package org.sgdmc.stats;

/**
 * Weighted least squares of {@code y = a x^(-gamma) + b} (seed 003's law {@code t4(r) = a r^-gamma + b} for the
 * time to generalise against the train fraction r): for each gamma, a and b are linear, so the fit profiles
 * chi2 over gamma (a scan of [gammaMin, gammaMax] then golden-section refinement) with (a, b) from the 2 x 2 normal
 * equations. The interval of gamma is the profile-likelihood one, {@code chi2(gamma) - chi2_min <= q}, with q =
 * 3.84 for 95% ({@link #interval}), the threshold scaled by chi2/dof when that is above 1 (errors too small for the
 * scatter); an end at the scan's edge is reported as that edge (the data do not bound gamma there).
 *
 * @param gamma the best exponent
 * @param a the prefactor at gamma
 * @param b the offset at gamma
 * @param chi2 the minimum chi2
 * @param points the number of points
 */
public record OffsetPowerLawFit(double gamma, double a, double b, double chi2, int points, double[] x, double[] y,
    double[] err, double gammaMin, double gammaMax) {

  public static final double DEFAULT_GAMMA_MIN = 0.01;
  public static final double DEFAULT_GAMMA_MAX = 20;

  /** The fit over gamma in [0.01, 20]; needs at least 3 points with positive x and errors. */
  public static OffsetPowerLawFit fit(double[] x, double[] y, double[] err) {
    return fit(x, y, err, DEFAULT_GAMMA_MIN, DEFAULT_GAMMA_MAX);
  }

  public static OffsetPowerLawFit fit(double[] x, double[] y, double[] err, double gammaMin, double gammaMax) {
    if (x.length != y.length || x.length != err.length || x.length < 3) {
      throw new IllegalArgumentException("need at least 3 points (x, y, err) of equal counts, not " + x.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0) || !(err[i] > 0) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("point " + i + ": x and err must be positive and y finite: " + x[i] + ", "
            + y[i] + ", " + err[i]);
      }
    }
    int steps = 400;
    double best = gammaMin, bestChi = Double.POSITIVE_INFINITY;
    double h = (gammaMax - gammaMin) / steps;
    for (int k = 0; k <= steps; k++) {
      double g = gammaMin + k * h;
      double c = linear(x, y, err, g)[2];
      if (c < bestChi) {
        bestChi = c;
        best = g;
      }
    }
    double lo = Math.max(gammaMin, best - h), hi = Math.min(gammaMax, best + h);
    double phi = (Math.sqrt(5) - 1) / 2;
    for (int it = 0; it < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(best)); it++) {
      double m1 = hi - phi * (hi - lo), m2 = lo + phi * (hi - lo);
      if (linear(x, y, err, m1)[2] <= linear(x, y, err, m2)[2]) {
        hi = m2;
      } else {
        lo = m1;
      }
    }
    double g = 0.5 * (lo + hi);
    double[] ab = linear(x, y, err, g);
    if (ab[2] > bestChi) {
      g = best;
      ab = linear(x, y, err, g);
    }
    return new OffsetPowerLawFit(g, ab[0], ab[1], ab[2], x.length, x.clone(), y.clone(), err.clone(), gammaMin,
        gammaMax);
  }

  /** {a, b, chi2} of the weighted linear fit of y on (x^-gamma, 1). */
  static double[] linear(double[] x, double[] y, double[] err, double gamma) {
    double s00 = 0, s01 = 0, s11 = 0, t0 = 0, t1 = 0;
    for (int i = 0; i < x.length; i++) {
      double w = 1 / (err[i] * err[i]);
      double u = Math.pow(x[i], -gamma);
      s00 += w * u * u;
      s01 += w * u;
      s11 += w;
      t0 += w * u * y[i];
      t1 += w * y[i];
    }
    double det = s00 * s11 - s01 * s01;
    double a = (t0 * s11 - t1 * s01) / det, b = (s00 * t1 - s01 * t0) / det;
    double chi = 0;
    for (int i = 0; i < x.length; i++) {
      double r = (y[i] - a * Math.pow(x[i], -gamma) - b) / err[i];
      chi += r * r;
    }
    return new double[] {a, b, chi};
  }

  /** chi2 per degree of freedom (3 parameters); NaN with 3 points. */
  public double chi2PerDof() {
    return points > 3 ? chi2 / (points - 3) : Double.NaN;
  }

  /** The fitted law at x. */
  public double at(double v) {
    return a * Math.pow(v, -gamma) + b;
  }

  /**
   * {low, high}: the gammas where the profile chi2 crosses chi2_min + q (q scaled by chi2/dof when above 1), by
   * bisection between the best gamma and the scan's edges.
   */
  public double[] interval(double q) {
    double scale = Double.isNaN(chi2PerDof()) ? 1 : Math.max(1, chi2PerDof());
    double level = chi2 + q * scale;
    return new double[] {cross(gammaMin, gamma, level), cross(gammaMax, gamma, level)};
  }

  /** The 95% interval (q = 3.84). */
  public double[] interval95() {
    return interval(3.841458820694124);
  }

  private double cross(double edge, double inside, double level) {
    if (linear(x, y, err, edge)[2] <= level) {
      return edge;
    }
    double out = edge, in = inside;
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (out + in);
      if (linear(x, y, err, mid)[2] <= level) {
        in = mid;
      } else {
        out = mid;
      }
    }
    return 0.5 * (out + in);
  }
}
