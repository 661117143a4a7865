package org.sgdmc.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised fills of single-precision draws ({@link SingleDraws}) for a block of consecutive trajectories,
 * one trajectory per 32-bit lane. Each value equals the scalar one with the same coordinates, bit for bit.
 */
public final class VectorSingleDraws {
  private VectorSingleDraws() {}

  /**
   * Squares of single-precision normals {@code 4*block0 .. 4*(block0+nBlocks)-1} of {@code width} trajectories,
   * widened to double: normal {@code 4*block0 + d} of trajectory {@code traj0 + j} at {@code out[d*width + j]}.
   * {@code words} is scratch of {@code 4*nBlocks*width} ints. Exact powers of two are moved one double up
   * ({@link SingleDraws#offPowersOfTwo}).
   */
  public static void normalSquares(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, int[] words, double[] out) {
    Philox4x32Words.fill(seed, stream, traj0, width, block0, nBlocks, words);
    int lanes = VectorShapes.INTS.length();
    int vectorWidth = width - width % lanes;
    // Two passes, each short enough for C2 to inline every Vector API call in it (see VectorDraws).
    radiiSquared(words, width, vectorWidth, nBlocks);
    squaresFromAngles(words, out, width, vectorWidth, nBlocks);
    for (int b = 0; b < nBlocks; b++) {
      int row = 4 * b * width;
      for (int j = vectorWidth; j < width; j++) {
        for (int pair = 0; pair < 2; pair++) {
          int w1 = words[row + 2 * pair * width + j], w2 = words[row + (2 * pair + 1) * width + j];
          out[row + 2 * pair * width + j] = SingleDraws.square(w1, w2, false);
          out[row + (2 * pair + 1) * width + j] = SingleDraws.square(w1, w2, true);
        }
      }
    }
    offPowersOfTwo(out, 0, 4 * nBlocks * width);
  }

  /** {@link SingleDraws#offPowersOfTwo} over {@code n} values of {@code values} from {@code from}, in place. */
  public static void offPowersOfTwo(double[] values, int from, int n) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    int i = from, end = from + n;
    for (; i + sp.length() <= end; i += sp.length()) {
      LongVector bits = DoubleVector.fromArray(VectorShapes.DOUBLES, values, i).viewAsIntegralLanes();
      VectorMask<Long> powerOfTwo = bits.and(SingleDraws.MANTISSA).compare(VectorOperators.EQ, 0L)
          .and(bits.and(SingleDraws.EXPONENT).compare(VectorOperators.NE, 0L));
      bits.lanewise(VectorOperators.ADD, 1L, powerOfTwo).viewAsFloatingLanes().intoArray(values, i);
    }
    for (; i < end; i++) {
      values[i] = SingleDraws.offPowersOfTwo(values[i]);
    }
  }

  /** Pass 1: words 0 and 2 of each block become r2 = -2 ln u1, in place, as float bits. */
  private static void radiiSquared(int[] words, int width, int vectorWidth, int nBlocks) {
    VectorSpecies<Integer> sp = VectorShapes.INTS;
    for (int r = 0; r < 2 * nBlocks; r++) {
      int row = 2 * r * width; // words 0 and 2 of each block: every other row
      for (int j = 0; j < vectorWidth; j += sp.length()) {
        FloatVector oneToTwo = IntVector.fromArray(sp, words, row + j).lanewise(VectorOperators.LSHR, 9)
            .or(SingleTranscendentals.ONE_BITS).viewAsFloatingLanes();
        FloatVector u1 = FloatVector.broadcast(VectorShapes.FLOATS, 2.0f).sub(oneToTwo);
        VectorSingleTranscendentals.log(u1).mul(-2.0f).viewAsIntegralLanes().intoArray(words, row + j);
      }
    }
  }

  /**
   * Pass 2: with the angle from words 1 and 3, the rows of a pair become r2 c^2 and r2 s^2, widened to doubles.
   * The quarter's parity decides which kernel is the cosine.
   */
  private static void squaresFromAngles(int[] words, double[] out, int width, int vectorWidth, int nBlocks) {
    VectorSpecies<Integer> sp = VectorShapes.INTS;
    VectorSpecies<Double> dsp = VectorShapes.DOUBLES;
    int half = dsp.length();
    for (int r = 0; r < 2 * nBlocks; r++) {
      int row = 2 * r * width;
      for (int j = 0; j < vectorWidth; j += sp.length()) {
        FloatVector r2 = IntVector.fromArray(sp, words, row + j).viewAsFloatingLanes();
        FloatVector u2 = IntVector.fromArray(sp, words, row + width + j).lanewise(VectorOperators.LSHR, 9)
            .or(SingleTranscendentals.ONE_BITS).viewAsFloatingLanes().sub(1.0f);
        FloatVector t = u2.mul(4.0f);
        FloatVector qr = t.add(SingleTranscendentals.ROUNDER); // rint(t) in its low mantissa bits
        FloatVector x = t.sub(qr.sub(SingleTranscendentals.ROUNDER)).mul(SingleTranscendentals.HALF_PI);
        VectorMask<Float> odd = qr.viewAsIntegralLanes().and(1).compare(VectorOperators.NE, 0).cast(VectorShapes.FLOATS);
        FloatVector sk = VectorSingleTranscendentals.sinKernel(x);
        FloatVector ck = VectorSingleTranscendentals.cosKernel(x);
        FloatVector cos = ck.blend(sk, odd);
        FloatVector sin = sk.blend(ck, odd);
        FloatVector c2 = r2.mul(cos.mul(cos));
        FloatVector s2 = r2.mul(sin.mul(sin));
        DoubleVector c2lo = (DoubleVector) c2.convertShape(VectorOperators.F2D, dsp, 0);
        DoubleVector c2hi = (DoubleVector) c2.convertShape(VectorOperators.F2D, dsp, 1);
        DoubleVector s2lo = (DoubleVector) s2.convertShape(VectorOperators.F2D, dsp, 0);
        DoubleVector s2hi = (DoubleVector) s2.convertShape(VectorOperators.F2D, dsp, 1);
        c2lo.intoArray(out, row + j);
        c2hi.intoArray(out, row + j + half);
        s2lo.intoArray(out, row + width + j);
        s2hi.intoArray(out, row + width + j + half);
      }
    }
  }
}
