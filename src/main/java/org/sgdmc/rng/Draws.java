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
   * Draw {@code k} as an index uniform in {@code [0, n)}: the high 64 bits of the 128-bit product of the draw
   * and {@code n} (Lemire's multiply-shift without the rejection step; the bias is below n / 2^64).
   */
  public static long index(long bits, long n) {
    return Math.unsignedMultiplyHigh(bits, n);
  }
}
