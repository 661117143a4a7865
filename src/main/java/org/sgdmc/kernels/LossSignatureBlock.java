package org.sgdmc.kernels;

/**
 * Any {@link StateBlock} whose channel {@code lossChannel} is {@code log sqrt(2 L)} (the training loss of every grok
 * model), with seven channels more: the running sums of the spectral signature of L over the first K states
 * {@code L_0 .. L_(K-1)} (the states from which the first K steps are taken), for {@link
 * org.sgdmc.stats.SpectralSignature}. Nothing of the curve is stored: per trajectory the sums, the last loss and
 * the last difference.
 *
 * <p>Channels {@code C + 0 .. C + 6} (C the inner block's): the samples so far (min(now + 1, K)), {@code sum L},
 * {@code sum L^2}, {@code sum D}, {@code sum D^2}, {@code sum E}, {@code sum E^2} with {@code D_t = L_t - L_(t-1)},
 * {@code E_t = D_t - D_(t-1)}; squares added by fma, terms in step order. {@code L = 0.5 exp(2 v)} of the inner
 * channel v, by {@link StrictMath#exp} (the same bits on every JVM and compiler tier). A trajectory whose loss
 * stops being finite inside the window has every sum +inf from then on (never NaN).
 *
 * <p>While {@code t < K - 1} the inner block is advanced one step at a time and snapshotted after each (its
 * contract: nothing it reports depends on how the steps were split); after that it runs in the calls it is given.
 * The same code wraps the vector kernel and its scalar twin, which report the same channel bits, so the two
 * wrapped blocks are bit-equal too. Allocation-free after construction.
 */
public final class LossSignatureBlock implements StateBlock {
  /** Channels added to the inner block's. */
  public static final int SUMS = 7;

  private final StateBlock inner;
  private final int window;
  private final int lossChannel;
  private final int width;
  private final int base;
  private final double[] buffer;
  private final double[] sums; // [k * width + i], k = 0..6 as the channels
  private final double[] last;
  private final double[] lastDiff;
  private long now;

  public LossSignatureBlock(StateBlock inner, int window, int lossChannel) {
    if (window < 3) {
      throw new IllegalArgumentException("the signature window K must be at least 3 steps, not " + window);
    }
    if (lossChannel < 0 || lossChannel >= inner.channels()) {
      throw new IllegalArgumentException("no channel " + lossChannel + " in a block of " + inner.channels());
    }
    this.inner = inner;
    this.window = window;
    this.lossChannel = lossChannel;
    this.width = inner.width();
    this.base = inner.channels();
    this.buffer = new double[base * width];
    this.sums = new double[SUMS * width];
    this.last = new double[width];
    this.lastDiff = new double[width];
  }

  /** The twins of {@code inner}, each wrapped, with the training loss in channel 0. */
  public static <M> Twins<M, StateBlock> wrap(Twins<M, StateBlock> inner, int window) {
    return new Twins<>((m, seed, w) -> new LossSignatureBlock(inner.vector().create(m, seed, w), window, 0),
        (m, seed, w) -> new LossSignatureBlock(inner.scalar().create(m, seed, w), window, 0));
  }

  public int window() {
    return window;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return base + SUMS;
  }

  @Override
  public void start(long traj0) {
    inner.start(traj0);
    java.util.Arrays.fill(sums, 0.0);
    now = 0;
    record(0);
  }

  @Override
  public void advance(long from, long to) {
    long t = from;
    while (t < to && t < window - 1) {
      inner.advance(t, t + 1);
      t++;
      record(t);
    }
    if (t < to) {
      inner.advance(t, to);
    }
    now = to;
  }

  /** Adds state t's loss to every trajectory's sums. */
  private void record(long t) {
    inner.snapshot(buffer);
    for (int i = 0; i < width; i++) {
      if (sums[2 * width + i] == Double.POSITIVE_INFINITY) {
        continue;
      }
      double l = 0.5 * StrictMath.exp(2 * buffer[lossChannel * width + i]);
      if (!Double.isFinite(l)) {
        for (int k = 1; k < SUMS; k++) {
          sums[k * width + i] = Double.POSITIVE_INFINITY;
        }
        sums[i] = t + 1;
        continue;
      }
      sums[i] = t + 1;
      sums[width + i] += l;
      sums[2 * width + i] = Math.fma(l, l, sums[2 * width + i]);
      if (t >= 1) {
        double d = l - last[i];
        sums[3 * width + i] += d;
        sums[4 * width + i] = Math.fma(d, d, sums[4 * width + i]);
        if (t >= 2) {
          double e = d - lastDiff[i];
          sums[5 * width + i] += e;
          sums[6 * width + i] = Math.fma(e, e, sums[6 * width + i]);
        }
        lastDiff[i] = d;
      }
      last[i] = l;
    }
  }

  @Override
  public void snapshot(double[] out) {
    inner.snapshot(out);
    System.arraycopy(sums, 0, out, base * width, SUMS * width);
  }
}
