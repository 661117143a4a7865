package org.sgdmc.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Independent ways to compute the saddle's Gaussian-data exponents {@code E log|1 + s lr chib|}, for the tests.
 *
 * <ul>
 *   <li>{@link #lambdaS1Polar} (S = 1 only, shares no code path with the production quadrature): in polar
 *       coordinates x = R cos t, eps/2 = R sin t, chi = R^2 A(t) with {@code A = mu cos^2 t + (1 - mu) sin 2t},
 *       and {@code R^2 / 2 = E ~ Exp(1)} independent of t uniform. So {@code Lambda = (1/pi) int_0^pi h(2 s lr
 *       A(t)) dt} with {@code h(k) = E log|1 + k E|}: {@code e^(1/k) E1(1/k)} for k &gt; 0 and {@code -e^(-1/|k|)
 *       Ei(1/|k|)} for k &lt; 0 (the S = 2 linreg1d form, see {@link Reference#lambdaS2}); for |k| &lt;= 1/40 the
 *       asymptotic series {@code sum_n (-1)^(n+1) (n-1)! k^n}, whose smallest term there is below 1e-16.
 *   <li>{@link #lambdaGaussLegendre} (any S): the same reduction to q and Z as the production code, but
 *       adaptive Gauss-Legendre (no tanh-sinh) on a different split, {@code q = t^2} on the piece at 0, the
 *       density normalised numerically, and no use of the distance to the pole.
 *   <li>{@link #monteCarlo}: plain sampling of x and eps with {@link SplittableRandom}, mean and stderr.
 * </ul>
 */
final class SaddleReference {
  private SaddleReference() {}

  static double lambdaS1Polar(double lr, int sign, double mu) {
    Quadrature.Result r = Quadrature.adaptiveGaussLegendre(t -> {
      double c = Math.cos(t);
      double a = mu * c * c + (1 - mu) * Math.sin(2 * t);
      return h(2 * sign * lr * a);
    }, 0, Math.PI, 1e-14, 20000);
    if (!(r.errorEstimate() < 1e-12)) {
      throw new AssertionError("polar reference did not converge: " + r);
    }
    return r.value() / Math.PI;
  }

  /** {@code E log|1 + k E|}, E ~ Exp(1). */
  static double h(double k) {
    if (Math.abs(k) <= 1.0 / 40) {
      double sum = 0;
      double term = 1; // (n - 1)! k^n / k
      for (int n = 1; n < 60; n++) {
        term *= n == 1 ? k : (n - 1) * k;
        double add = (n % 2 == 1 ? 1 : -1) * term;
        sum += add;
        if (Math.abs(term) < 1e-19) {
          break;
        }
      }
      return sum;
    }
    double c = 1 / Math.abs(k);
    return k > 0 ? expE1(c) : -Math.exp(-c) * Reference.ei(c);
  }

  /** {@code e^c E1(c)} for c &gt; 0: the series for c &lt;= 1, else the continued fraction (modified Lentz). */
  static double expE1(double c) {
    if (c <= 1) {
      double sum = 0;
      double term = 1;
      for (int n = 1; n < 100; n++) {
        term *= -c / n;
        sum += term / n;
        if (Math.abs(term) < 1e-20) {
          break;
        }
      }
      return Math.exp(c) * (-Reference.EULER_GAMMA - Math.log(c) - sum);
    }
    double tiny = 1e-300;
    double b = c + 1;
    double cc = 1 / tiny;
    double d = 1 / b;
    double result = d;
    for (int i = 1; i < 10_000; i++) {
      double an = -(double) i * i;
      b += 2;
      d = 1 / (an * d + b);
      cc = b + an / cc;
      double delta = cc * d;
      result *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return result;
  }

  static double lambdaGaussLegendre(double lr, int sign, double mu, int batch) {
    double k = 0.5 * batch;
    double sigma = Math.sqrt(2.0 / batch);
    double hi = 1.0 + 120.0 / k + 60.0 * sigma;
    double slope = sign * lr * mu;
    double noise = 2 * lr * Math.abs(1 - mu) / Math.sqrt(batch);
    List<Double> cuts = new ArrayList<>(List.of(0.0, 0.5, 1.0, 1.0 + 5 * sigma, 1.0 + 30.0 * sigma, hi));
    if (slope < 0 && -1 / slope < hi) {
      cuts.add(-1 / slope);
    }
    cuts = cuts.stream().distinct().sorted().toList();
    double integral = 0;
    double mass = 0;
    for (int i = 0; i + 1 < cuts.size(); i++) {
      double a = cuts.get(i);
      double b = cuts.get(i + 1);
      integral += piece(a, b, k, q -> NormalLogAbs.expectedLogAbs(1 + slope * q, noise * Math.sqrt(q)));
      mass += piece(a, b, k, q -> 1.0);
    }
    return integral / mass;
  }

  /** Unnormalised Gamma(k, 1/k) density times g over [a, b]; q = t^2 on the piece starting at 0. */
  private static double piece(double a, double b, double k, java.util.function.DoubleUnaryOperator g) {
    java.util.function.DoubleUnaryOperator weight =
        q -> Math.exp(-k * (q < 0.5 ? q - 1.0 - Math.log(q) : (q - 1.0) - Math.log1p(q - 1.0))) / q;
    Quadrature.Result r;
    if (a == 0) {
      r = Quadrature.adaptiveGaussLegendre(
          t -> t == 0 ? 0 : 2.0 * t * weight.applyAsDouble(t * t) * g.applyAsDouble(t * t), 0.0, Math.sqrt(b),
          1e-14, 20000);
    } else {
      r = Quadrature.adaptiveGaussLegendre(q -> weight.applyAsDouble(q) * g.applyAsDouble(q), a, b, 1e-14, 20000);
    }
    if (!(r.errorEstimate() < 1e-11)) {
      throw new AssertionError("reference quadrature did not converge on [" + a + ", " + b + "]: " + r);
    }
    return r.value();
  }

  /** {mean, stderr} of {@code log|1 + s lr chib|} over {@code samples} fresh batches. */
  static double[] monteCarlo(double lr, int sign, double mu, int batch, int samples, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < samples; i++) {
      double chib = 0;
      for (int j = 0; j < batch; j++) {
        double x = rng.nextGaussian();
        double eps = 2 * rng.nextGaussian();
        chib += x * (mu * x + (1 - mu) * eps);
      }
      chib /= batch;
      double v = Math.log(Math.abs(1 + sign * lr * chib));
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / samples;
    double var = (sumSq - samples * mean * mean) / (samples - 1);
    return new double[] {mean, Math.sqrt(var / samples)};
  }
}
