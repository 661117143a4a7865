package org.sgdmc.theory;

/**
 * The Kesten-Goldie tail index from a moment function: the root {@code alpha > 0} of {@code log E|a|^s = 0},
 * with the regime it belongs to (see {@link TailIndex}).
 *
 * <p>Why the root is unique and how it is bracketed. {@code m(s) = log E|a|^s} is convex (Hoelder), tends to
 * {@code log P(a != 0) <= 0} as {@code s -> 0+}, has slope {@code Lambda = E log|a|} there, and tends to
 * {@code +infinity} when {@code P(|a| > 1) > 0}. The solver works on {@code g(s) = m(s) / s}, which is
 * increasing for such an m (its derivative {@code (s m' - m) / s^2} has a numerator that starts at {@code
 * -m(0+) >= 0} and grows with derivative {@code s m'' >= 0}), tends to Lambda at 0 and has the same positive
 * root as m. Starting at s = 1, s is doubled while {@code g < 0} (up to the cap) or halved while {@code g >= 0},
 * which brackets the root; Brent's method then refines it. Working on g rather than m avoids the spurious root
 * of m at s = 0.
 *
 * <p>Error of alpha. For an exact moment function the root is found to {@code relTol} (default 1e-12). For a
 * Monte Carlo estimate {@code m_hat(s)} with standard error {@code se(s)} the delta method gives {@code
 * stderr(alpha) = se(alpha) / m'(alpha)}, the slope taken by a central difference of the moment function itself
 * (smooth in s because every s uses the same random numbers).
 *
 * <p>The cap. Where {@code |a| > 1} is rare, alpha is large and {@code m(s)} stays negative far out; beyond the
 * cap (default {@value #DEFAULT_CAP}) the solver stops and reports {@link TailIndex.Regime#INDEX_ABOVE_CAP}
 * with the cap as a lower bound. Such tails are light for every practical purpose (the stationary law has
 * all moments below the cap), but unlike {@link TailIndex.Regime#LIGHT_TAIL} they are still power laws, which
 * is why they get a regime of their own.
 */
public final class KestenSolver {
  /** Largest s tried before the index is reported as above the cap. */
  public static final double DEFAULT_CAP = 200;
  /** Relative tolerance of the root for exact moment functions. */
  public static final double DEFAULT_REL_TOL = 1e-12;
  /** Smallest s the bracket search halves down to before it uses {@code g(0) = Lambda}. */
  static final double SMALLEST_START = 0x1p-40;
  /** Relative step of the central difference that gives the slope {@code m'(alpha)} for the stderr. */
  static final double SLOPE_STEP = 1e-4;

  /** {@code s -> log E|a|^s} for {@code s > 0}, with a standard error (0 if exact). */
  @FunctionalInterface
  public interface LogMoment {
    /** {@code log E|a|^s}; its method is ignored. */
    Estimate at(double s);

    /**
     * The relative step {@code delta / alpha} of the central difference for the slope: small for a smooth
     * function, larger for a Monte Carlo estimate whose dependence on s is smooth only on larger scales.
     */
    default double slopeStep() {
      return SLOPE_STEP;
    }
  }

  private KestenSolver() {}

  /** {@link #solve(LogMoment, Estimate, double, double, double, String)} with the default cap and tolerance. */
  public static TailIndex solve(LogMoment logMoment, Estimate lyapunov, double supremum, String method) {
    return solve(logMoment, lyapunov, supremum, DEFAULT_CAP, DEFAULT_REL_TOL, method);
  }

  /**
   * The regime and the tail index.
   *
   * @param logMoment {@code s -> log E|a|^s}
   * @param lyapunov {@code Lambda = E log|a|}; the regime is {@link TailIndex.Regime#NO_STATIONARY_LAW}
   *     unless its value is negative (for a Monte Carlo estimate the decision is that of its value)
   * @param supremum the essential supremum of {@code |a|} (of {@code ||M||} in d dimensions), or an upper
   *     bound of it; {@code +infinity} if unbounded. At most 1 gives {@link TailIndex.Regime#LIGHT_TAIL}.
   * @param cap the largest s tried, {@code >= 1}
   * @param relTol relative tolerance of the root
   * @param method the name recorded in the result
   */
  public static TailIndex solve(LogMoment logMoment, Estimate lyapunov, double supremum, double cap,
      double relTol, String method) {
    if (!(cap >= 1)) {
      throw new IllegalArgumentException("the cap on the tail index must be >= 1: " + cap);
    }
    if (!(relTol > 0)) {
      throw new IllegalArgumentException("the tolerance must be > 0: " + relTol);
    }
    if (!(lyapunov.value() < 0)) {
      return TailIndex.noStationaryLaw(lyapunov, method);
    }
    if (supremum <= 1) {
      return TailIndex.lightTail(lyapunov, method);
    }
    // Bracket the root of the increasing g(s) = m(s) / s between lo (g < 0) and hi (g >= 0).
    double s = 1;
    double g = ratio(logMoment, s);
    double lo;
    double gLo;
    double hi;
    double gHi;
    if (g < 0) {
      lo = s;
      gLo = g;
      while (true) {
        if (s >= cap) {
          return new TailIndex(lyapunov, TailIndex.Regime.INDEX_ABOVE_CAP, cap, Double.NaN, method);
        }
        s = Math.min(2 * s, cap);
        g = ratio(logMoment, s);
        if (g >= 0) {
          hi = s;
          gHi = g;
          break;
        }
        lo = s;
        gLo = g;
      }
    } else {
      hi = s;
      gHi = g;
      lo = Double.NaN;
      gLo = Double.NaN;
      while (s > SMALLEST_START) {
        s *= 0.5;
        g = ratio(logMoment, s);
        if (g < 0) {
          lo = s;
          gLo = g;
          break;
        }
        hi = s;
        gHi = g;
      }
      if (Double.isNaN(lo)) {
        // The root is below 2^-40: use g(0) = Lambda (finite here, since m(s)/s -> -inf otherwise).
        lo = 0;
        gLo = lyapunov.value();
      }
    }
    double alpha = gHi == 0 ? hi : brent(logMoment, lo, gLo, hi, gHi, relTol);
    Estimate atRoot = logMoment.at(alpha);
    double stderr = 0;
    if (atRoot.stderr() > 0) {
      double delta = logMoment.slopeStep() * alpha;
      double slope = (logMoment.at(alpha + delta).value() - logMoment.at(alpha - delta).value()) / (2 * delta);
      stderr = slope > 0 ? atRoot.stderr() / slope : Double.POSITIVE_INFINITY;
    }
    return new TailIndex(lyapunov, TailIndex.Regime.POWER_LAW, alpha, stderr, method);
  }

  /** {@code g(s) = log E|a|^s / s}; +infinity stands for an overflowing moment. */
  private static double ratio(LogMoment logMoment, double s) {
    double m = logMoment.at(s).value();
    if (Double.isNaN(m)) {
      throw new ArithmeticException("the moment function is NaN at s = " + s);
    }
    return m / s;
  }

  /**
   * Brent's zero finder (Brent 1973, ch. 4, "zeroin"): inverse quadratic interpolation or secant steps,
   * falling back to bisection whenever they do not shrink the bracket fast enough, so it never does worse
   * than bisection on a bracketed sign change.
   */
  private static double brent(LogMoment logMoment, double a, double fa, double b, double fb, double relTol) {
    double c = a;
    double fc = fa;
    double d = b - a;
    double e = d;
    for (int iter = 0; iter < 200; iter++) {
      if ((fb > 0) == (fc > 0)) {
        c = a;
        fc = fa;
        d = b - a;
        e = d;
      }
      if (Math.abs(fc) < Math.abs(fb)) {
        a = b;
        b = c;
        c = a;
        fa = fb;
        fb = fc;
        fc = fa;
      }
      double tol = 2 * Math.ulp(1.0) * Math.abs(b) + 0.5 * relTol * Math.abs(b) + Double.MIN_NORMAL;
      double m = 0.5 * (c - b);
      if (Math.abs(m) <= tol || fb == 0) {
        return b;
      }
      if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb) && Double.isFinite(fa) && Double.isFinite(fc)) {
        double s = fb / fa;
        double p;
        double q;
        if (a == c) {
          p = 2 * m * s;
          q = 1 - s;
        } else {
          double qq = fa / fc;
          double r = fb / fc;
          p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
          q = (qq - 1) * (r - 1) * (s - 1);
        }
        if (p > 0) {
          q = -q;
        } else {
          p = -p;
        }
        if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
          e = d;
          d = p / q;
        } else {
          d = m;
          e = m;
        }
      } else {
        d = m;
        e = m;
      }
      a = b;
      fa = fb;
      b += Math.abs(d) > tol ? d : (m > 0 ? tol : -tol);
      fb = ratio(logMoment, b);
    }
    return b;
  }
}
