package org.sgdmc.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code log int_lo^hi exp(phi(x)) dx} for a log-integrand phi with one peak on the interval: the moments
 * {@code E|a|^s} of the tail-index theory, which for large s are far beyond the double range and sit far out
 * in the tail of the data's density.
 *
 * <p>The method: the integrand is scaled by {@code exp(-phi(mode))}, so it is 1 at its peak and nothing
 * overflows. Breakpoints are placed at {@code mode +- w 2^j} (j = 0, 1, 2, ...) with w the width of the peak
 * on that side, so the first pieces resolve the peak and later ones grow geometrically into the tails. Towards
 * an end, the pieces stop once phi has dropped by {@value #DROP} below the peak and is still falling (for a
 * concave phi the rest is below {@code e^-60} of the peak times a modest factor); an end where the integrand
 * may rise again (an integrable singularity such as {@code q^(-1/2)}) is walked to. Pieces that touch an end
 * of the interval are integrated by tanh-sinh ({@link Quadrature#tanhSinh}), which handles endpoint
 * singularities and zeros such as {@code |q - 1/lr|^s}; interior pieces by a 20-point Gauss-Legendre rule
 * checked against the same rule on its two halves (60 evaluations, far fewer than tanh-sinh needs), with
 * tanh-sinh as the fallback when that check fails.
 *
 * <p>Peak and widths come either from the caller (closed forms: the modes of the chi-square moment
 * integrands are roots of quadratics) or from {@link #locate}, a golden-section search followed by a
 * bisection for where phi has dropped by 1/2 on each side.
 */
final class PeakQuadrature {
  /** Drop of phi below its peak beyond which a falling tail is cut: e^-60 = 9e-27. */
  static final double DROP = 60;
  /** Doublings of the step from the peak before giving up on reaching a cut. */
  private static final int MAX_DOUBLINGS = 1100;

  /** Where phi peaks and how wide the peak is on either side (positive and finite). */
  record Peak(double mode, double leftWidth, double rightWidth) {}

  /**
   * {@code log} of an integral, with the sum of the pieces' error estimates relative to the integral, and
   * the number of integrand evaluations.
   */
  record LogValue(double log, double relativeError, int evaluations) {
    static final LogValue ZERO = new LogValue(Double.NEGATIVE_INFINITY, 0, 0);

    /** {@code log(e^this + e^other)}, with the errors combined. */
    LogValue plus(LogValue other) {
      if (other.log == Double.NEGATIVE_INFINITY) {
        return new LogValue(log, relativeError, evaluations + other.evaluations);
      }
      if (log == Double.NEGATIVE_INFINITY) {
        return new LogValue(other.log, other.relativeError, evaluations + other.evaluations);
      }
      double top = Math.max(log, other.log);
      double wa = Math.exp(log - top);
      double wb = Math.exp(other.log - top);
      double total = wa + wb;
      return new LogValue(top + Math.log(total), (wa * relativeError + wb * other.relativeError) / total,
          evaluations + other.evaluations);
    }
  }

  private PeakQuadrature() {}

  /**
   * {@code log int_lo^hi exp(phi)} for phi with its single peak described by {@code peak}.
   *
   * @param phi the log-integrand; may be {@code -infinity} (integrand 0) and {@code +infinity} only at lo
   * @param lo finite lower end
   * @param hi upper end, {@code > lo}, may be {@code +infinity}
   * @param walkToLo whether the pieces must reach lo even after phi has dropped (phi may rise again there)
   * @param relTol relative tolerance of the integral
   */
  static LogValue integrate(DoubleUnaryOperator phi, double lo, double hi, Peak peak, boolean walkToLo,
      double relTol) {
    return integrate(phi, lo, hi, peak, walkToLo, false, relTol);
  }

  /**
   * As {@link #integrate(DoubleUnaryOperator, double, double, Peak, boolean, double)}; with {@code smoothEnds}
   * the pieces at the ends also try Gauss-Legendre first (for integrands without singularities at the ends:
   * the check against the halves sends a piece with a near-singularity to tanh-sinh anyway).
   */
  static LogValue integrate(DoubleUnaryOperator phi, double lo, double hi, Peak peak, boolean walkToLo,
      boolean smoothEnds, double relTol) {
    Scaled r = scaledIntegral(phi, null, lo, hi, peak, walkToLo, smoothEnds, relTol, 0);
    if (!(r.sum > 0)) {
      return new LogValue(Double.NEGATIVE_INFINITY, 0, r.evaluations);
    }
    return new LogValue(r.reference + Math.log(r.sum), r.error / r.sum, r.evaluations);
  }

  /**
   * {@code int_lo^hi exp(logWeight) g} with the pieces of {@link #integrate} for the weight, for a g of
   * moderate size that may change sign (an expected logarithm). The tolerance is relative to {@code gScale}
   * times the weight's mass, not to the result, which may be near 0.
   */
  static Quadrature.Result integrateProduct(DoubleUnaryOperator logWeight, DoubleUnaryOperator g, double lo,
      double hi, Peak peak, boolean walkToLo, double relTol, double gScale) {
    Scaled r = scaledIntegral(logWeight, g, lo, hi, peak, walkToLo, false, relTol, gScale);
    double scale = Math.exp(r.reference);
    return new Quadrature.Result(scale * r.sum, scale * r.error, r.evaluations);
  }

  /** {@code exp(reference) (sum +- error)} is the integral. */
  private record Scaled(double reference, double sum, double error, int evaluations) {}

  private static Scaled scaledIntegral(DoubleUnaryOperator phi, DoubleUnaryOperator g, double lo, double hi,
      Peak peak, boolean walkToLo, boolean smoothEnds, double relTol, double gScale) {
    double mode = Math.min(Math.max(peak.mode(), lo), hi);
    double reference = phi.applyAsDouble(mode);
    if (!Double.isFinite(reference)) {
      // a singular end at the mode: scale by a point half a width inside
      double span = hi - lo;
      double inside = mode == hi ? mode - 0.5 * Math.min(peak.leftWidth(), span)
          : mode + 0.5 * Math.min(peak.rightWidth(), span);
      reference = phi.applyAsDouble(inside);
    }
    if (!Double.isFinite(reference)) {
      throw new ArithmeticException("log-integrand not finite near its peak at " + mode + ": " + reference);
    }
    double ref = reference;
    DoubleUnaryOperator scaled = g == null
        ? x -> Math.exp(phi.applyAsDouble(x) - ref)
        : x -> {
          double w = Math.exp(phi.applyAsDouble(x) - ref);
          return w == 0 ? 0.0 : w * g.applyAsDouble(x);
        };
    List<Double> right = side(phi, mode, hi, peak.rightWidth(), ref, false, +1);
    List<Double> left = side(phi, mode, lo, peak.leftWidth(), ref, walkToLo, -1);
    // Integrate from the peak outwards, so that every later piece can be judged against the sum so far.
    double floor = g == null ? 0 : relTol * gScale * Math.min(peak.leftWidth(), peak.rightWidth());
    double sum = 0;
    double magnitude = 0;
    double error = 0;
    int evaluations = 0;
    int n = Math.max(right.size(), left.size());
    for (int i = 1; i < n; i++) {
      for (List<Double> breaks : List.of(right, left)) {
        if (i < breaks.size()) {
          double a = Math.min(breaks.get(i - 1), breaks.get(i));
          double b = Math.max(breaks.get(i - 1), breaks.get(i));
          boolean atEnd = !smoothEnds && (a == lo || b == hi);
          double absTol = Math.max(floor, relTol * magnitude);
          Quadrature.Result r = piece(scaled, a, b, atEnd, absTol, relTol);
          sum += r.value();
          magnitude += Math.abs(r.value());
          error += r.errorEstimate();
          evaluations += r.evaluations();
        }
      }
    }
    return new Scaled(ref, sum, error, evaluations);
  }

  /** The breakpoints from the mode towards one end (direction +1 or -1), the mode first. */
  private static List<Double> side(DoubleUnaryOperator phi, double mode, double end, double width, double ref,
      boolean walkToEnd, int direction) {
    List<Double> breaks = new ArrayList<>();
    breaks.add(mode);
    if (mode == end) {
      return breaks;
    }
    if (!(width > 0) || !Double.isFinite(width)) {
      throw new IllegalArgumentException("peak width must be finite and > 0: " + width);
    }
    double previous = Double.POSITIVE_INFINITY;
    for (int j = 0; j < MAX_DOUBLINGS; j++) {
      double x = mode + direction * Math.scalb(width, j);
      if (direction > 0 ? x >= end : x <= end) {
        breaks.add(end);
        return breaks;
      }
      breaks.add(x);
      double value = phi.applyAsDouble(x);
      if (!walkToEnd && value < ref - DROP && value <= previous) {
        return breaks;
      }
      previous = value;
    }
    throw new ArithmeticException("the integrand does not fall off towards " + end + " from its peak at " + mode);
  }

  private static Quadrature.Result piece(DoubleUnaryOperator f, double a, double b, boolean atEnd,
      double absTol, double relTol) {
    if (!atEnd) {
      double whole = Quadrature.gaussLegendre(f, a, b);
      double mid = 0.5 * (a + b);
      double halves = Quadrature.gaussLegendre(f, a, mid) + Quadrature.gaussLegendre(f, mid, b);
      double err = Math.abs(whole - halves);
      if (err <= Math.max(absTol, relTol * Math.abs(halves))) {
        return new Quadrature.Result(halves, err, 3 * Quadrature.GL_POINTS);
      }
    }
    Quadrature.Result r = Quadrature.tanhSinh((fromLeft, fromRight) ->
        f.applyAsDouble(fromLeft <= fromRight ? a + fromLeft : b - fromRight), a, b, absTol, relTol);
    return atEnd ? r : new Quadrature.Result(r.value(), r.errorEstimate(), r.evaluations() + 3 * Quadrature.GL_POINTS);
  }

  // ---------------------------------------------------------------------------------------------------
  // Locating a peak numerically

  /** Golden ratio conjugate, (sqrt 5 - 1) / 2. */
  private static final double GOLDEN = 0.6180339887498949;

  /**
   * The peak of a unimodal phi on [lo, hi] ({@code hi} may be infinite) and its half-widths: golden-section
   * search for the maximum, started from a bracket found by stepping out from {@code guess}; then, on each
   * side, bisection for the point where phi is 1/2 below its maximum (or the end, if phi never drops that
   * far). {@code scale} is the first step of the bracket search. Cost: about 100 evaluations of phi. Needs a
   * finite phi at the peak (substitute away integrable singularities first, e.g. {@code q = t^2}).
   */
  static Peak locate(DoubleUnaryOperator phi, double lo, double hi, double guess, double scale) {
    double x0 = Math.min(Math.max(guess, lo), hi);
    double f0 = phi.applyAsDouble(x0);
    // bracket: step right from x0 until phi falls below f0 - 1 (or the end), likewise left
    double right = hi;
    double step = scale;
    for (int j = 0; j < MAX_DOUBLINGS && x0 + step < hi; j++, step *= 2) {
      double x = x0 + step;
      double f = phi.applyAsDouble(x);
      if (f > f0) {
        x0 = x;
        f0 = f;
        step = scale / 2;
      } else if (f < f0 - 1) {
        right = x;
        break;
      }
    }
    if (right == Double.POSITIVE_INFINITY) {
      throw new ArithmeticException("no peak found to the right of " + x0);
    }
    double left = lo;
    step = scale;
    for (int j = 0; j < MAX_DOUBLINGS && x0 - step > lo; j++, step *= 2) {
      double x = x0 - step;
      double f = phi.applyAsDouble(x);
      if (f > f0) {
        x0 = x;
        f0 = f;
        step = scale / 2;
      } else if (f < f0 - 1) {
        left = x;
        break;
      }
    }
    double mode = goldenSection(phi, left, right);
    double top = phi.applyAsDouble(mode);
    if (!Double.isFinite(top)) {
      throw new ArithmeticException("log-integrand not finite at its peak " + mode + ": " + top);
    }
    double wl = halfDrop(phi, mode, top, left);
    double wr = halfDrop(phi, mode, top, right);
    double fallback = Math.max(wl, wr) > 0 ? Math.max(wl, wr) : Math.min(scale, right - left);
    return new Peak(mode, wl > 0 ? wl : fallback, wr > 0 ? wr : fallback);
  }

  /** The maximum of a unimodal phi on [a, b] by golden section, to 1e-4 of the bracket (enough to place pieces). */
  private static double goldenSection(DoubleUnaryOperator phi, double a, double b) {
    double c = b - GOLDEN * (b - a);
    double d = a + GOLDEN * (b - a);
    double fc = phi.applyAsDouble(c);
    double fd = phi.applyAsDouble(d);
    double width = b - a;
    for (int i = 0; i < 200 && b - a > 1e-4 * width && b - a > 4 * Math.ulp(Math.abs(a) + Math.abs(b)); i++) {
      if (fc >= fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - GOLDEN * (b - a);
        fc = phi.applyAsDouble(c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + GOLDEN * (b - a);
        fd = phi.applyAsDouble(d);
      }
    }
    return fc >= fd ? c : d;
  }

  /** The distance from the mode to where phi = top - 1/2 between the mode and {@code end}, to 1e-3. */
  private static double halfDrop(DoubleUnaryOperator phi, double mode, double top, double end) {
    double span = Math.abs(end - mode);
    if (span == 0) {
      return 0;
    }
    if (phi.applyAsDouble(end) >= top - 0.5) {
      return span;
    }
    double a = 0;
    double b = span;
    double sign = Math.signum(end - mode);
    for (int i = 0; i < 60 && b - a > 1e-3 * b; i++) {
      double m = 0.5 * (a + b);
      if (phi.applyAsDouble(mode + sign * m) >= top - 0.5) {
        a = m;
      } else {
        b = m;
      }
    }
    return 0.5 * (a + b);
  }
}
