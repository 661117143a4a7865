package org.sgdmc.rng;

import static org.sgdmc.rng.SingleTranscendentals.*;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/** Lane-wise twins of {@link SingleTranscendentals}, bit for bit. */
public final class VectorSingleTranscendentals {
  private VectorSingleTranscendentals() {}

  /** Lane-wise {@link SingleTranscendentals#log}. */
  public static FloatVector log(FloatVector x) {
    IntVector ix = x.viewAsIntegralLanes().add(ONE_BITS - SQRT_HALF_BITS);
    IntVector k = ix.lanewise(VectorOperators.ASHR, 23).sub(0x7f);
    FloatVector m = ix.and(MANTISSA).add(SQRT_HALF_BITS).viewAsFloatingLanes();
    FloatVector dk = k.add(ROUNDER_BITS).viewAsFloatingLanes().sub(ROUNDER);
    FloatVector f = m.sub(1.0f);
    FloatVector s = f.div(f.add(2.0f));
    FloatVector z = s.mul(s);
    FloatVector w = z.mul(z);
    FloatVector t1 = w.mul(w.mul(LG4).add(LG2));
    FloatVector t2 = z.mul(w.mul(LG3).add(LG1));
    FloatVector r = t2.add(t1);
    FloatVector hfsq = f.mul(0.5f).mul(f);
    return s.mul(hfsq.add(r)).add(dk.mul(LN2_LO)).sub(hfsq).add(f).add(dk.mul(LN2_HI));
  }

  /** Lane-wise {@link SingleTranscendentals#sinKernel}. */
  public static FloatVector sinKernel(FloatVector x) {
    FloatVector z = x.mul(x);
    FloatVector p = z.fma(z.fma(z.fma(S4, S3), K.S2), K.S1);
    return x.mul(z).fma(p, x);
  }

  /** Lane-wise {@link SingleTranscendentals#cosKernel}. */
  public static FloatVector cosKernel(FloatVector x) {
    FloatVector z = x.mul(x);
    FloatVector p = z.fma(z.fma(z.fma(z.fma(C5, C4), K.C3), K.C2), K.C1);
    return z.fma(p, K.ONE);
  }

  /** Broadcast constants: fma takes a vector where an operand is not the scalar pair form. */
  private static final class K {
    static final FloatVector ONE = FloatVector.broadcast(VectorShapes.FLOATS, 1.0f);
    static final FloatVector S1 = FloatVector.broadcast(VectorShapes.FLOATS, SingleTranscendentals.S1);
    static final FloatVector S2 = FloatVector.broadcast(VectorShapes.FLOATS, SingleTranscendentals.S2);
    static final FloatVector C1 = FloatVector.broadcast(VectorShapes.FLOATS, SingleTranscendentals.C1);
    static final FloatVector C2 = FloatVector.broadcast(VectorShapes.FLOATS, SingleTranscendentals.C2);
    static final FloatVector C3 = FloatVector.broadcast(VectorShapes.FLOATS, SingleTranscendentals.C3);
  }
}
