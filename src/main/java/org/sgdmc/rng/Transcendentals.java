package org.sgdmc.rng;

/**
 * The logarithm and the sine and cosine of a fraction of a turn, written twice with the same sequence of
 * IEEE operations: once on {@code double} here, once on {@code DoubleVector} in {@link VectorTranscendentals}. Because every step is a correctly
 * rounded add, multiply, divide or {@code fma} (Java never contracts {@code a*b+c} on its own, so each fma is written out in both twins, and the
 * polynomials use fma for Horner's steps: half the operations and one rounding per step), the two
 * twins agree bit for bit, at every vector width, which the Vector API's own LOG/SIN/COS (SVML stubs that
 * differ by shape and platform) cannot promise. That is what keeps a file reproducible when it is rerun on
 * another CPU, and it is no slower: the polynomials inline into the kernels.
 *
 * <p>Accuracy: {@link #log} is fdlibm's {@code e_log.c} algorithm (reduction of the mantissa to about [sqrt(2)/2, sqrt(2)), the
 * switch at 0x1.6a09cp0 just below sqrt(2),
 * Remez polynomial in s = f/(2+f)), within 1 ulp of the exact result. {@link #sin2pi}/{@link #cos2pi} reduce
 * a turn fraction u in [0, 1) exactly to a quarter turn plus r in [-1/8, 1/8] turn and use fdlibm's
 * kernel sin/cos polynomials on |x| <= pi/4; within 2 ulp (the tests measure and pin both bounds).
 * Domains: {@code log} takes finite positive normal doubles; the turn functions take u in [0, 1).
 *
 * <p>{@link #exp} is fdlibm's {@code e_exp.c} algorithm (k = rint(x / ln 2), r = x - k ln 2 in two parts,
 * exp(r) = 1 + r + r c / (2 - c) with c from a Remez polynomial in r^2), within 1 ulp; it takes every double,
 * saturating to +inf above 709.78 and to 0 below -745.13, and scales by 2^k in two exact halves so that
 * subnormal results are rounded once. {@link #tanh} is odd: below |x| = 0.55 an odd polynomial
 * x + x^3 P(x^2) fitted for sgdmc (see {@code scripts/derive_tanh_polynomial.py}), above it
 * 1 - 2 / (exp(2|x|) + 1); within 2 ulp, exactly +-1 from |x| = 19.1 on, never NaN for a non-NaN argument.
 * {@link #sigmoid} is 1 / (1 + exp(-x)): within 3.5 ulp where the result is normal (x > -708.4; a priori:
 * exp's 1 ulp plus two roundings, counted in the result's finest ulp), 0 below -709.78. The tests measure
 * and pin all three bounds.
 *
 * <p>{@link #sinPiProduct}/{@link #cosPiProduct} are sin and cos of pi a b with the argument reduced by an
 * fma, for angles given as a product (within 3 ulp, also near the zeros); {@link #pow} is exp(y log x)
 * (within 1 + 3 |y ln x| ulp). The tests measure and pin both.
 */
public final class Transcendentals {
  // fdlibm e_log.c: log(1+f) = f - f^2/2 + s*(f^2/2 + R(s^2)), Remez coefficients of R.
  static final double LG1 = 6.666666666666735130e-01;
  static final double LG2 = 3.999999999940941908e-01;
  static final double LG3 = 2.857142874366239149e-01;
  static final double LG4 = 2.222219843214978396e-01;
  static final double LG5 = 1.818357216161805012e-01;
  static final double LG6 = 1.531383769920937332e-01;
  static final double LG7 = 1.479819860511658591e-01;
  /** ln 2 split so that k * LN2_HI is exact for |k| < 2^11. */
  static final double LN2_HI = 6.93147180369123816490e-01;
  /** The rest of ln 2. */
  static final double LN2_LO = 1.90821492927058770002e-10;
  /** Mantissa bits of a double. */
  static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
  /** Exponent field of 1.0. */
  static final long ONE_EXPONENT = 0x3FF0_0000_0000_0000L;
  /** Added to the mantissa, carries into bit 52 exactly when the mantissa is >= sqrt(2) (fdlibm's 0x95f64). */
  static final long SQRT2_CARRY = 0x95F64L << 32;
  /** Bit 52: the carry above. */
  static final long BIT52 = 1L << 52;
  /** 1.5 * 2^52: adding it rounds a double of magnitude < 2^51 to an integer held in the low mantissa bits. */
  static final double ROUNDER = 0x1.8p52;

  // fdlibm k_sin.c / k_cos.c: minimax polynomials on [-pi/4, pi/4].
  static final double S1 = -1.66666666666666324348e-01;
  static final double S2 = 8.33333333332248946124e-03;
  static final double S3 = -1.98412698298579493134e-04;
  static final double S4 = 2.75573137070700676789e-06;
  static final double S5 = -2.50507602534068634195e-08;
  static final double S6 = 1.58969099521155010221e-10;
  static final double C1 = 4.16666666666666019037e-02;
  static final double C2 = -1.38888888888741095749e-03;
  static final double C3 = 2.48015872894767294178e-05;
  static final double C4 = -2.75573143513906633035e-07;
  static final double C5 = 2.08757232129817482790e-09;
  static final double C6 = -1.13596475577881948265e-11;
  /** The high 32 bits of a double: fdlibm's "low word cleared". */
  static final long HIGH_WORD = 0xFFFF_FFFF_0000_0000L;
  /** pi/2 rounded to double; a quarter turn in radians. */
  static final double HALF_PI = 1.5707963267948966;

  // fdlibm e_exp.c: R(r^2) = r (e^r + 1) / (e^r - 1) - 2 ~ P1 r^2 + ... + P5 r^10 on |r| <= ln2 / 2.
  static final double P1 = 1.66666666666666019037e-01;
  static final double P2 = -2.77777777770155933842e-03;
  static final double P3 = 6.61375632143793436117e-05;
  static final double P4 = -1.65339022054652515390e-06;
  static final double P5 = 4.13813679705723846039e-08;
  /** 1 / ln 2, rounded. */
  static final double INV_LN2 = 1.44269504088896338700e+00;
  /** exp is +inf for every x above this (e^710 > MAX_VALUE), so larger arguments are clamped to it. */
  static final double EXP_CLAMP_HIGH = 710.0;
  /** exp rounds to 0 for every x below this (e^-746 < MIN_VALUE / 2), so smaller arguments are clamped to it. */
  static final double EXP_CLAMP_LOW = -746.0;
  /** Exponent bias of a double. */
  static final long EXPONENT_BIAS = 1023;
  /** Raw bits of {@link #ROUNDER}: subtracted from the bits of {@code v + ROUNDER} it leaves rint(v) as a long. */
  static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
  /** The sign bit of a double. */
  static final long SIGN = 0x8000_0000_0000_0000L;

  /** Below this |x| tanh uses its polynomial; at it tanh is 0.5005, so 1 - 2/(e^2x + 1) subtracts without loss above. */
  static final double TANH_SPLIT = 0.55;
  // tanh x = x + x^3 P(x^2) on |x| <= 0.55; P's coefficients T0..T10 interpolate (tanh(a) - a) / a^3 at
  // Chebyshev nodes in a^2 (scripts/derive_tanh_polynomial.py); relative error of the rounded fit: 2^-57.4.
  static final double T0 = -0x1.5555555555555p-2;
  static final double T1 = 0x1.1111111111032p-3;
  static final double T2 = -0x1.ba1ba1b9fec84p-5;
  static final double T3 = 0x1.664f487713373p-6;
  static final double T4 = -0x1.226e32f00cf0cp-7;
  static final double T5 = 0x1.d6d339333f329p-9;
  static final double T6 = -0x1.7d97cfd138c28p-10;
  static final double T7 = 0x1.34c5a8a996cd4p-11;
  static final double T8 = -0x1.ec1091436eb2ap-13;
  static final double T9 = 0x1.64fd88e9900a5p-14;
  static final double T10 = -0x1.59a834187ce22p-16;

  private Transcendentals() {}

  // ---------------------------------------------------------------- log

  /** Natural logarithm of a finite positive normal {@code x}; within 1 ulp. */
  public static double log(double x) {
    long bits = Double.doubleToRawLongBits(x);
    long mant = bits & MANTISSA;
    long carry = (mant + SQRT2_CARRY) & BIT52;
    double m = Double.longBitsToDouble(mant | (carry ^ ONE_EXPONENT)); // in [sqrt(2)/2, sqrt(2))
    long k = (bits >>> 52) - 1023 + (carry >>> 52);
    double dk = Double.longBitsToDouble(k + Double.doubleToRawLongBits(ROUNDER)) - ROUNDER;
    double f = m - 1.0;
    double s = f / (2.0 + f);
    double z = s * s;
    double w = z * z;
    double t1 = w * Math.fma(w, Math.fma(w, LG6, LG4), LG2);
    double t2 = z * Math.fma(w, Math.fma(w, Math.fma(w, LG7, LG5), LG3), LG1);
    double r = t2 + t1;
    double hfsq = 0.5 * f * f;
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }

  // ---------------------------------------------------------------- sin and cos of 2 pi u

  /** {@code sin(2 pi u)} for u in [0, 1); within 2 ulp. */
  public static double sin2pi(double u) {
    return quarterTurns(u, 0);
  }

  /** {@code cos(2 pi u)} for u in [0, 1); within 2 ulp: the sine a quarter turn later. */
  public static double cos2pi(double u) {
    return quarterTurns(u, 1);
  }

  /**
   * {@code sin(2 pi u + shift pi/2)}: u is split exactly into q quarter turns plus x radians, |x| <= pi/4,
   * and sin(q pi/2 + x) is +-sin x or +-cos x by the two low bits of q (+ shift).
   */
  private static double quarterTurns(double u, long shift) {
    double t = 4.0 * u; // quarter turns, exact
    double qr = t + ROUNDER;
    long q = Double.doubleToRawLongBits(qr) + shift; // low bits: the nearest quarter, shifted
    double x = (t - (qr - ROUNDER)) * HALF_PI; // |x| <= pi/4
    double s = sinKernel(x), c = cosKernel(x);
    double v = (q & 1) == 0 ? s : c;
    return (q & 2) == 0 ? v : -v;
  }

  // ---------------------------------------------------------------- sin and cos of pi a b

  /**
   * {@code sin(pi a b)} for |a b| <= 2^40; within 3 ulp. The product is never rounded as such: the nearest
   * quarter-turn count n comes from the rounded 2ab, and the rest r = 2ab - n from one fma, so r is
   * correctly rounded even where it is tiny, and the sine keeps its full relative accuracy near every zero.
   * ({@code sin2pi(a b / 2)} would round the product first and lose up to |x cot x| / 2 ulps there: 20 ulp
   * at pi a b = 0.975 pi, the largest angle of a stable draw with alpha = 1.95, and without bound as it nears
   * pi.) Odd in each argument, bit for bit.
   */
  public static double sinPiProduct(double a, double b) {
    return quarterTurnsOfProduct(2.0 * a, b, 0);
  }

  /** {@code cos(pi a b)} for |a b| <= 2^40; within 3 ulp, reduced as {@link #sinPiProduct}. Even, bit for bit. */
  public static double cosPiProduct(double a, double b) {
    return quarterTurnsOfProduct(2.0 * a, b, 1);
  }

  /**
   * {@code sin((pi/2) twoA b + shift pi/2)}: n = rint(twoA b) quarter turns and x = (twoA b - n) pi/2 with the
   * difference from one fma. n is exact in ROUNDER's low mantissa bits, negative n included (their low two
   * bits are n mod 4, since 2^51 is a multiple of 4), and {@code ROUNDER - qr} is exactly -n.
   */
  private static double quarterTurnsOfProduct(double twoA, double b, long shift) {
    double qr = twoA * b + ROUNDER;
    long q = Double.doubleToRawLongBits(qr) + shift;
    double x = Math.fma(twoA, b, ROUNDER - qr) * HALF_PI;
    double s = sinKernel(x), c = cosKernel(x);
    double v = (q & 1) == 0 ? s : c;
    return (q & 2) == 0 ? v : -v;
  }

  /** sin x for |x| <= pi/4 (fdlibm __kernel_sin without the tail correction). */
  static double sinKernel(double x) {
    double z = x * x;
    double v = z * x;
    double r = Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, S6, S5), S4), S3), S2);
    return Math.fma(v, Math.fma(z, r, S1), x);
  }

  /**
   * cos x for |x| <= pi/4, fdlibm's __kernel_cos: for |x| >= 0.3 it writes 1 - x^2/2 as (1 - qx) - (x^2/2 - qx)
   * with qx a short number near x/4 (so that 1 - qx is exact) and loses no bits; in the vector twin the
   * branches become blends.
   */
  static double cosKernel(double x) {
    double z = x * x;
    double r = z * Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, C6, C5), C4), C3), C2), C1);
    double ax = Math.abs(x);
    double qx = Double.longBitsToDouble(Double.doubleToRawLongBits(ax * 0.25) & HIGH_WORD);
    qx = ax > 0.78125 ? 0.28125 : qx;
    qx = ax < 0.3 ? 0.0 : qx;
    double hz = 0.5 * z - qx;
    double a = 1.0 - qx;
    return a - (hz - z * r);
  }

  // ---------------------------------------------------------------- exp, tanh, sigmoid

  /** e^x for every double x; within 1 ulp; +inf above 709.78, 0 below -745.13, NaN for NaN. */
  public static double exp(double x) {
    double xc = x > EXP_CLAMP_HIGH ? EXP_CLAMP_HIGH : x;
    xc = xc < EXP_CLAMP_LOW ? EXP_CLAMP_LOW : xc;
    double kr = xc * INV_LN2 + ROUNDER;
    long k = Double.doubleToRawLongBits(kr) - ROUNDER_BITS;
    double dk = kr - ROUNDER;
    double hi = xc - dk * LN2_HI; // exact: k ln2_hi has 43 significant bits and hi is small (Sterbenz)
    double lo = dk * LN2_LO;
    double r = hi - lo;
    double t = r * r;
    double cr = Math.fma(-t, Math.fma(t, Math.fma(t, Math.fma(t, Math.fma(t, P5, P4), P3), P2), P1), r);
    double y = 1.0 - ((lo - (r * cr) / (2.0 - cr)) - hi);
    long k1 = k >> 1;
    double s1 = Double.longBitsToDouble((k1 + EXPONENT_BIAS) << 52);
    double s2 = Double.longBitsToDouble((k - k1 + EXPONENT_BIAS) << 52);
    return y * s1 * s2; // y 2^k1 is exact; the second product rounds once, also into the subnormals
  }

  /** tanh x for every double x; within 2 ulp; odd (tanh(-0.0) = -0.0), +-1 at the infinities, NaN for NaN. */
  public static double tanh(double x) {
    long bits = Double.doubleToRawLongBits(x);
    double a = Double.longBitsToDouble(bits & ~SIGN);
    double t;
    if (a < TANH_SPLIT) {
      double s = a * a;
      t = Math.fma(a * s, tanhPolynomial(s), a);
    } else {
      t = 1.0 - 2.0 / (exp(2.0 * a) + 1.0); // e^2a = inf for a > 354.9: t = 1 exactly, no NaN
    }
    return Double.longBitsToDouble(Double.doubleToRawLongBits(t) | (bits & SIGN));
  }

  private static double tanhPolynomial(double s) {
    return Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s,
        Math.fma(s, Math.fma(s, T10, T9), T8), T7), T6), T5), T4), T3), T2), T1), T0);
  }

  /** The logistic function 1 / (1 + e^-x); within 3.5 ulp where the result is normal; 1 and 0 at +-inf. */
  public static double sigmoid(double x) {
    return 1.0 / (1.0 + exp(-x));
  }

  // ---------------------------------------------------------------- powers

  /**
   * {@code x^y = exp(y ln x)} for finite positive normal x and any y: {@link #log}, one multiply, {@link #exp}.
   * Within {@code 1 + 3 |y ln x|} ulp where the result is normal (log's 1 ulp and the product's rounding are
   * absolute errors of the exponent, which exp turns into relative ones), so within a few ulp wherever the
   * power is of moderate size; {@code pow(x, 0) = 1} exactly, and +inf or 0 beyond the double range, as exp.
   */
  public static double pow(double x, double y) {
    return exp(y * log(x));
  }

}
