package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.Activation;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.rng.VectorTranscendentals;

/**
 * The vectorised {@link TwoLayerNet} kernel: trajectories across lanes (u, w and the divergence step of
 * each in struct-of-arrays form), steps in segments. Per segment it draws the batch indices of the whole
 * block with vectorised Philox, looks the batch's (x, y) up in scalar code (the same Floyd sampler the
 * twin mirrors, or the
 * epoch's permutation when reshuffling), then runs the segment's steps lane-vector by lane-vector with u and w in registers. A lane
 * whose new state is not finite or leaves the box |u|, |w| <= divergedAbove keeps its old state and
 * records the step; from then on blends keep it frozen, so NaN never reaches the state.
 * {@link TwoLayerNetScalarBlock} is its scalar twin, equal bit for bit.
 */
public final class TwoLayerNetVectorBlock implements StateBlock {
  /** Steps per segment; scratch = 3 x 8 x steps x S x width bytes. */
  static final int STEPS_PER_SEGMENT = 32;
  /** Channels of a snapshot: u, w, and the step at which the trajectory diverged (-1 if it has not). */
  public static final int CHANNELS = 3;

  private final TwoLayerNet model;
  private final Activation act;
  private final long seed;
  private final int width;
  private final int batch;
  private final double lrOverS;
  private final double bound;
  private final int stepsPerSegment;
  private final double[] dataX;
  private final double[] dataY;
  private final double[] u;
  private final double[] w;
  private final double[] divergedAt;
  private final long[] bits;
  private final double[] bx; // x of batch element d of step t of lane i at [(t S + d) width + i]
  private final double[] by;
  private final double[] normals;
  private final double[] gradU; // summed gradients of the current step
  private final double[] gradW;
  private final double[] expBuf; // the exponential of batch element d of the current step at [d width + i]
  private final int[] picks;
  private final FiniteBatchSampler sampler;
  private long traj0;

  public TwoLayerNetVectorBlock(TwoLayerNet model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.model = model;
    this.act = model.activation();
    this.seed = seed;
    this.width = width;
    this.batch = model.batch();
    this.lrOverS = model.lr() / model.batch();
    this.bound = model.divergedAbove();
    this.stepsPerSegment = Math.max(1, STEPS_PER_SEGMENT / batch);
    this.dataX = model.data().x();
    this.dataY = model.data().y();
    int rows = stepsPerSegment * batch;
    this.u = new double[width];
    this.w = new double[width];
    this.divergedAt = new double[width];
    this.bits = new long[(rows + 2) * width]; // +2: a segment may start and end inside a Philox block
    this.bx = new double[rows * width];
    this.by = new double[rows * width];
    this.normals = new double[2 * width];
    this.expBuf = new double[batch * width];
    this.gradU = new double[width];
    this.gradW = new double[width];
    this.picks = new int[batch];
    this.sampler = new FiniteBatchSampler(dataX.length, batch, model.sampling(), width);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return CHANNELS;
  }

  @Override
  public void start(long traj0) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double noise = model.initNoise();
    if (noise > 0) {
      VectorDraws.normals(seed, Stream.INIT.id, traj0, width, 0, 1, bits, normals); // normal 0 -> u, 1 -> w
    }
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector u0 = DoubleVector.broadcast(sp, model.u0());
      DoubleVector w0 = DoubleVector.broadcast(sp, model.w0());
      if (noise > 0) {
        DoubleVector nv = DoubleVector.broadcast(sp, noise);
        u0 = DoubleVector.fromArray(sp, normals, j).fma(nv, u0);
        w0 = DoubleVector.fromArray(sp, normals, width + j).fma(nv, w0);
      }
      u0.intoArray(u, j);
      w0.intoArray(w, j);
      DoubleVector.broadcast(sp, -1.0).intoArray(divergedAt, j);
    }
    this.traj0 = traj0;
  }

  @Override
  public void advance(long from, long to) {
    for (long t = from; t < to; t += stepsPerSegment) {
      int n = (int) Math.min(stepsPerSegment, to - t);
      fillBatches(t, n);
      if (act == Activation.TANH) {
        stepTanh(t, n);
      } else {
        stepSwish(t, n);
      }
    }
  }

  /**
   * (x, y) of every batch element of steps {@code t0 .. t0+steps-1}: draw k = t S + d of stream BATCH, which
   * picks point d of the batch (with or without replacement) or shuffles position k of the epoch's permutation
   * (reshuffling; the sampler keeps each lane's permutation).
   */
  private void fillBatches(long t0, int steps) {
    int row0 = sampler.drawBatches(seed, traj0, width, t0, steps, bits);
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < width; i++) {
        sampler.pick(bits, (row0 + t * batch) * width + i, width, i, t0 + t, picks);
        for (int d = 0; d < batch; d++) {
          int at = (t * batch + d) * width + i;
          bx[at] = dataX[picks[d]];
          by[at] = dataY[picks[d]];
        }
      }
    }
  }

  // Each step is three passes over the block, so that no method holds both an exponential and the rest of the
  // step: with both in one body C2 reached its inlining node limit (NodeCountInliningCutoff) and left
  // VectorTranscendentals.tanh or sigmoid as a real call, boxing every vector that crossed it (about 40
  // bytes per trajectory-step; FastPathTest). A pass takes and returns arrays only, so whether or not C2
  // inlines a pass into its caller, no vector crosses a call. u, w and the exponentials stay in L1.

  private void stepTanh(long t0, int steps) {
    for (int t = 0; t < steps; t++) {
      exponentials(t, true);
      gradientsTanh(t);
      update(t0 + t);
    }
  }

  private void stepSwish(long t0, int steps) {
    for (int t = 0; t < steps; t++) {
      exponentials(t, false);
      gradientsSwish(t);
      update(t0 + t);
    }
  }

  /**
   * Pass 1 of step t: with z = w x of each batch element, exp(2|z|) for tanh ({@link
   * VectorTranscendentals#tanh(DoubleVector, DoubleVector)}'s second argument) or exp(-z) for the swish's
   * sigmoid, into {@code expBuf[d * width + j]}.
   */
  private void exponentials(int t, boolean tanh) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int d = 0; d < batch; d++) {
      int row = (t * batch + d) * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector z = DoubleVector.fromArray(sp, w, j).mul(DoubleVector.fromArray(sp, bx, row + j));
        DoubleVector arg = tanh ? z.abs().mul(2.0) : z.neg();
        VectorTranscendentals.exp(arg).intoArray(expBuf, d * width + j);
      }
    }
  }

  /** Pass 2 of step t for tanh: the summed gradients in u and w into {@code gradU}, {@code gradW}. */
  private void gradientsTanh(int t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector one = DoubleVector.broadcast(sp, 1.0);
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector uv = DoubleVector.fromArray(sp, u, j);
      DoubleVector wv = DoubleVector.fromArray(sp, w, j);
      DoubleVector gu = DoubleVector.zero(sp), gw = DoubleVector.zero(sp);
      for (int d = 0; d < batch; d++) {
        int at = (t * batch + d) * width + j;
        DoubleVector x = DoubleVector.fromArray(sp, bx, at);
        DoubleVector y = DoubleVector.fromArray(sp, by, at);
        DoubleVector z = wv.mul(x);
        DoubleVector a = VectorTranscendentals.tanh(z, DoubleVector.fromArray(sp, expBuf, d * width + j));
        DoubleVector slope = a.neg().fma(a, one);
        DoubleVector r = uv.fma(a, y.neg());
        gu = r.fma(a, gu);
        gw = r.mul(slope).fma(x, gw);
      }
      gu.intoArray(gradU, j);
      gw.intoArray(gradW, j);
    }
  }

  /** Pass 2 of step t for the swish a = z s, s = sigmoid(z) = 1 / (1 + exp(-z)). */
  private void gradientsSwish(int t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector one = DoubleVector.broadcast(sp, 1.0);
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector uv = DoubleVector.fromArray(sp, u, j);
      DoubleVector wv = DoubleVector.fromArray(sp, w, j);
      DoubleVector gu = DoubleVector.zero(sp), gw = DoubleVector.zero(sp);
      for (int d = 0; d < batch; d++) {
        int at = (t * batch + d) * width + j;
        DoubleVector x = DoubleVector.fromArray(sp, bx, at);
        DoubleVector y = DoubleVector.fromArray(sp, by, at);
        DoubleVector z = wv.mul(x);
        DoubleVector s = VectorTranscendentals.sigmoidFromExp(DoubleVector.fromArray(sp, expBuf, d * width + j));
        DoubleVector a = z.mul(s);
        DoubleVector slope = a.fma(one.sub(s), s);
        DoubleVector r = uv.fma(a, y.neg());
        gu = r.fma(a, gu);
        gw = r.mul(slope).fma(x, gw);
      }
      gu.intoArray(gradU, j);
      gw.intoArray(gradW, j);
    }
  }

  /**
   * Pass 3: the step from the summed gradients. A lane whose new state is not finite or leaves the box keeps
   * its old one and records the step (1-based: the step that failed); frozen lanes stay put.
   */
  private void update(long step) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector negLr = DoubleVector.broadcast(sp, -lrOverS);
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector uv = DoubleVector.fromArray(sp, u, j);
      DoubleVector wv = DoubleVector.fromArray(sp, w, j);
      DoubleVector dv = DoubleVector.fromArray(sp, divergedAt, j);
      DoubleVector un = DoubleVector.fromArray(sp, gradU, j).fma(negLr, uv);
      DoubleVector wn = uv.mul(DoubleVector.fromArray(sp, gradW, j)).fma(negLr, wv);
      VectorMask<Double> ok = un.abs().compare(VectorOperators.LE, bound).and(wn.abs().compare(VectorOperators.LE, bound));
      VectorMask<Double> alive = dv.compare(VectorOperators.LT, 0.0);
      dv.blend((double) (step + 1), alive.andNot(ok)).intoArray(divergedAt, j);
      VectorMask<Double> move = alive.and(ok);
      uv.blend(un, move).intoArray(u, j);
      wv.blend(wn, move).intoArray(w, j);
    }
  }

  @Override
  public void snapshot(double[] out) {
    System.arraycopy(u, 0, out, 0, width);
    System.arraycopy(w, 0, out, width, width);
    System.arraycopy(divergedAt, 0, out, 2 * width, width);
  }
}
