package org.sgdmc.rng;

/**
 * Double-double references (relative error near 2^-100) for the helpers of the stable draw and for the
 * Chambers-Mallows-Stuck formula itself, built on the checked references of {@link PreciseReference}.
 * Test-only and slow.
 */
final class PreciseStable {
  private PreciseStable() {}

  /** sin(pi x) for a double-double x (|x| < 2^52). */
  static DoubleDouble sinPi(DoubleDouble x) {
    return ofPi(x, true);
  }

  /** cos(pi x) for a double-double x (|x| < 2^52). */
  static DoubleDouble cosPi(DoubleDouble x) {
    return ofPi(x, false);
  }

  /**
   * sin or cos of pi (h + l), h the high double less whole turns (exact: the rest is a multiple of ulp(h)
   * below 1 in magnitude) and l the tail, by the addition theorem; each of the four factors comes from
   * {@link PreciseReference}'s turn functions at |h|/2 or |l|/2, turn fractions in [0, 1/2] taken exactly.
   */
  private static DoubleDouble ofPi(DoubleDouble x, boolean sine) {
    if (!(Math.abs(x.hi()) < 0x1p52)) {
      throw new IllegalArgumentException("|x| must be below 2^52, not " + x.hi());
    }
    double h = x.hi() - 2 * Math.rint(x.hi() / 2);
    double l = x.lo();
    DoubleDouble sh = odd(PreciseReference.sin2pi(Math.abs(h) / 2), h), ch = PreciseReference.cos2pi(Math.abs(h) / 2);
    DoubleDouble sl = odd(PreciseReference.sin2pi(Math.abs(l) / 2), l), cl = PreciseReference.cos2pi(Math.abs(l) / 2);
    return sine ? sh.mul(cl).add(ch.mul(sl)) : ch.mul(cl).sub(sh.mul(sl));
  }

  private static DoubleDouble odd(DoubleDouble value, double sign) {
    return sign < 0 ? value.negate() : value;
  }

  /** ln of a positive double-double: ln hi + ln(1 + lo/hi), the second to two terms (|lo/hi| < 2^-52). */
  static DoubleDouble log(DoubleDouble x) {
    DoubleDouble q = x.sub(DoubleDouble.of(x.hi())).div(DoubleDouble.of(x.hi()));
    return PreciseReference.log(x.hi()).add(q.sub(q.mul(q).mul(0.5)));
  }

  /** e^y for a double-double y whose result is a normal double: e^hi (1 + lo + lo^2/2). */
  static DoubleDouble exp(DoubleDouble y) {
    DoubleDouble lo = DoubleDouble.of(y.lo());
    return PreciseReference.exp(y.hi()).mul(DoubleDouble.ONE.add(lo).add(lo.mul(lo).mul(0.5)));
  }

  /** x^y = e^(y ln x) for finite positive normal x. */
  static DoubleDouble pow(double x, double y) {
    return exp(PreciseReference.log(x).mul(y));
  }

  /**
   * The CMS formula at the exact uniforms of two draws and the exact alpha (1 - alpha and (1 - alpha)/alpha
   * not rounded): d = U1 - 1/2 and W = -ln U2 as {@link Draws#symmetricStableFromBits} defines them, then
   * sin(pi alpha d) / cos(pi d) * (cos(pi (1 - alpha) d) / (W cos(pi d)))^((1 - alpha)/alpha).
   */
  static DoubleDouble cms(double alpha, long first, long second) {
    double d = Uniforms.open(first) - 0.5;
    DoubleDouble w = PreciseReference.log(Uniforms.open(second)).negate();
    DoubleDouble oneMinusAlpha = DoubleDouble.twoSum(1.0, -alpha);
    DoubleDouble sinAlphaV = sinPi(DoubleDouble.twoProd(alpha, d));
    DoubleDouble cosV = cosPi(DoubleDouble.of(d));
    DoubleDouble cosRest = cosPi(oneMinusAlpha.mul(d));
    DoubleDouble ratio = cosRest.div(w.mul(cosV));
    DoubleDouble power = exp(log(ratio).mul(oneMinusAlpha.div(alpha)));
    return sinAlphaV.div(cosV).mul(power);
  }

  /** ln r of the formula above, in double: what the error bound of the draw depends on. */
  static double logRatio(double alpha, long first, long second) {
    double d = Uniforms.open(first) - 0.5;
    double w = -Math.log(Uniforms.open(second));
    return Math.log(Transcendentals.cosPiProduct(1 - alpha, d) / (w * Transcendentals.cosPiProduct(1.0, d)));
  }
}
