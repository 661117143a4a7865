package org.sgdmc.rng;

import java.math.BigDecimal;

/**
 * An unevaluated sum {@code hi + lo} of two doubles with |lo| <= ulp(hi)/2: about 106 significant bits,
 * enough for a reference that is off by far less than one ulp of a double. Built from the error-free
 * transformations of Knuth (two-sum) and Dekker (two-product, here exact through {@code Math.fma}).
 * Test-only; every operation allocates and none is fast.
 */
record DoubleDouble(double hi, double lo) {
  static final DoubleDouble ONE = new DoubleDouble(1.0, 0.0);

  static DoubleDouble of(double x) {
    return new DoubleDouble(x, 0.0);
  }

  /** The double-double nearest a decimal string (the string may carry many more digits than 32). */
  static DoubleDouble of(String decimal) {
    BigDecimal exact = new BigDecimal(decimal);
    double hi = exact.doubleValue();
    double lo = exact.subtract(new BigDecimal(hi)).doubleValue();
    return new DoubleDouble(hi, lo);
  }

  /** The exact value, for comparisons with BigDecimal references. */
  BigDecimal toBigDecimal() {
    return new BigDecimal(hi).add(new BigDecimal(lo));
  }

  /** a + b exactly, as (rounded sum, error). */
  static DoubleDouble twoSum(double a, double b) {
    double s = a + b;
    double bb = s - a;
    double err = (a - (s - bb)) + (b - bb);
    return new DoubleDouble(s, err);
  }

  /** a * b exactly, as (rounded product, error). */
  static DoubleDouble twoProd(double a, double b) {
    double p = a * b;
    return new DoubleDouble(p, Math.fma(a, b, -p));
  }

  private static DoubleDouble renormalise(double hi, double lo) {
    double s = hi + lo;
    return new DoubleDouble(s, lo - (s - hi));
  }

  DoubleDouble add(DoubleDouble b) {
    DoubleDouble s = twoSum(hi, b.hi);
    DoubleDouble t = twoSum(lo, b.lo);
    double e = s.lo + t.hi;
    DoubleDouble u = renormalise(s.hi, e);
    return renormalise(u.hi, u.lo + t.lo);
  }

  DoubleDouble negate() {
    return new DoubleDouble(-hi, -lo);
  }

  DoubleDouble sub(DoubleDouble b) {
    return add(b.negate());
  }

  DoubleDouble mul(DoubleDouble b) {
    DoubleDouble p = twoProd(hi, b.hi);
    return renormalise(p.hi, p.lo + (hi * b.lo + lo * b.hi));
  }

  DoubleDouble mul(double b) {
    DoubleDouble p = twoProd(hi, b);
    return renormalise(p.hi, p.lo + lo * b);
  }

  /** Long division with three quotient digits: relative error about 2^-104. */
  DoubleDouble div(DoubleDouble b) {
    double q1 = hi / b.hi;
    DoubleDouble r = sub(b.mul(q1));
    double q2 = r.hi / b.hi;
    r = r.sub(b.mul(q2));
    double q3 = r.hi / b.hi;
    DoubleDouble q = renormalise(q1, q2);
    return q.add(of(q3));
  }

  DoubleDouble div(double b) {
    return div(of(b));
  }

  /**
   * The signed error of {@code computed} against this reference, in units of the ulp of the exact value
   * (the ulp of the binade the reference lies in, so a value just below a power of two is measured with
   * the finer ulp). An exact zero reference has error 0 when {@code computed} is a zero of either sign and
   * infinity otherwise.
   */
  double ulpErrorOf(double computed) {
    if (hi == 0.0) {
      return computed == 0.0 ? 0.0 : Double.POSITIVE_INFINITY;
    }
    double ulp = Math.ulp(hi);
    boolean powerOfTwo = Math.getExponent(hi) != Math.getExponent(Math.nextDown(Math.abs(hi)));
    if (powerOfTwo && Math.signum(lo) == -Math.signum(hi)) {
      ulp *= 0.5; // the exact value lies in the binade below hi
    }
    // computed - hi is exact (Sterbenz) whenever the error is below a factor of two
    return ((computed - hi) - lo) / ulp;
  }
}
