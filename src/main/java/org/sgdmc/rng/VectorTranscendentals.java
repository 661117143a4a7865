package org.sgdmc.rng;

import static org.sgdmc.rng.Transcendentals.*;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The lane-wise twins of {@link Transcendentals}: the same sequence of IEEE operations on {@link DoubleVector},
 * so the two agree bit for bit at every vector width (the argument and the accuracy bounds are in
 * {@link Transcendentals}). A class of its own so that the scalar functions load without the incubator module.
 */
public final class VectorTranscendentals {
  private VectorTranscendentals() {}

  /** Lane-wise twin of {@link Transcendentals#log(double)}: the same operations, bit for bit. */
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
    DoubleVector t1 = w.mul(w.fma(w.fma(LG6, LG4), c(w, LG2)));
    DoubleVector t2 = z.mul(w.fma(w.fma(w.fma(LG7, LG5), c(w, LG3)), c(w, LG1)));
    DoubleVector r = t2.add(t1);
    DoubleVector hfsq = f.mul(0.5).mul(f);
    return dk.mul(LN2_HI).sub(hfsq.sub(s.mul(hfsq.add(r)).add(dk.mul(LN2_LO))).sub(f));
  }

  /** Lane-wise twin of {@link Transcendentals#sin2pi(double)}. */
  public static DoubleVector sin2pi(DoubleVector u) {
    return quarterTurns(u, 0);
  }

  /** Lane-wise twin of {@link Transcendentals#cos2pi(double)}. */
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

  /** Lane-wise twin of {@link Transcendentals#sinPiProduct(double, double)}, {@code a} the same in every lane. */
  public static DoubleVector sinPiProduct(double a, DoubleVector b) {
    return quarterTurnsOfProduct(2.0 * a, b, 0);
  }

  /** Lane-wise twin of {@link Transcendentals#cosPiProduct(double, double)}, {@code a} the same in every lane. */
  public static DoubleVector cosPiProduct(double a, DoubleVector b) {
    return quarterTurnsOfProduct(2.0 * a, b, 1);
  }

  private static DoubleVector quarterTurnsOfProduct(double twoA, DoubleVector b, long shift) {
    DoubleVector qr = b.mul(twoA).add(ROUNDER);
    LongVector q = qr.viewAsIntegralLanes().add(shift);
    DoubleVector x = b.fma(c(b, twoA), c(b, ROUNDER).sub(qr)).mul(HALF_PI);
    DoubleVector s = sinKernel(x), c = cosKernel(x);
    VectorMask<Double> odd = q.and(1L).compare(VectorOperators.NE, 0L).cast(b.species());
    VectorMask<Double> negate = q.and(2L).compare(VectorOperators.NE, 0L).cast(b.species());
    DoubleVector v = s.blend(c, odd);
    return v.blend(v.neg(), negate);
  }

  static DoubleVector sinKernel(DoubleVector x) {
    DoubleVector z = x.mul(x);
    DoubleVector v = z.mul(x);
    DoubleVector r = z.fma(z.fma(z.fma(z.fma(S6, S5), c(z, S4)), c(z, S3)), c(z, S2));
    return v.fma(z.fma(r, c(z, S1)), x);
  }

  static DoubleVector cosKernel(DoubleVector x) {
    DoubleVector z = x.mul(x);
    DoubleVector r = z.mul(z.fma(z.fma(z.fma(z.fma(z.fma(C6, C5), c(z, C4)), c(z, C3)), c(z, C2)), c(z, C1)));
    DoubleVector ax = x.abs();
    DoubleVector qx = ax.mul(0.25).viewAsIntegralLanes().and(HIGH_WORD).viewAsFloatingLanes();
    qx = qx.blend(0.28125, ax.compare(VectorOperators.GT, 0.78125));
    qx = qx.blend(0.0, ax.compare(VectorOperators.LT, 0.3));
    DoubleVector hz = z.mul(0.5).sub(qx);
    DoubleVector a = DoubleVector.broadcast(x.species(), 1.0).sub(qx);
    return a.sub(hz.sub(z.mul(r)));
  }

  /** Lane-wise twin of {@link Transcendentals#exp(double)}: the same operations, bit for bit. */
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
    DoubleVector poly = t.fma(t.fma(t.fma(t.fma(P5, P4), c(t, P3)), c(t, P2)), c(t, P1));
    DoubleVector cr = t.neg().fma(poly, r);
    DoubleVector q = r.mul(cr).div(cr.neg().add(2.0));
    DoubleVector y = c(x, 1.0).sub(lo.sub(q).sub(hi));
    LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
    DoubleVector s1 = k1.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
    DoubleVector s2 = k.sub(k1).add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
    return y.mul(s1).mul(s2);
  }

  /** Lane-wise twin of {@link Transcendentals#tanh(double)}: both branches in every lane, then a blend. */
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
    DoubleVector big = c(x, 1.0).sub(c(x, 2.0).div(expTwiceAbs.add(1.0)));
    DoubleVector t = big.blend(small, a.compare(VectorOperators.LT, TANH_SPLIT));
    return t.viewAsIntegralLanes().or(bits.and(SIGN)).viewAsFloatingLanes();
  }

  private static DoubleVector tanhPolynomial(DoubleVector s) {
    return s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(T10, T9), c(s, T8)), c(s, T7)), c(s, T6)),
        c(s, T5)), c(s, T4)), c(s, T3)), c(s, T2)), c(s, T1)), c(s, T0));
  }

  /** Lane-wise twin of {@link Transcendentals#sigmoid(double)}. */
  public static DoubleVector sigmoid(DoubleVector x) {
    return c(x, 1.0).div(exp(x.neg()).add(1.0));
  }

  /**
   * Lane-wise twin of {@link Transcendentals#pow(double, double)}, {@code y} the same in every lane. In a hot kernel call
   * {@link #log(DoubleVector)} and {@link #exp(DoubleVector)} in separate short loops instead (see
   * {@link #tanh(DoubleVector, DoubleVector)} for why): the same operations, so the same bits.
   */
  public static DoubleVector pow(DoubleVector x, double y) {
    return exp(log(x).mul(y));
  }

  /** {@code value} in every lane of {@code like}'s species: the addend of a vector fma. */
  private static DoubleVector c(DoubleVector like, double value) {
    return DoubleVector.broadcast(like.species(), value);
  }
}
