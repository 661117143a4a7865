package org.sgdmc.rng;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * High-precision references for {@link Transcendentals}: the logarithm and the sine and cosine of a turn
 * fraction in double-double arithmetic (relative error near 2^-100, far below the 2^-53 of a double), and,
 * to check those references themselves, slow BigDecimal evaluations by plain Taylor series at 80 digits.
 * The two references share no code and no reduction, so an error in one shows as a disagreement.
 */
final class PreciseReference {
  /** pi to 90 digits; only the first ~35 matter in double-double, the rest serve the BigDecimal check. */
  static final String PI_DIGITS =
      "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803483";
  /** ln 2 to 90 digits. */
  static final String LN2_DIGITS =
      "0.693147180559945309417232121458176568075500134360255254120680009493393621969694715605863327";
  private static final DoubleDouble HALF_PI = DoubleDouble.of(new BigDecimal(PI_DIGITS).divide(BigDecimal.TWO).toString());
  private static final DoubleDouble LN2 = DoubleDouble.of(LN2_DIGITS);
  private static final double SQRT2 = Math.sqrt(2.0);
  /** Terms of a series are dropped once below this fraction of the sum: well under 2^-106. */
  private static final double SERIES_CUTOFF = 0x1p-110;
  /** 1/n in double-double for n < 64: the series multiply by these instead of dividing. */
  private static final DoubleDouble[] INVERSE = new DoubleDouble[64];

  static {
    for (int n = 1; n < INVERSE.length; n++) {
      INVERSE[n] = DoubleDouble.ONE.div(n);
    }
  }

  private PreciseReference() {}

  // ------------------------------------------------------------------ double-double references

  /**
   * ln x for finite positive x: x = m 2^e exactly with m in [sqrt(2)/2, sqrt(2)], then
   * ln m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...) with s = (m - 1)/(m + 1), |s| <= 0.172.
   */
  static DoubleDouble log(double x) {
    if (!(x > 0.0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("log reference needs a finite positive x, not " + x);
    }
    int e = Math.getExponent(x);
    if (e == Double.MIN_EXPONENT - 1) { // subnormal: scale into the normal range first
      return log(x * 0x1p64).sub(LN2.mul(64.0));
    }
    double m = Math.scalb(x, -e);
    if (m > SQRT2) {
      m *= 0.5;
      e += 1;
    }
    DoubleDouble s = DoubleDouble.of(m - 1.0).div(DoubleDouble.twoSum(m, 1.0)); // m - 1 exact (Sterbenz)
    DoubleDouble s2 = s.mul(s);
    DoubleDouble power = s;
    DoubleDouble sum = s;
    for (int n = 3; ; n += 2) {
      power = power.mul(s2);
      DoubleDouble term = power.mul(INVERSE[n]);
      sum = sum.add(term);
      if (Math.abs(term.hi()) <= SERIES_CUTOFF * Math.abs(sum.hi())) {
        break;
      }
    }
    return LN2.mul(e).add(sum.mul(2.0));
  }

  /** sin(2 pi u) for u in [0, 1). */
  static DoubleDouble sin2pi(double u) {
    return turn(u, true);
  }

  /** cos(2 pi u) for u in [0, 1). */
  static DoubleDouble cos2pi(double u) {
    return turn(u, false);
  }

  /**
   * 2 pi u = (pi/2) (n + r) with n = rint(4u) and r = 4u - n, both exact in double, so the only rounding
   * is in (pi/2) r, done in double-double; then one Taylor series on |x| <= pi/4 and the quadrant identity.
   */
  private static DoubleDouble turn(double u, boolean sine) {
    double t = 4.0 * u;
    double n = Math.rint(t);
    double r = t - n;
    DoubleDouble x = HALF_PI.mul(r);
    int quadrant = (int) n & 3;
    boolean useSine = sine == ((quadrant & 1) == 0);
    DoubleDouble v = useSine ? sinSeries(x) : cosSeries(x);
    boolean negate = sine ? (quadrant & 2) != 0 : ((quadrant + 1) & 2) != 0;
    return negate ? v.negate() : v;
  }

  private static DoubleDouble sinSeries(DoubleDouble x) {
    if (x.hi() == 0.0) {
      return x;
    }
    DoubleDouble x2 = x.mul(x);
    DoubleDouble term = x;
    DoubleDouble sum = x;
    for (int k = 1; ; k++) {
      term = term.mul(x2).mul(INVERSE[2 * k]).mul(INVERSE[2 * k + 1]).negate();
      sum = sum.add(term);
      if (Math.abs(term.hi()) <= SERIES_CUTOFF * Math.abs(sum.hi())) {
        return sum;
      }
    }
  }

  private static DoubleDouble cosSeries(DoubleDouble x) {
    DoubleDouble x2 = x.mul(x);
    DoubleDouble term = DoubleDouble.ONE;
    DoubleDouble sum = DoubleDouble.ONE;
    for (int k = 1; 2 * k < INVERSE.length; k++) {
      term = term.mul(x2).mul(INVERSE[2 * k - 1]).mul(INVERSE[2 * k]).negate();
      sum = sum.add(term);
      if (Math.abs(term.hi()) <= SERIES_CUTOFF * Math.abs(sum.hi())) {
        break;
      }
    }
    return sum;
  }

  /**
   * e^x for x whose result is a finite double: x = k ln 2 + r with k = rint(x / ln 2) and r formed in
   * double-double (|r| <= 0.35), then the Taylor series of e^r and an exact scaling by 2^k.
   */
  static DoubleDouble exp(double x) {
    double k = Math.rint(x / LN2.hi());
    DoubleDouble r = DoubleDouble.of(x).sub(LN2.mul(k));
    DoubleDouble term = DoubleDouble.ONE;
    DoubleDouble sum = DoubleDouble.ONE;
    for (int n = 1; n < INVERSE.length; n++) {
      term = term.mul(r).mul(INVERSE[n]);
      sum = sum.add(term);
      if (Math.abs(term.hi()) <= SERIES_CUTOFF * Math.abs(sum.hi())) {
        break;
      }
    }
    return new DoubleDouble(Math.scalb(sum.hi(), (int) k), Math.scalb(sum.lo(), (int) k));
  }

  /**
   * tanh x: below |x| = 1 as sinh/cosh from their Taylor series (no cancellation), above as
   * 1 - 2 / (e^2|x| + 1) (a result above 0.76, so the subtraction loses nothing); odd.
   */
  static DoubleDouble tanh(double x) {
    double a = Math.abs(x);
    DoubleDouble t;
    if (a == 0.0) {
      return DoubleDouble.of(x);
    } else if (a < 1.0) {
      DoubleDouble x2 = DoubleDouble.of(a).mul(a);
      DoubleDouble sinhTerm = DoubleDouble.of(a), sinh = sinhTerm;
      DoubleDouble coshTerm = DoubleDouble.ONE, cosh = coshTerm;
      for (int k = 1; 2 * k + 1 < INVERSE.length; k++) {
        sinhTerm = sinhTerm.mul(x2).mul(INVERSE[2 * k]).mul(INVERSE[2 * k + 1]);
        coshTerm = coshTerm.mul(x2).mul(INVERSE[2 * k - 1]).mul(INVERSE[2 * k]);
        sinh = sinh.add(sinhTerm);
        cosh = cosh.add(coshTerm);
        if (sinhTerm.hi() <= SERIES_CUTOFF * sinh.hi() && coshTerm.hi() <= SERIES_CUTOFF * cosh.hi()) {
          break;
        }
      }
      t = sinh.div(cosh);
    } else if (a < 300.0) {
      t = DoubleDouble.ONE.sub(DoubleDouble.of(2.0).div(exp(2.0 * a).add(DoubleDouble.ONE)));
    } else {
      t = new DoubleDouble(1.0, -0x1p-1000); // 1 - 2 e^-2a: below every double's resolution
    }
    return x < 0 ? t.negate() : t;
  }

  /** 1 / (1 + e^-x) for x >= -700 (where the result is still a normal double). */
  static DoubleDouble sigmoid(double x) {
    if (x > 745.0) {
      return new DoubleDouble(1.0, -0x1p-1000);
    }
    return DoubleDouble.ONE.div(DoubleDouble.ONE.add(exp(-x)));
  }

  // ------------------------------------------------------------------ BigDecimal checks of the references

  private static final MathContext MC = new MathContext(80, RoundingMode.HALF_EVEN);
  private static final BigDecimal TWO_PI = new BigDecimal(PI_DIGITS).multiply(BigDecimal.TWO);
  private static final BigDecimal TINY = new BigDecimal("1e-85");

  /** exp(y) at 80 digits: Taylor series of y / 2^24, then 24 squarings. */
  static BigDecimal exp(BigDecimal y) {
    int halvings = 24;
    BigDecimal r = y.divide(BigDecimal.valueOf(1L << halvings), MC);
    BigDecimal term = BigDecimal.ONE;
    BigDecimal sum = BigDecimal.ONE;
    for (int n = 1; term.abs().compareTo(TINY) > 0; n++) {
      term = term.multiply(r, MC).divide(BigDecimal.valueOf(n), MC);
      sum = sum.add(term, MC);
    }
    for (int i = 0; i < halvings; i++) {
      sum = sum.multiply(sum, MC);
    }
    return sum;
  }

  /** tanh x at 80 digits as (e^2x - 1) / (e^2x + 1), with {@link #exp(BigDecimal)}. */
  static BigDecimal tanhBig(double x) {
    BigDecimal e2 = exp(new BigDecimal(x).multiply(BigDecimal.TWO));
    return e2.subtract(BigDecimal.ONE).divide(e2.add(BigDecimal.ONE), MC);
  }

  /** sin(2 pi u) (or cos) at 80 digits by the Taylor series of the unreduced argument 2 pi u <= 2 pi. */
  static BigDecimal turnBig(double u, boolean sine) {
    BigDecimal x = TWO_PI.multiply(new BigDecimal(u), MC);
    BigDecimal x2 = x.multiply(x, MC);
    BigDecimal term = sine ? x : BigDecimal.ONE;
    BigDecimal sum = term;
    for (int k = 1; term.abs().compareTo(TINY) > 0 || k < 4; k++) {
      int a = sine ? 2 * k : 2 * k - 1;
      term = term.multiply(x2, MC).divide(BigDecimal.valueOf((long) a * (a + 1)), MC).negate();
      sum = sum.add(term, MC);
    }
    return sum;
  }
}
