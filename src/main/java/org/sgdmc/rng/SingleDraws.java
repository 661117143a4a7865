package org.sgdmc.rng;

import static org.sgdmc.rng.SingleTranscendentals.cosKernel;
import static org.sgdmc.rng.SingleTranscendentals.fromQuarter;
import static org.sgdmc.rng.SingleTranscendentals.quarter;
import static org.sgdmc.rng.SingleTranscendentals.sinKernel;

/**
 * Single-precision draws: every 32-bit Philox word is one float uniform, so a block of four words gives two
 * Box-Muller pairs, four normals, where the double-precision draws ({@link Draws}) get two. Normal {@code k}
 * of a trajectory comes from block {@code k / 4}: words 0 and 1 give normals 4b and 4b+1 (the cosine and the
 * sine), words 2 and 3 give 4b+2 and 4b+3. These are other numbers than the double draws of the same
 * coordinates, not the same numbers rounded.
 *
 * <p>What single precision costs: the uniforms have 23 bits, so no normal exceeds sqrt(46 ln 2) = 5.65 in
 * magnitude (the double draws reach 8.49; a standard normal exceeds 5.65 with probability 1.6e-8), and each
 * value carries the float functions' few-ulp error (measured in the tests). {@link #normalSquareInDouble}
 * evaluates the same words in double precision: the reference for the arithmetic error alone.
 */
public final class SingleDraws {
  /** The largest |normal| a single-precision draw can give: sqrt(-2 ln 2^-23). */
  public static final double MAX_NORMAL = Math.sqrt(46 * Math.log(2));

  private SingleDraws() {}

  /** A uniform in [0, 1) from the top 23 bits of {@code word}: k 2^-23, exact. */
  public static float closedOpen(int word) {
    return Float.intBitsToFloat((word >>> 9) | SingleTranscendentals.ONE_BITS) - 1.0f;
  }

  /** A uniform in (0, 1] from the top 23 bits of {@code word}: (2^23 - k) 2^-23, exact; safe for the logarithm. */
  public static float openClosed(int word) {
    return 2.0f - Float.intBitsToFloat((word >>> 9) | SingleTranscendentals.ONE_BITS);
  }

  /**
   * The square of single-precision normal {@code k} of a trajectory's stream: the float r2 (c c), with
   * r2 = -2 ln u1 and c the cosine (k even) or the sine (k odd) of 2 pi u2, widened to double and passed through
   * {@link #offPowersOfTwo}.
   */
  public static double normalSquare(long seed, Stream stream, long traj, long k) {
    int[] w = words(seed, stream.id, traj, k >>> 2);
    int pair = (int) (k >>> 1) & 1;
    return offPowersOfTwo(square(w[2 * pair], w[2 * pair + 1], (k & 1) == 1));
  }

  /**
   * {@code q}, or the next double up where q is an exact power of two. Why: the step factor fma(q, -lr, 1) is
   * exactly 0 only where lr q = 1 exactly, and for two doubles that needs both to be powers of two (1/q is a
   * double only then). Float draws make that likely where lr is one: with lr = 0.5, x^2 = 2 has probability
   * about 1e-8 a draw on the float grid, and one such step sends a trajectory to w* and the ensemble's
   * Lyapunov exponent to -inf, an artefact double draws meet with probability about 1e-16. Applied to every
   * single-precision square and batch mean, it moves q by one double ulp with probability about 1e-8 and
   * never lets a step be exactly 0.
   */
  public static double offPowersOfTwo(double q) {
    long bits = Double.doubleToRawLongBits(q);
    boolean powerOfTwo = (bits & MANTISSA) == 0 && (bits & EXPONENT) != 0;
    return powerOfTwo ? Double.longBitsToDouble(bits + 1) : q;
  }

  /** The mantissa field of a double. */
  static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
  /** The exponent field of a double. */
  static final long EXPONENT = 0x7FF0_0000_0000_0000L;

  /** The square of the normal from the words {@code w1} (the radius) and {@code w2} (the angle). */
  public static float square(int w1, int w2, boolean sine) {
    float r2 = -2.0f * SingleTranscendentals.log(openClosed(w1));
    float u2 = closedOpen(w2);
    float q = quarter(u2);
    float x = fromQuarter(u2, q);
    boolean odd = (((int) q) & 1) == 1;
    // cos(2 pi u) is the cosine kernel in even quarters and +-the sine kernel in odd ones; squares lose the sign
    float c = sine == odd ? cosKernel(x) : sinKernel(x);
    return r2 * (c * c);
  }

  /** What {@link #normalSquare} approximates: the same words through the double-precision functions, not shifted. */
  public static double normalSquareInDouble(long seed, Stream stream, long traj, long k) {
    int[] w = words(seed, stream.id, traj, k >>> 2);
    int pair = (int) (k >>> 1) & 1;
    double r2 = -2.0 * Math.log(openClosed(w[2 * pair]));
    double angle = 2 * Math.PI * closedOpen(w[2 * pair + 1]);
    double c = (k & 1) == 0 ? Math.cos(angle) : Math.sin(angle);
    return r2 * c * c;
  }

  /** The four words of block {@code block} of a trajectory's stream. */
  static int[] words(long seed, int stream, long traj, long block) {
    int[] ctr = new int[4], key = new int[2], out = new int[4];
    StreamLayout.counter(traj, stream, block, ctr);
    StreamLayout.key(seed, key);
    Philox4x32.block(ctr, key, out);
    return out;
  }
}
