package org.sgdmc.rng;

/**
 * The logarithm and the quarter-turn sine and cosine kernels in single precision, for the single-precision
 * draws ({@link SingleDraws}); {@link VectorSingleTranscendentals} is the lane-wise twin with the same IEEE
 * operations in the same order, so the two agree bit for bit.
 *
 * <p>{@link #log} is the float logarithm of FreeBSD's {@code e_logf.c} as musl's {@code logf} writes it: the
 * mantissa reduced to about [sqrt(2)/2, sqrt(2)), s = f/(2+f), and a four-term Remez polynomial in s^2 (its
 * coefficients and the split of ln 2 are theirs). The kernels use the Taylor coefficients of sin and cos, one
 * term past what float precision needs on |x| <= pi/4, in Horner form with fma. The tests measure the errors
 * against the double-precision functions, every float in the uniforms' range: log within 1 ulp, the kernels
 * within 1 ulp (pinned there).
 */
public final class SingleTranscendentals {
  static final float LN2_HI = 6.9313812256e-01f; // 0x3f317180: k * LN2_HI exact for |k| < 2^8
  static final float LN2_LO = 9.0580006145e-06f; // 0x3717f7d1
  static final float LG1 = 0.66666662693f; // 0xaaaaaa.0p-24
  static final float LG2 = 0.40000972152f; // 0xccce13.0p-25
  static final float LG3 = 0.28498786688f; // 0x91e9ee.0p-25
  static final float LG4 = 0.24279078841f; // 0xf89e26.0p-26
  /** Moves the mantissa of x so that the exponent field rolls over where the mantissa reaches sqrt(2). */
  static final int SQRT_HALF_BITS = 0x3f3504f3;
  static final int ONE_BITS = 0x3f800000;
  static final int MANTISSA = 0x007fffff;
  /** 1.5 * 2^23: adding it rounds a float of magnitude < 2^22 to an integer held in the low mantissa bits. */
  static final float ROUNDER = 0x1.8p23f;
  static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
  /** pi/2 rounded to float. */
  static final float HALF_PI = 1.5707964f;
  // sin x = x + x^3 (S1 + S2 x^2 + S3 x^4 + S4 x^6), cos x = 1 + x^2 (C1 + ... + C5 x^8): Taylor's terms
  static final float S1 = (float) (-1.0 / 6);
  static final float S2 = (float) (1.0 / 120);
  static final float S3 = (float) (-1.0 / 5040);
  static final float S4 = (float) (1.0 / 362880);
  static final float C1 = -0.5f;
  static final float C2 = (float) (1.0 / 24);
  static final float C3 = (float) (-1.0 / 720);
  static final float C4 = (float) (1.0 / 40320);
  static final float C5 = (float) (-1.0 / 3628800);

  private SingleTranscendentals() {}

  /** Natural logarithm of a finite positive normal float {@code x}; within 1 ulp. */
  public static float log(float x) {
    int ix = Float.floatToRawIntBits(x) + (ONE_BITS - SQRT_HALF_BITS);
    int k = (ix >> 23) - 0x7f;
    float m = Float.intBitsToFloat((ix & MANTISSA) + SQRT_HALF_BITS);
    float dk = Float.intBitsToFloat(k + ROUNDER_BITS) - ROUNDER;
    float f = m - 1.0f;
    float s = f / (2.0f + f);
    float z = s * s;
    float w = z * z;
    float t1 = w * (LG2 + w * LG4);
    float t2 = z * (LG1 + w * LG3);
    float r = t2 + t1;
    float hfsq = 0.5f * f * f;
    return s * (hfsq + r) + dk * LN2_LO - hfsq + f + dk * LN2_HI;
  }

  /** sin x for |x| <= pi/4. */
  public static float sinKernel(float x) {
    float z = x * x;
    float p = Math.fma(z, Math.fma(z, Math.fma(z, S4, S3), S2), S1);
    return Math.fma(x * z, p, x);
  }

  /** cos x for |x| <= pi/4. */
  public static float cosKernel(float x) {
    float z = x * x;
    float p = Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, C5, C4), C3), C2), C1);
    return Math.fma(z, p, 1.0f);
  }

  /** rint(4u), the quarter turn nearest to the turn fraction u in [0, 1), as a float held exactly. */
  public static float quarter(float u) {
    return (u * 4.0f + ROUNDER) - ROUNDER;
  }

  /** The angle of u in [0, 1) from its nearest quarter turn, in radians: within [-pi/4, pi/4]. */
  public static float fromQuarter(float u, float quarter) {
    return (u * 4.0f - quarter) * HALF_PI;
  }
}
