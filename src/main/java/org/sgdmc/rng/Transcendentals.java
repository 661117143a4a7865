package org.sgdmc.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The logarithm and the sine and cosine of a fraction of a turn, written twice with the same sequence of
 * IEEE operations: once on {@code double}, once on {@link DoubleVector}. Because every step is a correctly
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
  private static final double LG1 = 6.666666666666735130e-01;
  private static final double LG2 = 3.999999999940941908e-01;
  private static final double LG3 = 2.857142874366239149e-01;
  private static final double LG4 = 2.222219843214978396e-01;
  private static final double LG5 = 1.818357216161805012e-01;
  private static final double LG6 = 1.531383769920937332e-01;
  private static final double LG7 = 1.479819860511658591e-01;
  /** ln 2 split so that k * LN2_HI is exact for |k| < 2^11. */
  private static final double LN2_HI = 6.93147180369123816490e-01;
  /** The rest of ln 2. */
  private static final double LN2_LO = 1.90821492927058770002e-10;
  /** Mantissa bits of a double. */
  private static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
  /** Exponent field of 1.0. */
  private static final long ONE_EXPONENT = 0x3FF0_0000_0000_0000L;
  /** Added to the mantissa, carries into bit 52 exactly when the mantissa is >= sqrt(2) (fdlibm's 0x95f64). */
  private static final long SQRT2_CARRY = 0x95F64L << 32;
  /** Bit 52: the carry above. */
  private static final long BIT52 = 1L << 52;
  /** 1.5 * 2^52: adding it rounds a double of magnitude < 2^51 to an integer held in the low mantissa bits. */
  static final double ROUNDER = 0x1.8p52;

  // fdlibm k_sin.c / k_cos.c: minimax polynomials on [-pi/4, pi/4].
  private static final double S1 = -1.66666666666666324348e-01;
  private static final double S2 = 8.33333333332248946124e-03;
  private static final double S3 = -1.98412698298579493134e-04;
  private static final double S4 = 2.75573137070700676789e-06;
  private static final double S5 = -2.50507602534068634195e-08;
  private static final double S6 = 1.58969099521155010221e-10;
  private static final double C1 = 4.16666666666666019037e-02;
  private static final double C2 = -1.38888888888741095749e-03;
  private static final double C3 = 2.48015872894767294178e-05;
  private static final double C4 = -2.75573143513906633035e-07;
  private static final double C5 = 2.08757232129817482790e-09;
  private static final double C6 = -1.13596475577881948265e-11;
  /** The high 32 bits of a double: fdlibm's "low word cleared". */
  private static final long HIGH_WORD = 0xFFFF_FFFF_0000_0000L;
  /** pi/2 rounded to double; a quarter turn in radians. */
  static final double HALF_PI = 1.5707963267948966;

  // fdlibm e_exp.c: R(r^2) = r (e^r + 1) / (e^r - 1) - 2 ~ P1 r^2 + ... + P5 r^10 on |r| <= ln2 / 2.
  private static final double P1 = 1.66666666666666019037e-01;
  private static final double P2 = -2.77777777770155933842e-03;
  private static final double P3 = 6.61375632143793436117e-05;
  private static final double P4 = -1.65339022054652515390e-06;
  private static final double P5 = 4.13813679705723846039e-08;
  /** 1 / ln 2, rounded. */
  private static final double INV_LN2 = 1.44269504088896338700e+00;
  /** exp is +inf for every x above this (e^710 > MAX_VALUE), so larger arguments are clamped to it. */
  private static final double EXP_CLAMP_HIGH = 710.0;
  /** exp rounds to 0 for every x below this (e^-746 < MIN_VALUE / 2), so smaller arguments are clamped to it. */
  private static final double EXP_CLAMP_LOW = -746.0;
  /** Exponent bias of a double. */
  private static final long EXPONENT_BIAS = 1023;
  /** Raw bits of {@link #ROUNDER}: subtracted from the bits of {@code v + ROUNDER} it leaves rint(v) as a long. */
  private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
  /** The sign bit of a double. */
  private static final long SIGN = 0x8000_0000_0000_0000L;

  /** Below this |x| tanh uses its polynomial; at it tanh is 0.5005, so 1 - 2/(e^2x + 1) subtracts without loss above. */
  static final double TANH_SPLIT = 0.55;
  // tanh x = x + x^3 P(x^2) on |x| <= 0.55; P's coefficients T0..T10 interpolate (tanh(a) - a) / a^3 at
  // Chebyshev nodes in a^2 (scripts/derive_tanh_polynomial.py); relative error of the rounded fit: 2^-57.4.
  private static final double T0 = -0x1.5555555555555p-2;
  private static final double T1 = 0x1.1111111111032p-3;
  private static final double T2 = -0x1.ba1ba1b9fec84p-5;
  private static final double T3 = 0x1.664f487713373p-6;
  private static final double T4 = -0x1.226e32f00cf0cp-7;
  private static final double T5 = 0x1.d6d339333f329p-9;
  private static final double T6 = -0x1.7d97cfd138c28p-10;
  private static final double T7 = 0x1.34c5a8a996cd4p-11;
  private static final double T8 = -0x1.ec1091436eb2ap-13;
  private static final double T9 = 0x1.64fd88e9900a5p-14;
  private static final double T10 = -0x1.59a834187ce22p-16;

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

  /** Lane-wise twin of {@link #log(double)}: the same operations, bit for bit. */
  public static DoubleVector log(DoubleVector x) {
    LongVector bits = x.viewAsIntegralLanes();
    LongVector mant = bits.and(MANTISSA);
    LongVector carry = mant.add(SQRT2_CARRY).and(BIT52);
    DoubleVector m = mant.or(carry.lanewise(VectorOperators.XOR, ONE_EXPONENT)).viewAsFloatingLanes();
    LongVector k = bits.lanewise(VectorOperators.LSHR, 52).sub(1023).add(carry.lanewise(VectorOperators.LSHR, 52));
    DoubleVector dk = k.add(Double.doubleToRawLongBits(ROUNDER)).viewAsFloatingLanes().sub(ROUNDER);
    DoubleVector f = m.sub(1.0);
    DoubleVector s = f.div(f.add(2.0));
    DoubleVector z = s.mul(s);
    DoubleVector w = z.mul(z);
    DoubleVector t1 = w.mul(w.fma(w.fma(LG6, LG4), V.LG2));
    DoubleVector t2 = z.mul(w.fma(w.fma(w.fma(LG7, LG5), V.LG3), V.LG1));
    DoubleVector r = t2.add(t1);
    DoubleVector hfsq = f.mul(0.5).mul(f);
    return dk.mul(LN2_HI).sub(hfsq.sub(s.mul(hfsq.add(r)).add(dk.mul(LN2_LO))).sub(f));
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

  /** Lane-wise twin of {@link #sin2pi(double)}. */
  public static DoubleVector sin2pi(DoubleVector u) {
    return quarterTurns(u, 0);
  }

  /** Lane-wise twin of {@link #cos2pi(double)}. */
  public static DoubleVector cos2pi(DoubleVector u) {
    return quarterTurns(u, 1);
  }

  private static DoubleVector quarterTurns(DoubleVector u, long shift) {
    DoubleVector t = u.mul(4.0);
    DoubleVector qr = t.add(ROUNDER);
    LongVector q = qr.viewAsIntegralLanes().add(shift);
    DoubleVector x = t.sub(qr.sub(ROUNDER)).mul(HALF_PI);
    DoubleVector s = sinKernel(x), c = cosKernel(x);
    VectorMask<Double> odd = q.and(1L).compare(VectorOperators.NE, 0L).cast(u.species());
    VectorMask<Double> negate = q.and(2L).compare(VectorOperators.NE, 0L).cast(u.species());
    DoubleVector v = s.blend(c, odd);
    return v.blend(v.neg(), negate);
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

  /** Lane-wise twin of {@link #sinPiProduct(double, double)}, {@code a} the same in every lane. */
  public static DoubleVector sinPiProduct(double a, DoubleVector b) {
    return quarterTurnsOfProduct(2.0 * a, b, 0);
  }

  /** Lane-wise twin of {@link #cosPiProduct(double, double)}, {@code a} the same in every lane. */
  public static DoubleVector cosPiProduct(double a, DoubleVector b) {
    return quarterTurnsOfProduct(2.0 * a, b, 1);
  }

  private static DoubleVector quarterTurnsOfProduct(double twoA, DoubleVector b, long shift) {
    DoubleVector qr = b.mul(twoA).add(ROUNDER);
    LongVector q = qr.viewAsIntegralLanes().add(shift);
    DoubleVector x = b.fma(b.broadcast(twoA), V.ROUNDER.sub(qr)).mul(HALF_PI);
    DoubleVector s = sinKernel(x), c = cosKernel(x);
    VectorMask<Double> odd = q.and(1L).compare(VectorOperators.NE, 0L).cast(b.species());
    VectorMask<Double> negate = q.and(2L).compare(VectorOperators.NE, 0L).cast(b.species());
    DoubleVector v = s.blend(c, odd);
    return v.blend(v.neg(), negate);
  }

  /** sin x for |x| <= pi/4 (fdlibm __kernel_sin without the tail correction). */
  static double sinKernel(double x) {
    double z = x * x;
    double v = z * x;
    double r = Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, S6, S5), S4), S3), S2);
    return Math.fma(v, Math.fma(z, r, S1), x);
  }

  static DoubleVector sinKernel(DoubleVector x) {
    DoubleVector z = x.mul(x);
    DoubleVector v = z.mul(x);
    DoubleVector r = z.fma(z.fma(z.fma(z.fma(S6, S5), V.S4), V.S3), V.S2);
    return v.fma(z.fma(r, V.S1), x);
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

  static DoubleVector cosKernel(DoubleVector x) {
    DoubleVector z = x.mul(x);
    DoubleVector r = z.mul(z.fma(z.fma(z.fma(z.fma(z.fma(C6, C5), V.C4), V.C3), V.C2), V.C1));
    DoubleVector ax = x.abs();
    DoubleVector qx = ax.mul(0.25).viewAsIntegralLanes().and(HIGH_WORD).viewAsFloatingLanes();
    qx = qx.blend(0.28125, ax.compare(VectorOperators.GT, 0.78125));
    qx = qx.blend(0.0, ax.compare(VectorOperators.LT, 0.3));
    DoubleVector hz = z.mul(0.5).sub(qx);
    DoubleVector a = DoubleVector.broadcast(x.species(), 1.0).sub(qx);
    return a.sub(hz.sub(z.mul(r)));
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

  /** Lane-wise twin of {@link #exp(double)}: the same operations, bit for bit. */
  public static DoubleVector exp(DoubleVector x) {
    DoubleVector xc = x.blend(EXP_CLAMP_HIGH, x.compare(VectorOperators.GT, EXP_CLAMP_HIGH));
    xc = xc.blend(EXP_CLAMP_LOW, xc.compare(VectorOperators.LT, EXP_CLAMP_LOW));
    DoubleVector kr = xc.mul(INV_LN2).add(ROUNDER);
    LongVector k = kr.viewAsIntegralLanes().sub(ROUNDER_BITS);
    DoubleVector dk = kr.sub(ROUNDER);
    DoubleVector hi = xc.sub(dk.mul(LN2_HI));
    DoubleVector lo = dk.mul(LN2_LO);
    DoubleVector r = hi.sub(lo);
    DoubleVector t = r.mul(r);
    DoubleVector poly = t.fma(t.fma(t.fma(t.fma(P5, P4), V.P3), V.P2), V.P1);
    DoubleVector cr = t.neg().fma(poly, r);
    DoubleVector q = r.mul(cr).div(cr.neg().add(2.0));
    DoubleVector y = V.ONE.sub(lo.sub(q).sub(hi));
    LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
    DoubleVector s1 = k1.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
    DoubleVector s2 = k.sub(k1).add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
    return y.mul(s1).mul(s2);
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

  /** Lane-wise twin of {@link #tanh(double)}: both branches in every lane, then a blend. */
  public static DoubleVector tanh(DoubleVector x) {
    return tanh(x, exp(x.abs().mul(2.0)));
  }

  /**
   * {@link #tanh(DoubleVector)} given {@code e = exp(2|x|)} (computed by {@link #exp(DoubleVector)}), for hot
   * kernels: C2 compiles a vector method that gets hot on its own, and refuses to inline it later once its
   * code exceeds 2500 bytes (InlineSmallCode), which tanh with exp inside does; an un-inlined vector call
   * boxes every vector, twice as slow here. Split in two, each part stays small enough to be inlined.
   */
  public static DoubleVector tanh(DoubleVector x, DoubleVector expTwiceAbs) {
    LongVector bits = x.viewAsIntegralLanes();
    DoubleVector a = bits.and(~SIGN).viewAsFloatingLanes();
    DoubleVector s = a.mul(a);
    DoubleVector small = a.mul(s).fma(tanhPolynomial(s), a);
    DoubleVector big = V.ONE.sub(V.TWO.div(expTwiceAbs.add(1.0)));
    DoubleVector t = big.blend(small, a.compare(VectorOperators.LT, TANH_SPLIT));
    return t.viewAsIntegralLanes().or(bits.and(SIGN)).viewAsFloatingLanes();
  }

  private static double tanhPolynomial(double s) {
    return Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s,
        Math.fma(s, Math.fma(s, T10, T9), T8), T7), T6), T5), T4), T3), T2), T1), T0);
  }

  private static DoubleVector tanhPolynomial(DoubleVector s) {
    return s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(T10, T9), V.T8), V.T7), V.T6),
        V.T5), V.T4), V.T3), V.T2), V.T1), V.T0);
  }

  /** The logistic function 1 / (1 + e^-x); within 3.5 ulp where the result is normal; 1 and 0 at +-inf. */
  public static double sigmoid(double x) {
    return 1.0 / (1.0 + exp(-x));
  }

  /** Lane-wise twin of {@link #sigmoid(double)}. */
  public static DoubleVector sigmoid(DoubleVector x) {
    return V.ONE.div(exp(x.neg()).add(1.0));
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

  /**
   * Lane-wise twin of {@link #pow(double, double)}, {@code y} the same in every lane. In a hot kernel call
   * {@link #log(DoubleVector)} and {@link #exp(DoubleVector)} in separate short loops instead (see
   * {@link #tanh(DoubleVector, DoubleVector)} for why): the same operations, so the same bits.
   */
  public static DoubleVector pow(DoubleVector x, double y) {
    return exp(log(x).mul(y));
  }

  /**
   * The polynomials' coefficients as vectors of the kernels' species, built once. Constants, not calls: a
   * broadcast is a call that C2 must inline to avoid boxing, and in a large compile unit (past
   * NodeCountInliningCutoff) it did not, so every coefficient was allocated afresh (JFR: 4 GB in a 1M x 200
   * linreg1d run). A holder class, so the scalar functions load without the vector module.
   */
  static final class V {
    static final DoubleVector ONE = DoubleVector.broadcast(VectorShapes.DOUBLES, 1.0);
    static final DoubleVector TWO = DoubleVector.broadcast(VectorShapes.DOUBLES, 2.0);
    static final DoubleVector C1 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.C1);
    static final DoubleVector C2 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.C2);
    static final DoubleVector C3 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.C3);
    static final DoubleVector C4 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.C4);
    static final DoubleVector LG1 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.LG1);
    static final DoubleVector LG2 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.LG2);
    static final DoubleVector LG3 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.LG3);
    static final DoubleVector P1 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.P1);
    static final DoubleVector P2 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.P2);
    static final DoubleVector P3 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.P3);
    static final DoubleVector ROUNDER = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.ROUNDER);
    static final DoubleVector S1 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.S1);
    static final DoubleVector S2 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.S2);
    static final DoubleVector S3 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.S3);
    static final DoubleVector S4 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.S4);
    static final DoubleVector T0 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.T0);
    static final DoubleVector T1 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.T1);
    static final DoubleVector T2 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.T2);
    static final DoubleVector T3 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.T3);
    static final DoubleVector T4 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.T4);
    static final DoubleVector T5 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.T5);
    static final DoubleVector T6 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.T6);
    static final DoubleVector T7 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.T7);
    static final DoubleVector T8 = DoubleVector.broadcast(VectorShapes.DOUBLES, Transcendentals.T8);

    private V() {}
  }
}
