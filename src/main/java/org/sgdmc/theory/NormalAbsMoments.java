package org.sgdmc.theory;

/**
 * {@code log E|c + d Z|^p} for a standard normal Z, {@code p > 0}: the moment function of the tail index when
 * the factor is Gaussian, {@code a = c + d xi} (the Gaussian-noise SDE model of SGD, seed 004).
 *
 * <p>The closed form is {@code E|mu + sigma Z|^p = sigma^p 2^(p/2) Gamma((p+1)/2) / sqrt(pi) 1F1(-p/2; 1/2;
 * -x)} with {@code x = mu^2 / (2 sigma^2)}; the Kummer function there alternates and cancels badly for large
 * x. Two forms without cancellation are used instead:
 *
 * <ol>
 *   <li>{@code (c + d Z)^2 / d^2} is non-central chi-square with 1 degree of freedom and non-centrality
 *       {@code 2x}, a Poisson(x) mixture J of central chi-square laws with {@code 1 + 2J} degrees of freedom,
 *       and {@code E (chi^2_k)^(p/2) = 2^(p/2) Gamma(k/2 + p/2) / Gamma(k/2)}. So
 *       <pre>  E|c + d Z|^p = d^p 2^(p/2) sum_J Pois(J; x) Gamma(J + (1 + p)/2) / Gamma(J + 1/2),</pre>
 *       a sum of positive terms (it is Kummer's transformation {@code 1F1(-p/2; 1/2; -x) = e^-x 1F1((1+p)/2;
 *       1/2; x)} written out term by term). The terms are summed in logs from the Poisson mode outwards by
 *       their recurrences and the Poisson weights normalised by their own sum, as in {@link NormalLogAbs};
 *       the one Gamma ratio at the start is formed from Stirling remainders, so nothing large cancels.
 *   <li>For {@code x >= max(50, p^2)}: {@code E|c + d Z|^p = |c|^p sum_j C(p, 2j) (2j - 1)!! (d/c)^(2j)}, the
 *       expansion of {@code E|1 + eps Z|^p} in {@code eps = d/|c|}: asymptotic, with the error of its
 *       smallest term of order {@code e^-x}. Its term ratio is {@code (p - 2j)(p - 2j - 1) / (4 x (j + 1))},
 *       at most 1/4 at first under that condition.
 * </ol>
 *
 * A quadrature ({@link #logMomentQuadrature}) is kept as an independent check: the log-integrand {@code p
 * log|c + d z| - z^2/2} has one peak on each side of {@code -c/d}, at the roots of {@code d z^2 + c z - p d =
 * 0}.
 */
final class NormalAbsMoments {
  /** Where the asymptotic series takes over, at least. */
  static final double ASYMPTOTIC_FROM = 50;

  private NormalAbsMoments() {}

  /** {@code log E|c + d Z|^p} for finite c, {@code d >= 0} and {@code p > 0}. */
  static double logMoment(double c, double d, double p) {
    if (!(p > 0) || !Double.isFinite(p)) {
      throw new IllegalArgumentException("the moment order must be finite and > 0: " + p);
    }
    if (!(d >= 0) || !Double.isFinite(d) || !Double.isFinite(c)) {
      throw new IllegalArgumentException("need finite c and d >= 0: c = " + c + ", d = " + d);
    }
    if (d == 0) {
      return p * Math.log(Math.abs(c));
    }
    double ratio = c / d;
    double x = 0.5 * ratio * ratio;
    if (x >= Math.max(ASYMPTOTIC_FROM, p * p)) {
      return p * Math.log(Math.abs(c)) + Math.log(asymptoticSum(p, x));
    }
    return p * Math.log(d) + 0.5 * p * Math.log(2) + logPoissonMixture(p, x);
  }

  /** {@code sum_j C(p, 2j) (2j - 1)!! / (2x)^j} until a term is below 1e-17 of the sum or starts growing. */
  private static double asymptoticSum(double p, double x) {
    double sum = 1;
    double term = 1;
    double previous = Double.POSITIVE_INFINITY;
    for (int j = 0; j < 100_000; j++) {
      term *= (p - 2 * j) * (p - 2 * j - 1) / (4 * x * (j + 1));
      double size = Math.abs(term);
      if (size > previous) {
        break; // the asymptotic series has turned: its smallest term (about e^-x) is the error
      }
      sum += term;
      if (size <= 1e-17 * sum) {
        break;
      }
      previous = size;
    }
    return sum;
  }

  /**
   * {@code log sum_J Pois(J; x) Gamma(J + h + 1/2) / Gamma(J + 1/2)} with {@code h = p/2}. Both {@code log
   * Pois(J; x)} and {@code log} of the Gamma ratio are concave in J, so the terms rise to one peak and fall;
   * each direction stops once the Poisson weight is below 1e-18 of the weights so far and the term below
   * e^-42 (6e-19) of the sum so far.
   */
  private static double logPoissonMixture(double p, double x) {
    double h = 0.5 * p;
    int start = (int) Math.floor(x);
    // Relative to J = start, in logs: the unnormalised Poisson weight w_J = x^J / J! and the term w_J r_J;
    // from J - 1 to J they change by log(x / J) and by that plus log((J - 1/2 + h) / (J - 1/2)).
    double sumW = 1;
    LogSum terms = new LogSum();
    terms.add(0);
    double logW = 0;
    double logTerm = 0;
    for (int j = start + 1; ; j++) {
      double step = Math.log(x / j);
      logW += step;
      logTerm += step + Math.log((j - 0.5 + h) / (j - 0.5));
      double w = Math.exp(logW);
      sumW += w;
      terms.add(logTerm);
      if (w < 1e-18 * sumW && logTerm < terms.log() - 42) {
        break;
      }
    }
    logW = 0;
    logTerm = 0;
    for (int j = start; j >= 1; j--) {
      double step = -Math.log(x / j);
      logW += step;
      logTerm += step - Math.log((j - 0.5 + h) / (j - 0.5));
      double w = Math.exp(logW);
      sumW += w;
      terms.add(logTerm);
      if (w < 1e-18 * sumW && logTerm < terms.log() - 42) {
        break;
      }
    }
    return logGammaRatio(start + 0.5, h) + terms.log() - Math.log(sumW);
  }

  /** A running {@code log sum exp(t_i)}: the largest term so far and the sum scaled by it. */
  private static final class LogSum {
    private double top = Double.NEGATIVE_INFINITY;
    private double scaled = 0;

    void add(double t) {
      if (t > top) {
        scaled = scaled * Math.exp(top - t) + 1;
        top = t;
      } else {
        scaled += Math.exp(t - top);
      }
    }

    double log() {
      return top + Math.log(scaled);
    }
  }

  /**
   * {@code log Gamma(y + h) - log Gamma(y)} for {@code y > 0, h >= 0}: for {@code y >= 10} from the Stirling
   * form {@code (y - 1/2) log1p(h/y) + h log(y + h) - h + R(y + h) - R(y)}, whose terms are of the size of the
   * result rather than of {@code y log y}.
   */
  static double logGammaRatio(double y, double h) {
    if (y < 10) {
      return SpecialFunctions.logGamma(y + h) - SpecialFunctions.logGamma(y);
    }
    return (y - 0.5) * Math.log1p(h / y) + h * Math.log(y + h) - h
        + SpecialFunctions.stirlingRemainder(y + h) - SpecialFunctions.stirlingRemainder(y);
  }

  /** {@code log E|c + d Z|^p} by quadrature ({@link PeakQuadrature}), for the tests; needs d &gt; 0. */
  static double logMomentQuadrature(double c, double d, double p) {
    double z0 = -c / d;
    java.util.function.DoubleUnaryOperator phi = z -> p * Math.log(Math.abs(Math.fma(d, z, c))) - 0.5 * z * z;
    double root = Math.sqrt(c * c + 4 * p * d * d);
    double plus = c >= 0 ? (2 * p * d) / (c + root) : (root - c) / (2 * d);
    double minus = -p / plus; // the product of the roots is -p
    PeakQuadrature.LogValue right = PeakQuadrature.integrate(phi, z0, Double.POSITIVE_INFINITY,
        new PeakQuadrature.Peak(plus, widthAt(p, c, d, plus), widthAt(p, c, d, plus)), false, 1e-14);
    PeakQuadrature.LogValue left = mirrored(phi, z0, minus, widthAt(p, c, d, minus));
    return right.plus(left).log() - 0.5 * Math.log(2 * Math.PI);
  }

  /** The left region (-infinity, z0) by the reflection z -> -z. */
  private static PeakQuadrature.LogValue mirrored(java.util.function.DoubleUnaryOperator phi, double z0,
      double mode, double w) {
    return PeakQuadrature.integrate(z -> phi.applyAsDouble(-z), -z0, Double.POSITIVE_INFINITY,
        new PeakQuadrature.Peak(-mode, w, w), false, 1e-14);
  }

  private static double widthAt(double p, double c, double d, double z) {
    double a = c + d * z;
    return 1.0 / Math.sqrt(p * d * d / (a * a) + 1);
  }
}
