package org.sgdmc.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised fills of uniforms, normals and symmetric stable numbers for a block of consecutive trajectories, in the draw-major layout
 * of {@link Philox4x32Vector#fillBits}: value {@code d} of trajectory {@code traj0 + j} at {@code out[d*width + j]}.
 * Each value equals, bit for bit, the scalar {@link Draws} value with the same coordinates.
 */
public final class VectorDraws {
  private VectorDraws() {}

  /** Uniforms in [0, 1): draws {@code 2*block0 ..} of {@code width} trajectories; {@code bits} is scratch. */
  public static void uniforms(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, long[] bits, double[] out) {
    Philox4x32Vector.fillBits(seed, stream, traj0, width, block0, nBlocks, bits, 0);
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    int n = 2 * nBlocks * width;
    for (int i = 0; i < n; i += sp.length()) {
      VectorUniforms.closedOpen(LongVector.fromArray(sp, bits, i)).intoArray(out, i);
    }
  }

  /**
   * Standard normals {@code 2*block0 .. 2*(block0+nBlocks)-1} of {@code width} trajectories by Box-Muller
   * (see {@link Draws#normal}); {@code bits} is scratch of the same length as {@code out}'s used part.
   */
  public static void normals(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, long[] bits, double[] out) {
    Philox4x32Vector.fillBits(seed, stream, traj0, width, block0, nBlocks, bits, 0);
    radii(bits, out, width, nBlocks);
    normalsFromAngles(bits, out, width, nBlocks);
  }

  /** Pass 1 of {@link #normals}: the radius sqrt(-2 ln u1) of each block into its even row. */
  private static void radii(long[] bits, double[] out, int width, int nBlocks) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector u1 = VectorUniforms.openClosed(LongVector.fromArray(sp, bits, row + j));
        VectorTranscendentals.log(u1).mul(-2.0).sqrt().intoArray(out, row + j);
      }
    }
  }

  /**
   * Pass 2 of {@link #normals}: radius times the cosine (even row) and the sine (odd row) of 2 pi u2. One
   * reduction and one pair of polynomials serve both: {@link VectorTranscendentals#cos2pi} and
   * {@link VectorTranscendentals#sin2pi} would each evaluate both kernels (the same operations, so the same
   * bits, at twice the cost), and the doubled body pushed C2 past its inlining budget, leaving a vector call
   * that boxed every argument.
   */
  private static void normalsFromAngles(long[] bits, double[] out, int width, int nBlocks) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector u2 = VectorUniforms.closedOpen(LongVector.fromArray(sp, bits, row + width + j));
        DoubleVector radius = DoubleVector.fromArray(VectorShapes.DOUBLES, out, row + j);
        DoubleVector t = u2.mul(4.0);
        DoubleVector qr = t.add(Transcendentals.ROUNDER);
        LongVector q = qr.viewAsIntegralLanes();
        DoubleVector x = t.sub(qr.sub(Transcendentals.ROUNDER)).mul(Transcendentals.HALF_PI);
        DoubleVector sk = VectorTranscendentals.sinKernel(x);
        DoubleVector ck = VectorTranscendentals.cosKernel(x);
        VectorMask<Double> odd = q.and(1L).compare(VectorOperators.NE, 0L).cast(VectorShapes.DOUBLES);
        // sin 2 pi u = the kernel of quadrant q, negated in quadrants 2 and 3; cos is sin a quadrant on
        DoubleVector sin = sk.blend(ck, odd);
        DoubleVector cos = ck.blend(sk, odd);
        sin = sin.blend(sin.neg(), q.and(2L).compare(VectorOperators.NE, 0L).cast(VectorShapes.DOUBLES));
        cos = cos.blend(cos.neg(), q.add(1L).and(2L).compare(VectorOperators.NE, 0L).cast(VectorShapes.DOUBLES));
        radius.mul(cos).intoArray(out, row + j);
        radius.mul(sin).intoArray(out, row + width + j);
      }
    }
  }

  /**
   * Squares of standard normals, {@code out[d*width + j]} = {@link Draws#normalSquare} of normal
   * {@code 2*block0 + d} of trajectory {@code traj0 + j}, for blocks {@code block0 .. block0+nBlocks-1}.
   */
  public static void normalSquares(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, long[] bits, double[] out) {
    Philox4x32Vector.fillBits(seed, stream, traj0, width, block0, nBlocks, bits, 0);
    // Two short passes rather than one long body: each loop's iterations are independent and short, so the
    // CPU overlaps several of them (the polynomials are chains of dependent operations), and each method
    // stays small enough for C2 to inline every Vector API call in it.
    radiiSquared(bits, out, width, nBlocks);
    squaresFromAngles(bits, out, width, nBlocks);
  }

  /** Pass 1: r2 = -2 ln u1 of each block into its even row of {@code out}. */
  private static void radiiSquared(long[] bits, double[] out, int width, int nBlocks) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector u1 = VectorUniforms.openClosed(LongVector.fromArray(sp, bits, row + j));
        VectorTranscendentals.log(u1).mul(-2.0).intoArray(out, row + j);
      }
    }
  }

  /**
   * Pass 2: with c, s the cosine and sine of 2 pi u2, the even row becomes r2 c^2 and the odd row r2 s^2.
   * Squares need no signs, so the quadrant only decides which kernel is the cosine.
   */
  private static void squaresFromAngles(long[] bits, double[] out, int width, int nBlocks) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector u2 = VectorUniforms.closedOpen(LongVector.fromArray(sp, bits, row + width + j));
        DoubleVector r2 = DoubleVector.fromArray(VectorShapes.DOUBLES, out, row + j);
        DoubleVector t = u2.mul(4.0);
        DoubleVector qr = t.add(Transcendentals.ROUNDER);
        DoubleVector x = t.sub(qr.sub(Transcendentals.ROUNDER)).mul(Transcendentals.HALF_PI);
        VectorMask<Double> odd = qr.viewAsIntegralLanes().and(1L).compare(VectorOperators.NE, 0L).cast(VectorShapes.DOUBLES);
        DoubleVector sk = VectorTranscendentals.sinKernel(x);
        DoubleVector ck = VectorTranscendentals.cosKernel(x);
        DoubleVector cos = ck.blend(sk, odd); // +-cos(2 pi u2)
        DoubleVector sin = sk.blend(ck, odd); // +-sin(2 pi u2)
        r2.mul(cos.mul(cos)).intoArray(out, row + j);
        r2.mul(sin.mul(sin)).intoArray(out, row + width + j);
      }
    }
  }

  // ------------------------------------------------------------------ symmetric alpha-stable numbers

  /**
   * Symmetric alpha-stable numbers by Chambers-Mallows-Stuck, one per Philox block:
   * {@code out[b*width + j]} = {@link Draws#symmetricStable} number {@code block0 + b} of trajectory
   * {@code traj0 + j}, bit for bit, for b in 0..nBlocks-1. {@code bits} is scratch of
   * {@code 2*nBlocks*width} longs, first filled with the draws and then reused for intermediate doubles.
   *
   * @param width trajectories per row; a multiple of {@link Philox4x32Vector#lanes()}
   */
  public static void symmetricStables(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, StableShape shape, long[] bits, double[] out) {
    Philox4x32Vector.fillBits(seed, stream, traj0, width, block0, nBlocks, bits, 0);
    // Six short passes, each one or two polynomials long, rather than one body of three sines, two
    // logarithms and an exponential: every pass stays small enough for C2 to inline all its Vector API
    // calls, and its iterations are independent, so the CPU overlaps them (measured on AVX2: 12% fewer
    // stables per second with 4 passes, 20% fewer with 3). Intermediate doubles live, as raw bits, in the
    // rows of the second draws, which pass 1 has consumed, and cos V in out.
    exponentialVariates(bits, width, nBlocks);
    cosines(bits, out, width, nBlocks);
    ratios(bits, out, width, nBlocks, shape.oneMinusAlpha);
    scaledLogs(bits, width, nBlocks, shape.exponent);
    powersFromLogs(bits, width, nBlocks);
    stablesFromSines(bits, out, width, nBlocks, shape.alpha);
  }

  /** {@link #symmetricStables(long, int, long, int, long, int, StableShape, long[], double[])} for index {@code alpha}. */
  public static void symmetricStables(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, double alpha, long[] bits, double[] out) {
    symmetricStables(seed, stream, traj0, width, block0, nBlocks, StableShape.of(alpha), bits, out);
  }

  /** Pass 1: the exponential variate W = -ln U2 over each second-draw row (odd rows of {@code bits}), in place. */
  private static void exponentialVariates(long[] bits, int width, int nBlocks) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = (2 * b + 1) * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector u2 = VectorUniforms.open(LongVector.fromArray(sp, bits, row + j));
        VectorTranscendentals.log(u2).neg().viewAsIntegralLanes().intoArray(bits, row + j);
      }
    }
  }

  /** Pass 2: cos V = cos(pi d) into {@code out}. */
  private static void cosines(long[] bits, double[] out, int width, int nBlocks) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector d = VectorUniforms.open(LongVector.fromArray(sp, bits, row + j)).sub(0.5);
        VectorTranscendentals.cosPiProduct(1.0, d).intoArray(out, b * width + j);
      }
    }
  }

  /** Pass 3: the power's base r = cos((1 - alpha) V) / (W cos V), over W. */
  private static void ratios(long[] bits, double[] out, int width, int nBlocks, double oneMinusAlpha) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector d = VectorUniforms.open(LongVector.fromArray(sp, bits, row + j)).sub(0.5);
        DoubleVector w = LongVector.fromArray(sp, bits, row + width + j).viewAsFloatingLanes();
        DoubleVector cosV = DoubleVector.fromArray(VectorShapes.DOUBLES, out, b * width + j);
        DoubleVector cosRest = VectorTranscendentals.cosPiProduct(oneMinusAlpha, d);
        cosRest.div(w.mul(cosV)).viewAsIntegralLanes().intoArray(bits, row + width + j);
      }
    }
  }

  /**
   * Pass 4: p ln r over r, in place. With pass 5 this is r^p as {@link Transcendentals#pow} computes it,
   * exp(p ln r), the logarithm and the exponential in separate loops (see
   * {@link Transcendentals#pow(DoubleVector, double)}).
   */
  private static void scaledLogs(long[] bits, int width, int nBlocks, double exponent) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = (2 * b + 1) * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector r = LongVector.fromArray(sp, bits, row + j).viewAsFloatingLanes();
        VectorTranscendentals.log(r).mul(exponent).viewAsIntegralLanes().intoArray(bits, row + j);
      }
    }
  }

  /** Pass 5: exp of pass 4's p ln r, in place: r^p. */
  private static void powersFromLogs(long[] bits, int width, int nBlocks) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = (2 * b + 1) * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector y = LongVector.fromArray(sp, bits, row + j).viewAsFloatingLanes();
        VectorTranscendentals.exp(y).viewAsIntegralLanes().intoArray(bits, row + j);
      }
    }
  }

  /** Pass 6: Z = sin(alpha V) / cos V * r^p, over cos V. */
  private static void stablesFromSines(long[] bits, double[] out, int width, int nBlocks, double alpha) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector d = VectorUniforms.open(LongVector.fromArray(sp, bits, row + j)).sub(0.5);
        DoubleVector power = LongVector.fromArray(sp, bits, row + width + j).viewAsFloatingLanes();
        DoubleVector cosV = DoubleVector.fromArray(VectorShapes.DOUBLES, out, b * width + j);
        VectorTranscendentals.sinPiProduct(alpha, d).div(cosV).mul(power).intoArray(out, b * width + j);
      }
    }
  }
}
