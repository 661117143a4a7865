package org.sgdmc.theory;

import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;

/**
 * Two independent quadrature rules on a finite interval, one to compute with and one to check it.
 *
 * <ul>
 *   <li>{@link #tanhSinh}: double-exponential (tanh-sinh) quadrature of Takahasi and Mori (1974). The
 *       substitution {@code x = tanh((pi/2) sinh t)} maps [-1, 1] onto the real line and makes the
 *       transformed integrand decay double-exponentially, so integrable endpoint singularities (here
 *       {@code q^-1/2} and {@code log|q - c|}) cost nothing extra: the error roughly squares each time the
 *       step halves. The integrand receives the distances to both ends, each computed without
 *       cancellation ({@code L / (1 + e^(+-2s))}), so a singular factor can be evaluated at distances far
 *       below the ulp of the endpoint.
 *   <li>{@link #adaptiveGaussLegendre}: globally adaptive bisection with a 20-point Gauss-Legendre rule
 *       whose nodes are computed here by Newton's method on the Legendre recurrence. It has no endpoint
 *       nodes and resolves singularities by subdivision alone, so it fails differently from tanh-sinh.
 * </ul>
 */
public final class Quadrature {
  /** What a quadrature returns: the value, an error estimate, and the number of integrand calls. */
  public record Result(double value, double errorEstimate, int evaluations) {}

  /** An integrand on [a, b] that is given the point as its distances to a and to b. */
  @FunctionalInterface
  public interface EndpointIntegrand {
    /**
     * The integrand at the point {@code a + fromLeft = b - fromRight}.
     *
     * @param fromLeft the distance to a, accurate to a few ulps of itself
     * @param fromRight the distance to b, accurate to a few ulps of itself
     */
    double value(double fromLeft, double fromRight);
  }

  /** The weight of the node t = 0 on a unit interval: (pi/4) cosh 0 sech^2 0. */
  private static final double WEIGHT_AT_ZERO = 0.25 * Math.PI;
  /** Largest |t| used: distances to the ends reach L e^(-2 (pi/2) sinh 4.5) = L * 5e-62. */
  private static final double T_MAX = 4.5;
  /** Step halvings beyond h = 1: the finest step is 2^-10. */
  static final int MAX_LEVEL = 10;
  /** Levels always taken before convergence is judged: h = 1/8 resolves the bulk of a smooth piece. */
  private static final int MIN_LEVEL = 3;
  /** Per level: the nodes t > 0 new at that level, as fractions of L towards the nearer end and weights. */
  private static final double[][] NEAR_FRACTION = new double[MAX_LEVEL + 1][];
  private static final double[][] FAR_FRACTION = new double[MAX_LEVEL + 1][];
  private static final double[][] WEIGHT = new double[MAX_LEVEL + 1][];

  static {
    for (int level = 0; level <= MAX_LEVEL; level++) {
      double h = Math.scalb(1.0, -level);
      // level 0 holds t = 1, 2, ...; later levels the odd multiples of h (t = 0 is handled on its own)
      int stride = level == 0 ? 1 : 2;
      int count = 0;
      for (int j = 1; j * h <= T_MAX; j += stride) {
        count++;
      }
      double[] near = new double[count];
      double[] far = new double[count];
      double[] weight = new double[count];
      int i = 0;
      for (int j = 1; j * h <= T_MAX; j += stride) {
        double t = j * h;
        double s = 0.5 * Math.PI * Math.sinh(t);
        double e = Math.exp(-2.0 * s);
        near[i] = e / (1.0 + e);
        far[i] = 1.0 / (1.0 + e);
        // dx/dt / 2 for x in [-1, 1] mapped to a unit interval: (pi/4) cosh t sech^2 s
        weight[i] = 0.25 * Math.PI * Math.cosh(t) * 4.0 * e / ((1.0 + e) * (1.0 + e));
        i++;
      }
      NEAR_FRACTION[level] = near;
      FAR_FRACTION[level] = far;
      WEIGHT[level] = weight;
    }
  }

  private Quadrature() {}

  /**
   * Tanh-sinh quadrature of {@code f} over [a, b], halving the step until two successive levels agree to
   * {@code max(absTol, relTol |I|)} (after at least three halvings) or {@link #MAX_LEVEL} is reached. The
   * error estimate is the last difference, which overstates the error of the returned finer value.
   * Integrand values that are not finite at points within {@code 1e-300} of an end are skipped: there
   * the weight is below any double and only an integrable singularity can make the value infinite.
   */
  public static Result tanhSinh(EndpointIntegrand f, double a, double b, double absTol, double relTol) {
    double length = b - a;
    if (!(length >= 0) || !Double.isFinite(length)) {
      throw new IllegalArgumentException("need a finite interval with a <= b: [" + a + ", " + b + "]");
    }
    if (length == 0) {
      return new Result(0.0, 0.0, 0);
    }
    int evaluations = 1;
    double sum = WEIGHT_AT_ZERO * f.value(0.5 * length, 0.5 * length) + levelSum(f, length, 0);
    evaluations += 2 * NEAR_FRACTION[0].length;
    double previous = length * sum;
    double error = Double.POSITIVE_INFINITY;
    for (int level = 1; level <= MAX_LEVEL; level++) {
      double h = Math.scalb(1.0, -level);
      sum += levelSum(f, length, level);
      evaluations += 2 * NEAR_FRACTION[level].length;
      double current = length * h * sum;
      error = Math.abs(current - previous);
      previous = current;
      if (level >= MIN_LEVEL && error <= Math.max(absTol, relTol * Math.abs(current))) {
        break;
      }
    }
    return new Result(previous, error, evaluations);
  }

  private static double levelSum(EndpointIntegrand f, double length, int level) {
    double[] near = NEAR_FRACTION[level];
    double[] far = FAR_FRACTION[level];
    double[] weight = WEIGHT[level];
    double sum = 0.0;
    for (int i = 0; i < near.length; i++) {
      double dNear = length * near[i];
      double dFar = length * far[i];
      double nearLeft = finiteOrZero(f.value(dNear, dFar), dNear);
      double nearRight = finiteOrZero(f.value(dFar, dNear), dNear);
      sum += weight[i] * (nearLeft + nearRight);
    }
    return sum;
  }

  private static double finiteOrZero(double value, double distanceToEnd) {
    return Double.isFinite(value) || distanceToEnd >= 1e-300 ? value : 0.0;
  }

  // ---------------------------------------------------------------------------------------------------
  // Adaptive Gauss-Legendre

  /** Points of the Gauss-Legendre rule used by {@link #adaptiveGaussLegendre}. */
  static final int GL_POINTS = 20;
  /** Nodes in (0, 1) of the symmetric rule on [-1, 1] (the rule has no node at 0 for even order). */
  private static final double[] GL_NODE = new double[GL_POINTS / 2];
  private static final double[] GL_WEIGHT = new double[GL_POINTS / 2];

  static {
    int n = GL_POINTS;
    for (int i = 0; i < n / 2; i++) {
      // Tricomi's initial guess for the i-th largest root, then Newton on P_n.
      double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double derivative = 0;
      for (int iter = 0; iter < 100; iter++) {
        double p0 = 1.0;
        double p1 = x;
        for (int k = 2; k <= n; k++) {
          double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        derivative = n * (x * p1 - p0) / (x * x - 1.0);
        double step = p1 / derivative;
        x -= step;
        if (Math.abs(step) < 1e-17) {
          break;
        }
      }
      GL_NODE[i] = x;
      GL_WEIGHT[i] = 2.0 / ((1.0 - x * x) * derivative * derivative);
    }
  }

  /** The {@link #GL_POINTS}-point Gauss-Legendre estimate of the integral over [a, b]. */
  static double gaussLegendre(DoubleUnaryOperator f, double a, double b) {
    double mid = 0.5 * (a + b);
    double half = 0.5 * (b - a);
    double sum = 0.0;
    for (int i = 0; i < GL_NODE.length; i++) {
      double dx = half * GL_NODE[i];
      sum += GL_WEIGHT[i] * (f.applyAsDouble(mid - dx) + f.applyAsDouble(mid + dx));
    }
    return half * sum;
  }

  private record Piece(double a, double b, double value, double error) {}

  /**
   * Globally adaptive Gauss-Legendre quadrature over [a, b]: each piece is estimated by the rule on its two
   * halves, with error |whole - halves|; the piece with the largest error is bisected until the total error
   * is below {@code absTol} or {@code maxPieces} pieces exist.
   */
  public static Result adaptiveGaussLegendre(DoubleUnaryOperator f, double a, double b, double absTol,
      int maxPieces) {
    if (!(b >= a) || !Double.isFinite(b - a)) {
      throw new IllegalArgumentException("need a finite interval with a <= b: [" + a + ", " + b + "]");
    }
    int[] evaluations = {0};
    DoubleUnaryOperator counted = x -> {
      evaluations[0]++;
      return f.applyAsDouble(x);
    };
    PriorityQueue<Piece> queue = new PriorityQueue<>((p, q) -> Double.compare(q.error, p.error));
    Piece root = piece(counted, a, b, gaussLegendre(counted, a, b));
    queue.add(root);
    double totalError = root.error;
    while (totalError > absTol && queue.size() < maxPieces) {
      Piece worst = queue.poll();
      double mid = 0.5 * (worst.a + worst.b);
      if (!(mid > worst.a && mid < worst.b)) {
        queue.add(worst);
        break;
      }
      Piece left = piece(counted, worst.a, mid, Double.NaN);
      Piece right = piece(counted, mid, worst.b, Double.NaN);
      queue.add(left);
      queue.add(right);
      totalError += left.error + right.error - worst.error;
    }
    // Re-sum to shed the rounding of the running updates.
    double value = 0.0;
    double error = 0.0;
    for (Piece p : queue) {
      value += p.value;
      error += p.error;
    }
    return new Result(value, error, evaluations[0]);
  }

  private static Piece piece(DoubleUnaryOperator f, double a, double b, double whole) {
    double w = Double.isNaN(whole) ? gaussLegendre(f, a, b) : whole;
    double mid = 0.5 * (a + b);
    double halves = gaussLegendre(f, a, mid) + gaussLegendre(f, mid, b);
    return new Piece(a, b, halves, Math.abs(halves - w));
  }
}
