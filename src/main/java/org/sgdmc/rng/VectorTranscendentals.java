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
    DoubleVector t1 = w.mul(w.fma(w.fma(LG6, LG4), K.LG2));
    DoubleVector t2 = z.mul(w.fma(w.fma(w.fma(LG7, LG5), K.LG3), K.LG1));
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
    DoubleVector x = b.fma(b.broadcast(twoA), K.ROUNDER.sub(qr)).mul(HALF_PI);
    DoubleVector s = sinKernel(x), c = cosKernel(x);
    VectorMask<Double> odd = q.and(1L).compare(VectorOperators.NE, 0L).cast(b.species());
    VectorMask<Double> negate = q.and(2L).compare(VectorOperators.NE, 0L).cast(b.species());
    DoubleVector v = s.blend(c, odd);
    return v.blend(v.neg(), negate);
  }

  static DoubleVector sinKernel(DoubleVector x) {
    DoubleVector z = x.mul(x);
    DoubleVector v = z.mul(x);
    DoubleVector r = z.fma(z.fma(z.fma(z.fma(S6, S5), K.S4), K.S3), K.S2);
    return v.fma(z.fma(r, K.S1), x);
  }

  static DoubleVector cosKernel(DoubleVector x) {
    DoubleVector z = x.mul(x);
    DoubleVector r = z.mul(z.fma(z.fma(z.fma(z.fma(z.fma(C6, C5), K.C4), K.C3), K.C2), K.C1));
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
    DoubleVector poly = t.fma(t.fma(t.fma(t.fma(P5, P4), K.P3), K.P2), K.P1);
    DoubleVector cr = t.neg().fma(poly, r);
    DoubleVector q = r.mul(cr).div(cr.neg().add(2.0));
    DoubleVector y = K.ONE.sub(lo.sub(q).sub(hi));
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
    DoubleVector big = K.ONE.sub(K.TWO.div(expTwiceAbs.add(1.0)));
    DoubleVector t = big.blend(small, a.compare(VectorOperators.LT, TANH_SPLIT));
    return t.viewAsIntegralLanes().or(bits.and(SIGN)).viewAsFloatingLanes();
  }

  private static DoubleVector tanhPolynomial(DoubleVector s) {
    return s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(s.fma(T10, T9), K.T8), K.T7), K.T6),
        K.T5), K.T4), K.T3), K.T2), K.T1), K.T0);
  }

  /** Lane-wise twin of {@link Transcendentals#sigmoid(double)}. */
  public static DoubleVector sigmoid(DoubleVector x) {
    return sigmoidFromExp(exp(x.neg()));
  }

  /** {@link #sigmoid(DoubleVector)} given {@code e = exp(-x)}, for kernels that take the exponential in a pass of its own. */
  public static DoubleVector sigmoidFromExp(DoubleVector expMinusX) {
    return K.ONE.div(expMinusX.add(1.0));
  }

  /**
   * Lane-wise twin of {@link Transcendentals#pow(double, double)}, {@code y} the same in every lane. In a hot kernel call
   * {@link #log(DoubleVector)} and {@link #exp(DoubleVector)} in separate short loops instead (see
   * {@link #tanh(DoubleVector, DoubleVector)} for why): the same operations, so the same bits.
   */
  public static DoubleVector pow(DoubleVector x, double y) {
    return exp(log(x).mul(y));
  }

  /**
   * The polynomials' coefficients as vectors of the kernels' species, built once. Constants, not calls: a
   * broadcast is a call that C2 must inline to avoid boxing, and in a large compile unit (past
   * NodeCountInliningCutoff) it did not, so every coefficient was allocated afresh (JFR: 4 GB of 7.7 GB
   * allocated in a 10^6 x 200 linreg1d run, AVX-512).
   */
  private static final class K {
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

    private K() {}
  }
}
