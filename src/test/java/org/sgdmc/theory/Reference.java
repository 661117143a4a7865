package org.sgdmc.theory;

import java.util.ArrayList;
import java.util.List;

/**
 * Independent ways to compute the Gaussian-data Lyapunov exponent, for the tests only.
 *
 * <ul>
 *   <li>{@link #lambdaGaussLegendre}: adaptive Gauss-Legendre (no tanh-sinh), a different split of the
 *       support, the substitution {@code q = t^2} on the piece at 0 (removes the {@code q^(S/2 - 1)} branch
 *       point), and the density normalised numerically instead of through log Gamma.
 *   <li>{@link #lambdaS2}: S = 2, q ~ Exp(1): {@code Lambda = -e^(-c) Ei(c)}, c = 1/lr. Derivation:
 *       {@code I(c) = E log|q - c|} has {@code I'(c) = -PV E[1/(q - c)] = e^(-c) Ei(c)} and {@code I(0) =
 *       -gamma_E}; {@code log c - e^(-c) Ei(c)} has that derivative and limit, and {@code Lambda = log lr +
 *       I(1/lr)}.
 *   <li>{@link #lambdaS1}: S = 1, q = x^2: {@code Lambda = log lr - gamma_E - log 2 + 4 G(Z)}, {@code Z =
 *       (2 lr)^-1/2}, {@code G(Z) = int_0^Z F}, F the Dawson function. Derivation: {@code d/dc E log|x^2 -
 *       c| = -PV E[1/(x^2 - c)] = -PV E[1/(x - a)] / a} (a = sqrt c, x -> -x symmetry) {@code = sqrt(2) F(a /
 *       sqrt 2) / a} (Hilbert transform of the Gaussian); substitute {@code c = 2 z^2}; {@code E log x^2 =
 *       -gamma_E - log 2}.
 * </ul>
 */
final class Reference {
  static final double EULER_GAMMA = 0.57721566490153286060651209;

  private Reference() {}

  static double lambdaGaussLegendre(double lr, int batch) {
    double k = 0.5 * batch;
    double sigma = Math.sqrt(2.0 / batch);
    double hi = 1.0 + 120.0 / k + 60.0 * sigma;
    List<Double> cuts = new ArrayList<>();
    cuts.add(0.0);
    if (1.0 - 30.0 * sigma > 0) {
      cuts.add(1.0 - 30.0 * sigma);
    }
    cuts.add(1.0);
    cuts.add(1.0 + 30.0 * sigma);
    cuts.add(hi);
    double c = 1.0 / lr;
    if (c < hi && !cuts.contains(c)) {
      cuts.add(c);
      cuts.sort(null);
    }
    double integral = 0;
    double mass = 0;
    for (int i = 0; i + 1 < cuts.size(); i++) {
      double a = cuts.get(i);
      double b = cuts.get(i + 1);
      integral += piece(a, b, k, q -> logAbs(lr, q));
      mass += piece(a, b, k, q -> 1.0);
    }
    return integral / mass;
  }

  private static double logAbs(double lr, double q) {
    return Math.log(Math.abs(Math.fma(-lr, q, 1.0)));
  }

  /** Unnormalised Gamma(k, 1/k) density times g over [a, b]; q = t^2 on a piece starting at 0. */
  private static double piece(double a, double b, double k, java.util.function.DoubleUnaryOperator g) {
    java.util.function.DoubleUnaryOperator weight =
        q -> Math.exp(-k * (q < 0.5 ? q - 1.0 - Math.log(q) : (q - 1.0) - Math.log1p(q - 1.0))) / q;
    Quadrature.Result r;
    if (a == 0) {
      r = Quadrature.adaptiveGaussLegendre(
          t -> 2.0 * t * weight.applyAsDouble(t * t) * g.applyAsDouble(t * t), 0.0, Math.sqrt(b), 1e-14, 20000);
    } else {
      r = Quadrature.adaptiveGaussLegendre(
          q -> weight.applyAsDouble(q) * g.applyAsDouble(q), a, b, 1e-14, 20000);
    }
    if (!(r.errorEstimate() < 1e-12)) {
      throw new AssertionError("reference quadrature did not converge on [" + a + ", " + b + "]: " + r);
    }
    return r.value();
  }

  /** Ei(x) for 0 &lt; x &lt;= 40 by its power series (all terms positive, no cancellation). */
  static double ei(double x) {
    if (!(x > 0 && x <= 40)) {
      throw new IllegalArgumentException("series used for 0 < x <= 40 only: " + x);
    }
    double term = 1.0;
    double sum = 0;
    for (int n = 1; n < 500; n++) {
      term *= x / n;
      double add = term / n;
      sum += add;
      if (add < 1e-18 * sum) {
        break;
      }
    }
    return EULER_GAMMA + Math.log(x) + sum;
  }

  static double lambdaS2(double lr) {
    double c = 1.0 / lr;
    return -Math.exp(-c) * ei(c);
  }

  /** Dawson's F(z) = e^(-z^2) int_0^z e^(t^2) dt from its alternating series, for 0 &lt;= z &lt;= 2. */
  static double dawson(double z) {
    checkSeriesRange(z);
    double term = z;
    double sum = z;
    for (int n = 1; n < 200; n++) {
      term *= -2.0 * z * z / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < 1e-18 * Math.abs(sum)) {
        break;
      }
    }
    return sum;
  }

  /** int_0^Z F(z) dz = sum_n (-2)^n Z^(2n+2) / ((2n+2) (2n+1)!!), for 0 &lt;= Z &lt;= 2 (terms below e^4). */
  static double dawsonIntegral(double z) {
    checkSeriesRange(z);
    double power = z * z;
    double coefficient = 1.0;
    double sum = 0;
    for (int n = 0; n < 200; n++) {
      double term = coefficient * power / (2 * n + 2);
      sum += term;
      if (n > 2 && Math.abs(term) < 1e-18 * Math.abs(sum)) {
        break;
      }
      coefficient *= -2.0 / (2 * n + 3);
      power *= z * z;
    }
    return sum;
  }

  private static void checkSeriesRange(double z) {
    if (!(z >= 0 && z <= 2)) {
      throw new IllegalArgumentException("alternating series used for 0 <= z <= 2 only: " + z);
    }
  }

  /** The S = 1 closed form, for lr >= 1/8 (Z <= 2). */
  static double lambdaS1(double lr) {
    double z = 1.0 / Math.sqrt(2.0 * lr);
    return Math.log(lr) - EULER_GAMMA - Math.log(2.0) + 4.0 * dawsonIntegral(z);
  }
}
