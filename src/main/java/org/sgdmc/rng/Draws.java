package org.sgdmc.rng;

/**
 * Scalar access to single draws by their coordinates (seed, stream, trajectory, index): the reference that
 * the vectorised fills ({@link VectorDraws}) and every model's scalar twin are held to.
 */
public final class Draws {
  private Draws() {}

  /** The 64-bit draw {@code k} of trajectory {@code traj} in {@code stream} under {@code seed}. */
  public static long bits(long seed, Stream stream, long traj, long k) {
    return bits(seed, stream.id, traj, k);
  }

  static long bits(long seed, int stream, long traj, long k) {
    int[] ctr = new int[4], key = new int[2], out = new int[4];
    StreamLayout.counter(traj, stream, k >>> 1, ctr);
    StreamLayout.key(seed, key);
    Philox4x32.block(ctr, key, out);
    int w = (int) (k & 1) * 2;
    return StreamLayout.join(out[w], out[w + 1]);
  }

  /** Draw {@code k} as a uniform in [0, 1) (see {@link Uniforms#closedOpen(long)}). */
  public static double uniform(long seed, Stream stream, long traj, long k) {
    return Uniforms.closedOpen(bits(seed, stream, traj, k));
  }

  /**
   * Standard normal {@code k} of a trajectory's stream by Box-Muller: normals {@code 2b} and {@code 2b+1}
   * come from draws {@code 2b} (u1, as a uniform in (0, 1]) and {@code 2b+1} (u2, in [0, 1)) as
   * {@code sqrt(-2 ln u1) cos(2 pi u2)} and {@code sqrt(-2 ln u1) sin(2 pi u2)}. Largest magnitude:
   * sqrt(104 ln 2) = 8.49.
   */
  public static double normal(long seed, Stream stream, long traj, long k) {
    long block = k >>> 1;
    double u1 = Uniforms.openClosed(bits(seed, stream, traj, 2 * block));
    double u2 = Uniforms.closedOpen(bits(seed, stream, traj, 2 * block + 1));
    double radius = Math.sqrt(-2.0 * Transcendentals.log(u1));
    return radius * ((k & 1) == 0 ? Transcendentals.cos2pi(u2) : Transcendentals.sin2pi(u2));
  }

  /**
   * The square of standard normal {@code k}, computed as {@code r2 * (c * c)} with {@code r2 = -2 ln u1} and
   * {@code c} the cosine (k even) or sine (k odd) of {@code 2 pi u2}: the square without the square root, so it
   * is both cheaper and one rounding more accurate than squaring {@link #normal}. Two consecutive squares of
   * one block sum to the chi-square(2) variable r2.
   */
  public static double normalSquare(long seed, Stream stream, long traj, long k) {
    long block = k >>> 1;
    double u1 = Uniforms.openClosed(bits(seed, stream, traj, 2 * block));
    double u2 = Uniforms.closedOpen(bits(seed, stream, traj, 2 * block + 1));
    double r2 = -2.0 * Transcendentals.log(u1);
    double c = (k & 1) == 0 ? Transcendentals.cos2pi(u2) : Transcendentals.sin2pi(u2);
    return r2 * (c * c);
  }

  /**
   * Symmetric alpha-stable number {@code k} of a trajectory's stream, law S alpha S(1) (characteristic
   * function exp(-|t|^alpha); see {@link StableShape}), by Chambers-Mallows-Stuck: it uses Philox block k,
   * draws {@code 2k} and {@code 2k+1}, as two uniforms strictly inside (0, 1) ({@link Uniforms#open}).
   *
   * @throws IllegalArgumentException if alpha is not in (0, 2] (see {@link StableShape#of})
   */
  public static double symmetricStable(long seed, Stream stream, long traj, long k, double alpha) {
    return symmetricStable(seed, stream, traj, k, StableShape.of(alpha));
  }

  /** {@link #symmetricStable(long, Stream, long, long, double)} with the constants of alpha already computed. */
  public static double symmetricStable(long seed, Stream stream, long traj, long k, StableShape shape) {
    return symmetricStableFromBits(bits(seed, stream, traj, 2 * k), bits(seed, stream, traj, 2 * k + 1), shape);
  }

  /**
   * The Chambers-Mallows-Stuck draw from two 64-bit draws: with {@code d = Uniforms.open(first) - 1/2}
   * (exact, never 0 and never +-1/2), {@code V = pi d} uniform on (-pi/2, pi/2) and
   * {@code W = -ln Uniforms.open(second)} exponential (never 0, at most 36.8), for beta = 0
   * <pre>
   *   Z = sin(alpha V) / cos(V)^(1/alpha) * (cos((1 - alpha) V) / W)^((1 - alpha)/alpha)
   *     = sin(alpha V) / cos V * r^p,   r = cos((1 - alpha) V) / (W cos V),   p = (1 - alpha)/alpha,
   * </pre>
   * the second form with one power instead of two, and without a branch for any alpha in (0, 2]: p = 0 at
   * alpha = 1 makes r^p = exp(0 * ln r) = 1 exactly (r is finite and positive, as every factor of it is), so
   * Z = tan V, Cauchy; p = -1/2 at alpha = 2 gives Z = 2 sqrt(W) sin V, N(0, 2), up to a few roundings.
   *
   * <p>The angles go through {@link Transcendentals#sinPiProduct}/{@link Transcendentals#cosPiProduct}, whose
   * argument reduction keeps full relative accuracy next to the poles and zeros (cos V near V = +-pi/2,
   * sin(alpha V) near alpha V = +-pi as alpha nears 2), and the power through {@link Transcendentals#pow}.
   * Error against the exact formula at these two uniforms: below 16 + 16 |p| + 4 |p ln r| ulp (a priori):
   * measured at most 4 ulp for alpha >= 1 and |p ln r| < 1, the bulk of the law; more in the far tail, where
   * the power's argument p ln r is large and exp turns its last-bit error into a relative one (52 ulp,
   * 1.2e-14, at alpha = 1.95 and the most extreme corner of the uniforms). The draw is exactly odd in d: the
   * uniform {@code 1 - U1} (from {@code ~first}) gives exactly {@code -Z}. Never NaN; below alpha = 0.093 the
   * most extreme draws overflow to +-infinity, as the exact ones would.
   */
  public static double symmetricStableFromBits(long first, long second, StableShape shape) {
    double d = Uniforms.open(first) - 0.5;
    double w = -Transcendentals.log(Uniforms.open(second));
    double cosV = Transcendentals.cosPiProduct(1.0, d);
    double cosRest = Transcendentals.cosPiProduct(shape.oneMinusAlpha, d);
    double power = Transcendentals.pow(cosRest / (w * cosV), shape.exponent);
    return Transcendentals.sinPiProduct(shape.alpha, d) / cosV * power;
  }

  /**
   * Draw {@code k} as an index uniform in {@code [0, n)}: the high 64 bits of the 128-bit product of the draw
   * and {@code n} (Lemire's multiply-shift without the rejection step; the bias is below n / 2^64).
   */
  public static long index(long bits, long n) {
    return Math.unsignedMultiplyHigh(bits, n);
  }
}
