package org.sgdmc.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A power law {@code y = c x^p} fitted to points with standard errors by weighted least squares on the logs:
 * {@code log y_i = log c + p log x_i}, weights {@code 1 / s_i^2} with {@code s_i = stderr(y_i) / y_i} (the delta
 * method). The exponent's standard error is the weighted fit's, scaled up by {@code sqrt(chi^2 / (k - 2))} when the
 * points scatter more than their errors say (never down); the 95% interval uses Student's t with k - 2 degrees of
 * freedom (commons-math3), the normal 1.96 for two points.
 *
 * @param exponent p
 * @param stderr its standard error
 * @param low lower end of the 95% interval
 * @param high upper end
 * @param prefactor c
 * @param chi2PerDof chi^2 / (k - 2) of the weighted fit (NaN for two points)
 * @param points k, the points used
 */
public record PowerLawFit(double exponent, double stderr, double low, double high, double prefactor,
    double chi2PerDof, int points) {

  /** Fits {@code y = c x^p}; x, y > 0, err >= 0 (a zero error gets the smallest positive one of the others). */
  public static PowerLawFit fit(double[] x, double[] y, double[] err) {
    int k = x.length;
    if (k < 2) {
      throw new IllegalArgumentException("a power-law fit needs at least 2 points, not " + k);
    }
    double[] lx = new double[k], ly = new double[k], w = new double[k];
    double minErr = Double.POSITIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      if (!(x[i] > 0) || !(y[i] > 0)) {
        throw new IllegalArgumentException("power-law fit of non-positive values");
      }
      double s = err[i] / y[i];
      if (s > 0) {
        minErr = Math.min(minErr, s);
      }
    }
    if (minErr == Double.POSITIVE_INFINITY) {
      minErr = 1e-12;
    }
    double sw = 0, sx = 0, sy = 0;
    for (int i = 0; i < k; i++) {
      lx[i] = Math.log(x[i]);
      ly[i] = Math.log(y[i]);
      double s = Math.max(err[i] / y[i], minErr);
      w[i] = 1 / (s * s);
      sw += w[i];
      sx += w[i] * lx[i];
      sy += w[i] * ly[i];
    }
    double mx = sx / sw, my = sy / sw;
    double sxx = 0, sxy = 0;
    for (int i = 0; i < k; i++) {
      sxx += w[i] * (lx[i] - mx) * (lx[i] - mx);
      sxy += w[i] * (lx[i] - mx) * (ly[i] - my);
    }
    if (!(sxx > 0)) {
      throw new IllegalArgumentException("a power-law fit needs at least two distinct x");
    }
    double p = sxy / sxx;
    double a = my - p * mx;
    double chi2 = 0;
    for (int i = 0; i < k; i++) {
      double r = ly[i] - a - p * lx[i];
      chi2 += w[i] * r * r;
    }
    double perDof = k > 2 ? chi2 / (k - 2) : Double.NaN;
    double se = Math.sqrt(1 / sxx) * (k > 2 ? Math.sqrt(Math.max(1, perDof)) : 1);
    double z = k > 2 ? new TDistribution(k - 2).inverseCumulativeProbability(0.975) : 1.959963984540054;
    return new PowerLawFit(p, se, p - z * se, p + z * se, Math.exp(a), perDof, k);
  }

  /** Whether {@code value} lies in the 95% interval. */
  public boolean covers(double value) {
    return low <= value && value <= high;
  }
}
