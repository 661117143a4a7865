package org.sgdmc.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * The stationary law of a 1-D Ito SDE {@code d theta = -L'(theta) dt + sqrt(2 D(theta)) dW} with no probability
 * current: the Fokker-Planck equation {@code dp/dt = d/dtheta (L' p + d(D p)/dtheta)} (Ito: the diffusion acts on
 * {@code D p}, not {@code D grad p} as seed 004's (24)-(27) write it) has the zero-flux solution
 *
 * <pre>  p(theta) ~ D(theta)^-1 exp(-int^theta L'(s) / D(s) ds),   D = eta f Sigma / 2,</pre>
 *
 * f the sampling factor (1/B with replacement). In 1-D every stationary law has zero flux (the current is constant,
 * and 0 for a normalisable law on the line). Seed 004's eq. (29), {@code p ~ Sigma^-1/2 exp(-2 B L / eta)}, is this
 * only when Sigma is constant.
 *
 * <p>Computed on a uniform grid of {@code points} nodes over [lo, hi] (the law's mass outside must be negligible:
 * {@link #massNearEnds} says how much sits in the outer 1%): the integral by the composite trapezoid rule from the
 * grid's middle, then normalised by the trapezoid rule. Both are second order in the grid step.
 */
public final class ZeroFluxDensity {
  private final double lo;
  private final double step;
  private final double[] density;
  private final double[] cdf;

  private ZeroFluxDensity(double lo, double step, double[] logDensity) {
    this.lo = lo;
    this.step = step;
    int n = logDensity.length;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logDensity) {
      max = Math.max(max, v);
    }
    density = new double[n];
    for (int i = 0; i < n; i++) {
      density[i] = Math.exp(logDensity[i] - max);
    }
    cdf = new double[n];
    for (int i = 1; i < n; i++) {
      cdf[i] = cdf[i - 1] + 0.5 * step * (density[i - 1] + density[i]);
    }
    double z = cdf[n - 1];
    for (int i = 0; i < n; i++) {
      density[i] /= z;
      cdf[i] /= z;
    }
  }

  /**
   * The zero-flux law of drift {@code -gradient} and diffusion {@code D = eta f sigma / 2}.
   *
   * @param gradient L'(theta)
   * @param sigma the per-sample gradient variance Sigma(theta) > 0
   * @param lrTimesFactor eta f (eta / B with replacement)
   */
  public static ZeroFluxDensity of(DoubleUnaryOperator gradient, DoubleUnaryOperator sigma, double lrTimesFactor,
      double lo, double hi, int points) {
    check(lo, hi, points, lrTimesFactor);
    double h = (hi - lo) / (points - 1);
    double[] logP = new double[points];
    double[] integrand = new double[points];
    double[] logD = new double[points];
    for (int i = 0; i < points; i++) {
      double x = lo + i * h;
      double d = lrTimesFactor * sigma.applyAsDouble(x) / 2;
      if (!(d > 0)) {
        throw new IllegalArgumentException("the diffusion D = eta f Sigma / 2 must be positive; it is " + d + " at " + x);
      }
      integrand[i] = gradient.applyAsDouble(x) / d;
      logD[i] = Math.log(d);
    }
    double[] phi = integral(integrand, h);
    for (int i = 0; i < points; i++) {
      logP[i] = -logD[i] - phi[i];
    }
    return new ZeroFluxDensity(lo, h, logP);
  }

  /**
   * Seed 004's eq. (29) in 1-D, {@code p ~ Sigma^-1/2 exp(-2 L / (eta f))} (its 2B/eta with f = 1/B), L the
   * integral of {@code gradient}: what the seed offers as the stationary law for state-dependent Sigma.
   */
  public static ZeroFluxDensity seedEquation29(DoubleUnaryOperator gradient, DoubleUnaryOperator sigma,
      double lrTimesFactor, double lo, double hi, int points) {
    check(lo, hi, points, lrTimesFactor);
    double h = (hi - lo) / (points - 1);
    double[] grad = new double[points];
    double[] logP = new double[points];
    for (int i = 0; i < points; i++) {
      grad[i] = gradient.applyAsDouble(lo + i * h);
    }
    double[] loss = integral(grad, h);
    for (int i = 0; i < points; i++) {
      logP[i] = -0.5 * Math.log(sigma.applyAsDouble(lo + i * h)) - 2 * loss[i] / lrTimesFactor;
    }
    return new ZeroFluxDensity(lo, h, logP);
  }

  /** Trapezoid integral of {@code f} from the middle node, at every node. */
  private static double[] integral(double[] f, double h) {
    int n = f.length;
    int mid = n / 2;
    double[] out = new double[n];
    for (int i = mid + 1; i < n; i++) {
      out[i] = out[i - 1] + 0.5 * h * (f[i - 1] + f[i]);
    }
    for (int i = mid - 1; i >= 0; i--) {
      out[i] = out[i + 1] - 0.5 * h * (f[i] + f[i + 1]);
    }
    return out;
  }

  private static void check(double lo, double hi, int points, double lrTimesFactor) {
    if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi) || points < 3) {
      throw new IllegalArgumentException("need lo < hi, finite, and at least 3 points");
    }
    if (!(lrTimesFactor > 0)) {
      throw new IllegalArgumentException("eta f must be positive, not " + lrTimesFactor);
    }
  }

  /** The density at the grid's nodes. */
  public double[] density() {
    return density.clone();
  }

  /** The grid's nodes. */
  public double[] nodes() {
    double[] x = new double[density.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = lo + i * step;
    }
    return x;
  }

  /** P(theta <= x), linear between nodes, 0 and 1 beyond the grid. */
  public double cdf(double x) {
    double pos = (x - lo) / step;
    if (pos <= 0) {
      return 0;
    }
    if (pos >= cdf.length - 1) {
      return 1;
    }
    int i = (int) pos;
    double frac = pos - i;
    // exact integral of the linear interpolant of the density over [node i, x]
    double di = density[i];
    double dj = density[i + 1];
    double part = step * frac * (di + 0.5 * frac * (dj - di));
    return cdf[i] + part;
  }

  /** The law's mass in each bin [edges[k], edges[k+1]). */
  public double[] binMasses(double[] edges) {
    double[] m = new double[edges.length - 1];
    for (int k = 0; k < m.length; k++) {
      m[k] = cdf(edges[k + 1]) - cdf(edges[k]);
    }
    return m;
  }

  /** E[g(theta)] by the trapezoid rule on the grid. */
  public double expectation(DoubleUnaryOperator g) {
    double s = 0;
    for (int i = 1; i < density.length; i++) {
      double a = lo + (i - 1) * step;
      double b = lo + i * step;
      s += 0.5 * step * (density[i - 1] * g.applyAsDouble(a) + density[i] * g.applyAsDouble(b));
    }
    return s;
  }

  /** The mass in the outer 1% of the grid on each side: a check that the grid holds the law. */
  public double massNearEnds() {
    int n = density.length;
    double x1 = lo + 0.01 * (n - 1) * step;
    double x2 = lo + 0.99 * (n - 1) * step;
    return cdf(x1) + 1 - cdf(x2);
  }
}
