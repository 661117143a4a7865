package org.sgdmc.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sgdmc.models.Activation;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.models.GrokMc;
import org.sgdmc.models.GrokRelu;
import org.sgdmc.models.GrokReluDatasets;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.LinearD;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.Sampling;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.models.PointData;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.models.TwoLayerNet;

/**
 * Every kernel configuration there is, one small example model each, in the manner of Commons RNG's {@code
 * ProvidersList}: the shared invariant tests (twin equality, width independence, golden values, forced vector
 * widths) run over this list, so a new model or data kind added here cannot skip them, and one not added
 * here is caught by nothing. A configuration is a distinct code path of a kernel: a data source, a sampling
 * scheme, a noise model, an activation. Loops over the enums ({@link Activation}, {@link NoiseModel}) pick up
 * a new constant by themselves.
 *
 * <p>The examples are small (a few points, low dimensions) and their learning rates keep most trajectories
 * finite over a few hundred steps, so that a mismatch shows in finite numbers.
 */
public final class KernelRegistry {
  /** A small 1-D dataset without an outlier. */
  private static final double[] SMALL_X = {0.3, -1.2, 2.5, 0.05, -0.7, 1.9, -3.1};
  private static final List<KernelEntry> ENTRIES = List.copyOf(build());

  private KernelRegistry() {}

  /** All entries, in a fixed order. */
  public static List<KernelEntry> entries() {
    return ENTRIES;
  }

  /** The entry named {@code name}. */
  public static KernelEntry get(String name) {
    return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no kernel entry " + name));
  }

  private static List<KernelEntry> build() {
    List<KernelEntry> list = new ArrayList<>();
    linreg1d(list);
    saddle(list);
    linearD(list);
    twoLayer(list);
    linreg1dTails(list);
    linearDTails(list);
    logistic1d(list);
    grokLinreg(list);
    grokReshuffle(list);
    doubleWell(list);
    twoBasin(list);
    twoTimescale(list);
    grokMcReshuffle(list);
    return list;
  }

  private static void linreg1d(List<KernelEntry> list) {
    FeatureData gauss = new FeatureData.Gaussian();
    FeatureData small = new FeatureData.Finite(SMALL_X, "registry");
    Twins<Linreg1d, TrajectoryBlock> k = Kernels.LINREG1D;
    list.add(KernelEntry.trajectories("linreg1d-gaussian", new Linreg1d(0.5, 1, gauss, false, 1.0), 1, k));
    list.add(KernelEntry.trajectories("linreg1d-gaussian-batch", new Linreg1d(0.7, 2, gauss, false, 1.0), 1, k));
    list.add(KernelEntry.trajectories("linreg1d-gaussian-single", new Linreg1d(0.5, 1, gauss, false, 1.0), 1,
        Kernels.LINREG1D_SINGLE));
    list.add(KernelEntry.trajectories("linreg1d-gaussian-batch-single", new Linreg1d(0.7, 3, gauss, false, 1.0), 1,
        Kernels.LINREG1D_SINGLE));
    list.add(KernelEntry.trajectories("linreg1d-finite", new Linreg1d(0.8, 3, small, false, 1.0), 1, k));
    list.add(KernelEntry.trajectories("linreg1d-finite-with-replacement", new Linreg1d(0.8, 3, small, true, 1.0), 1, k));
    list.add(KernelEntry.trajectories("linreg1d-finite-outlier",
        new Linreg1d(0.3, 3, Datasets.gaussian(9, 4.0, 5), false, 1.0), 1, k));
    // 7 points in batches of 3: two batches an epoch, one point dropped each epoch
    list.add(KernelEntry.trajectories("linreg1d-finite-reshuffle",
        new Linreg1d(0.8, 3, small, Sampling.RESHUFFLE, 1.0), 1, k));
    list.add(KernelEntry.trajectories("linreg1d-finite-reshuffle-batch-1",
        new Linreg1d(0.3, 1, Datasets.gaussian(9, 4.0, 5), Sampling.RESHUFFLE, 1.0), 1, k));
  }

  private static void saddle(List<KernelEntry> list) {
    SaddleData.Finite small = new SaddleData.Finite(
        SMALL_X, new double[] {1.1, 0.4, -0.9, 2.0, -0.3, 0.8, -1.7}, "registry");
    Twins<Saddle, TrajectoryBlock> k = Kernels.SADDLE;
    list.add(KernelEntry.trajectories("saddle-two-point",
        new Saddle(0.9, 1, new SaddleData.TwoPoint(-0.5), false, 1.0, 0.5), 2, k));
    list.add(KernelEntry.trajectories("saddle-gaussian",
        new Saddle(1.1, 2, new SaddleData.Gaussian(0.06), false, 1.0, 0.5), 2, k));
    list.add(KernelEntry.trajectories("saddle-finite", new Saddle(0.8, 3, small, false, 1.0, 0.0), 2, k));
    list.add(KernelEntry.trajectories("saddle-finite-with-replacement", new Saddle(0.8, 3, small, true, 1.0, 0.0), 2, k));
    list.add(KernelEntry.trajectories("saddle-finite-reshuffle",
        new Saddle(0.8, 2, small, Sampling.RESHUFFLE, 1.0, 0.0), 2, k));
  }

  private static void linearD(List<KernelEntry> list) {
    Twins<LinearD, TrajectoryBlock> k = Kernels.LINEAR_D;
    list.add(KernelEntry.trajectories("linear-d",
        new LinearD(0.3, 2, PointData.Gaussian.isotropic(3, 1.0), false, 2, 5), 2, k));
    list.add(KernelEntry.trajectories("linear-d-correlated", new LinearD(0.6, 2, PointData.CorrelatedGaussian.of(
        new double[][] {{1.0, 0.3, -0.2}, {0.3, 0.8, 0.1}, {-0.2, 0.1, 0.5}}), false, 3, 5), 3, k));
    PointData finite = Datasets.gaussianPoints(7, PointData.Gaussian.isotropic(3, 1.0), 4);
    list.add(KernelEntry.trajectories("linear-d-finite", new LinearD(0.5, 3, finite, false, 2, 6), 2, k));
    list.add(KernelEntry.trajectories("linear-d-finite-with-replacement", new LinearD(0.5, 4, finite, true, 3, 2), 3, k));
    list.add(KernelEntry.trajectories("linear-d-finite-reshuffle",
        new LinearD(0.5, 2, finite, Sampling.RESHUFFLE, 3, 4), 3, k));
  }

  private static void twoLayer(List<KernelEntry> list) {
    for (Activation act : Activation.values()) {
      TwoLayerNet model = new TwoLayerNet(act, Datasets.teacher(act, 20, 0.1, 7, false), 0.2, 1, false, 0.5, -1.0,
          0.0, TwoLayerNet.DEFAULT_DIVERGED_ABOVE);
      list.add(KernelEntry.states("two-layer-" + lower(act), model, TwoLayerNetVectorBlock.CHANNELS, Kernels.TWO_LAYER));
    }
    // batches of several points drawn with replacement, and initial noise: the paths the loop above skips
    TwoLayerNet batched = new TwoLayerNet(Activation.SWISH, Datasets.teacher(Activation.SWISH, 23, 0.1, 5, false), 1.5,
        4, true, 0.2, 0.7, 0.01, TwoLayerNet.DEFAULT_DIVERGED_ABOVE);
    list.add(KernelEntry.states("two-layer-batch-with-replacement", batched, TwoLayerNetVectorBlock.CHANNELS,
        Kernels.TWO_LAYER));
    // lr = 9 diverges within a few steps: the divergence marking and freezing
    TwoLayerNet diverging = new TwoLayerNet(Activation.SWISH, Datasets.teacher(Activation.SWISH, 23, 0.1, 5, false), 9.0,
        1, false, 0.5, 0.5, 0.1, 50.0);
    list.add(KernelEntry.states("two-layer-diverging", diverging, TwoLayerNetVectorBlock.CHANNELS, Kernels.TWO_LAYER));
    // reshuffled each epoch: 7 points in batches of 2 (3 batches an epoch, one point sits each epoch out)
    TwoLayerNet reshuffled = new TwoLayerNet(Activation.TANH, Datasets.teacher(Activation.TANH, 7, 0.1, 7, false), 0.6,
        2, Sampling.RESHUFFLE, 0.5, -1.0, 0.05, TwoLayerNet.DEFAULT_DIVERGED_ABOVE);
    list.add(KernelEntry.states("two-layer-reshuffle", reshuffled, TwoLayerNetVectorBlock.CHANNELS, Kernels.TWO_LAYER));
  }

  private static void linreg1dTails(List<KernelEntry> list) {
    LabelledData stream = new LabelledData.Stream(0.5);
    LabelledData finite = LabelledData.Finite.generated(40, 1.0, 0.7, 3);
    for (NoiseModel noise : NoiseModel.values()) {
      double alpha = noise == NoiseModel.STABLE ? 1.5 : Double.NaN;
      list.add(KernelEntry.states("linreg1d-tails-" + noise.label() + "-stream",
          new Linreg1dTails(0.5, 2, stream, true, noise, alpha, Double.NaN), StationaryBlock.CHANNELS,
          Kernels.LINREG1D_TAILS));
      list.add(KernelEntry.states("linreg1d-tails-" + noise.label() + "-finite",
          new Linreg1dTails(0.6, 4, finite, false, noise, alpha, Double.NaN), StationaryBlock.CHANNELS,
          Kernels.LINREG1D_TAILS));
    }
    // Euler-Maruyama at dt = lr / l (seed 004's SDE approached at finite lr): 4 substeps a step on the stream, 16
    // on a finite dataset (one step per vector segment then)
    list.add(KernelEntry.states("linreg1d-tails-gaussian-4-substeps-stream",
        new Linreg1dTails(0.5, 2, stream, true, NoiseModel.GAUSSIAN, Double.NaN, Double.NaN, 4),
        StationaryBlock.CHANNELS, Kernels.LINREG1D_TAILS));
    list.add(KernelEntry.states("linreg1d-tails-gaussian-16-substeps-finite",
        new Linreg1dTails(0.6, 4, finite, false, NoiseModel.GAUSSIAN, Double.NaN, Double.NaN, 16),
        StationaryBlock.CHANNELS, Kernels.LINREG1D_TAILS));
    list.add(KernelEntry.states("linreg1d-tails-minibatch-finite-with-replacement",
        Linreg1dTails.minibatch(0.8, 1, finite, true), StationaryBlock.CHANNELS, Kernels.LINREG1D_TAILS));
    // reshuffled: N = 9, S = 2, four batches an epoch and one point left out, so ten steps cross two epochs
    list.add(KernelEntry.states("linreg1d-tails-minibatch-finite-reshuffle",
        new Linreg1dTails(0.9, 2, LabelledData.Finite.generated(9, 1.0, 0.7, 3), Sampling.RESHUFFLE,
            NoiseModel.MINIBATCH, Double.NaN, Double.NaN), StationaryBlock.CHANNELS, Kernels.LINREG1D_TAILS));
    // lambda > 0: |u| passes the divergence threshold and reads +inf from then on
    list.add(KernelEntry.states("linreg1d-tails-minibatch-stream-diverging",
        Linreg1dTails.minibatch(5.0, 1, stream, true), StationaryBlock.CHANNELS, Kernels.LINREG1D_TAILS));
  }

  private static void logistic1d(List<KernelEntry> list) {
    org.sgdmc.models.PointGradients data =
        org.sgdmc.models.PointGradients.generated(org.sgdmc.models.PointGradients.Loss.LOGISTIC, 20, 1, 1.0, 4);
    double[] x = new double[20];
    for (int i = 0; i < 20; i++) {
      x[i] = data.x()[i][0];
    }
    list.add(KernelEntry.states("logistic1d-minibatch", org.sgdmc.models.Logistic1d.of(0.8, 3, x, data.y(),
        NoiseModel.MINIBATCH, 1), StationaryBlock.CHANNELS, Kernels.LOGISTIC1D));
    list.add(KernelEntry.states("logistic1d-gaussian-4-substeps", org.sgdmc.models.Logistic1d.of(0.8, 2, x, data.y(),
        NoiseModel.GAUSSIAN, 4), StationaryBlock.CHANNELS, Kernels.LOGISTIC1D));
    // reshuffled each epoch: 20 points in batches of 3 (6 batches an epoch, two points sit each epoch out)
    list.add(KernelEntry.states("logistic1d-minibatch-reshuffle", org.sgdmc.models.Logistic1d.of(0.8, 3, x, data.y(),
        NoiseModel.MINIBATCH, 1, Sampling.RESHUFFLE), StationaryBlock.CHANNELS, Kernels.LOGISTIC1D));
  }

  private static void linearDTails(List<KernelEntry> list) {
    Twins<LinearDTails, StationaryBlock> k = Kernels.LINEAR_D_TAILS;
    list.add(KernelEntry.states("linear-d-tails-stream", LinearDTails.stream(0.1, 3,
        new PointData.Gaussian(new double[] {1.0, 0.5, 0.25, 2.0, 1.0}), 0.7), StationaryBlock.CHANNELS, k));
    list.add(KernelEntry.states("linear-d-tails-finite", LinearDTails.generated(0.1, 3, 30, 4, 1.0, false, 5),
        StationaryBlock.CHANNELS, k));
    list.add(KernelEntry.states("linear-d-tails-finite-with-replacement",
        LinearDTails.generated(0.1, 2, 30, 4, 1.0, true, 6), StationaryBlock.CHANNELS, k));
    // top exponent +0.69 a step: diverges within about 100 steps, the tangent goes on
    list.add(KernelEntry.states("linear-d-tails-stream-diverging", LinearDTails.isotropicStream(2.0, 1, 3, 1.0),
        StationaryBlock.CHANNELS, k));
    // reshuffled each epoch (issue 15 item 2): N = 9, S = 2, four batches an epoch and one point left out, so ten
    // steps cross two epochs
    list.add(KernelEntry.states("linear-d-tails-finite-reshuffle",
        LinearDTails.generated(0.2, 2, 9, 3, 1.0, Sampling.RESHUFFLE, 7), StationaryBlock.CHANNELS, k));
  }

  private static void grokLinreg(List<KernelEntry> list) {
    Twins<GrokLinreg, StateBlock> k = Kernels.GROK_LINREG;
    GrokData data = GrokData.generate(5, 7, 0.1, 3);
    int c = GrokLinregScalarBlock.CHANNELS;
    // thresholds that some trajectories reach within the first steps, so both event paths run
    list.add(KernelEntry.states("grok-linreg-gd", new GrokLinreg(data, 0.1, 0.05, 1.5, 5, false, 0.3, 0.6), c, k));
    list.add(KernelEntry.states("grok-linreg-sgd", new GrokLinreg(data, 0.1, 0.02, 1.0, 2, false, 0.2, 0.5), c, k));
    list.add(KernelEntry.states("grok-linreg-sgd-with-replacement",
        new GrokLinreg(data, 0.2, 0.0, 2.0, 3, true, 0.5, 1.0), c, k));
    // seed 003: the streaming loss signature over the first 6 states, wrapped around both twins
    list.add(KernelEntry.states("grok-linreg-sgd-signature", new GrokLinreg(data, 0.1, 0.02, 1.0, 2, false, 0.2, 0.5),
        c + LossSignatureBlock.SUMS, LossSignatureBlock.wrap(k, 6)));
    // --dataset per-trajectory: each lane its own X, y, beta* and test level (levels some lanes reach early)
    org.sgdmc.models.GrokDatasets own = new org.sgdmc.models.GrokDatasets(
        org.sgdmc.models.GrokDatasets.Kind.DENSE, 5, 7, 0, 0.1, 3, true);
    Twins<org.sgdmc.models.GrokLinregDatasets, StateBlock> kd = Kernels.GROK_LINREG_DATASETS;
    list.add(KernelEntry.states("grok-linreg-gd-per-trajectory-data",
        new org.sgdmc.models.GrokLinregDatasets(own, 0.1, 0.05, 1.5, 5, false, 0.3, 0.3), c, kd));
    list.add(KernelEntry.states("grok-linreg-sgd-per-trajectory-data",
        new org.sgdmc.models.GrokLinregDatasets(own, 0.1, 0.02, 1.0, 2, true, 0.2, 0.3), c, kd));
    Twins<GrokDiag, StateBlock> diag = Kernels.GROK_DIAG;
    GrokData sparse = GrokData.sparse(5, 7, 2, 0.0, 4);
    double[] target = {0.1, -0.2, 0, 0, 0.3, 0, 0.05};
    int cd = GrokDiagScalarBlock.CHANNELS;
    list.add(KernelEntry.states("grok-diag-gd", new GrokDiag(sparse, 0.05, 0.05, 0.7, 5, false, 0.2, 0.4, target), cd,
        diag));
    list.add(KernelEntry.states("grok-diag-sgd-with-replacement",
        new GrokDiag(sparse, 0.05, 0.01, 0.5, 2, true, 0.1, 0.45, target), cd, diag));
    list.add(KernelEntry.states("grok-diag-gd-signature",
        new GrokDiag(sparse, 0.05, 0.05, 0.7, 5, false, 0.2, 0.4, target), cd + LossSignatureBlock.SUMS,
        LossSignatureBlock.wrap(diag, 5)));
    // --dataset per-trajectory: each lane its own X, y, beta*; the first 5 trajectories their minimum-l1 target
    org.sgdmc.models.GrokDatasets ownSparse = new org.sgdmc.models.GrokDatasets(
        org.sgdmc.models.GrokDatasets.Kind.SPARSE, 5, 7, 2, 0.0, 4, true);
    Twins<org.sgdmc.models.GrokDiagDatasets, StateBlock> dd = Kernels.GROK_DIAG_DATASETS;
    list.add(KernelEntry.states("grok-diag-gd-per-trajectory-data",
        new org.sgdmc.models.GrokDiagDatasets(ownSparse, 0.05, 0.05, 0.7, 5, false, 0.2, 0.4, 5), cd, dd));
    list.add(KernelEntry.states("grok-diag-sgd-per-trajectory-data",
        new org.sgdmc.models.GrokDiagDatasets(ownSparse, 0.05, 0.01, 0.5, 2, true, 0.1, 0.45, 5), cd, dd));
    // t1 and t2 at levels that some of the pinned trajectories reach within their first steps and some do not, so
    // that the per-step event paths run (issue 12: t1, t2 exact to the step)
    GrokRelu relu = GrokRelu.generate(6, 2, GrokRelu.DEFAULT_KINKS, GrokRelu.DEFAULT_SLOPES, 5, 0.05, 0.01, 1.0, 0.05)
        .withThresholds(0.05, 0.05);
    list.add(KernelEntry.states("grok-relu-gd", relu, GrokReluScalarBlock.CHANNELS, Kernels.GROK_RELU));
    list.add(KernelEntry.states("grok-relu-sgd", GrokRelu.generate(6, 2, GrokRelu.DEFAULT_KINKS,
        GrokRelu.DEFAULT_SLOPES, 5, 0.05, 0.01, 1.0, 0.05, 2, false).withThresholds(0.05, 0.05),
        GrokReluScalarBlock.CHANNELS, Kernels.GROK_RELU));
    list.add(KernelEntry.states("grok-relu-sgd-with-replacement", GrokRelu.generate(6, 2, GrokRelu.DEFAULT_KINKS,
        GrokRelu.DEFAULT_SLOPES, 5, 0.08, 0.02, 1.0, 0.05, 8, true).withThresholds(0.05, 0.05),
        GrokReluScalarBlock.CHANNELS, Kernels.GROK_RELU));
    // a dataset per trajectory (issue 12, --dataset per-trajectory): each lane its own points
    list.add(KernelEntry.states("grok-relu-gd-per-trajectory", new GrokReluDatasets(relu, 9),
        GrokReluScalarBlock.CHANNELS, Kernels.GROK_RELU_DATASETS));
    list.add(KernelEntry.states("grok-relu-sgd-per-trajectory", new GrokReluDatasets(GrokRelu.generate(6, 2,
        GrokRelu.DEFAULT_KINKS, GrokRelu.DEFAULT_SLOPES, 5, 0.05, 0.01, 1.0, 0.05, 2, false)
        .withThresholds(0.05, 0.05), 9), GrokReluScalarBlock.CHANNELS, Kernels.GROK_RELU_DATASETS));
    // reshuffled each epoch (issue 15 item 2): 7 points in batches of 3, 2 batches an epoch, one point sits each
    // epoch out; 10 steps cross 5 epochs. Fixed data and a dataset per trajectory.
    GrokRelu reluReshuffled = GrokRelu.generate(7, 2, GrokRelu.DEFAULT_KINKS, GrokRelu.DEFAULT_SLOPES, 5, 0.05, 0.01,
        1.0, 0.05, 3, Sampling.RESHUFFLE).withThresholds(0.05, 0.05);
    list.add(KernelEntry.states("grok-relu-sgd-reshuffle", reluReshuffled, GrokReluScalarBlock.CHANNELS,
        Kernels.GROK_RELU));
    list.add(KernelEntry.states("grok-relu-sgd-reshuffle-per-trajectory", new GrokReluDatasets(reluReshuffled, 9),
        GrokReluScalarBlock.CHANNELS, Kernels.GROK_RELU_DATASETS));
    double[][] tm = GrokMc.truthAndMask(4, 1, 0.5, 2);
    boolean[] mask = new boolean[16];
    for (int e = 0; e < 16; e++) {
      mask[e] = tm[1][e] == 1;
    }
    GrokMc mc = new GrokMc(4, 1, tm[0], mask, 0.2, 0.05, 0.8, new double[16]).withThresholds(0.005, 0.3);
    list.add(KernelEntry.states("grok-mc-gd", mc, GrokMcScalarBlock.CHANNELS, Kernels.GROK_MC));
    list.add(KernelEntry.states("grok-mc-sgd", new GrokMc(4, 1, tm[0], mask, 0.2, 0.05, 0.8, new double[16], 2, false)
        .withThresholds(0.005, 0.3), GrokMcScalarBlock.CHANNELS, Kernels.GROK_MC));
    list.add(KernelEntry.states("grok-mc-sgd-with-replacement",
        new GrokMc(4, 1, tm[0], mask, 0.3, 0.02, 0.8, new double[16], 3, true).withThresholds(0.005, 0.3),
        GrokMcScalarBlock.CHANNELS, Kernels.GROK_MC));
    // a dataset per trajectory (issue 12, --dataset per-trajectory): each lane its own truth and mask; of the pinned
    // trajectories 3 .. 6, 3 and 4 have their minimum-nuclear-norm target, 5 and 6 their truth
    list.add(KernelEntry.states("grok-mc-gd-per-trajectory", org.sgdmc.models.GrokMcDatasets.of(
        mc, 0.75, 11, 5).withThresholds(0.1, 0.3), GrokMcScalarBlock.CHANNELS, Kernels.GROK_MC_DATASETS));
    // and minibatch SGD from each lane's own observed entries (their number differs from lane to lane)
    list.add(KernelEntry.states("grok-mc-sgd-per-trajectory", org.sgdmc.models.GrokMcDatasets.of(new GrokMc(4, 1,
        tm[0], mask, 0.2, 0.05, 0.8, new double[16], 2, false), 0.75, 11, 5).withThresholds(0.005, 0.3),
        GrokMcScalarBlock.CHANNELS, Kernels.GROK_MC_DATASETS));
    list.add(KernelEntry.states("grok-mc-sgd-with-replacement-per-trajectory", org.sgdmc.models.GrokMcDatasets.of(
        new GrokMc(4, 1, tm[0], mask, 0.3, 0.02, 0.8, new double[16], 3, true), 0.75, 11, 5)
        .withThresholds(0.005, 0.3), GrokMcScalarBlock.CHANNELS, Kernels.GROK_MC_DATASETS));
  }

  /**
   * grok-linreg and grok-diag reshuffled each epoch (issue 15 item 2), on the data of their other entries: 5 points
   * in batches of 2 (2 batches an epoch, one point sits each epoch out: the 10 pinned steps are 5 epochs) and of 3
   * (one batch an epoch, two points left out), fixed and per trajectory; and S = n, every point once a step in the
   * epoch's permuted order.
   */
  private static void grokReshuffle(List<KernelEntry> list) {
    GrokData data = GrokData.generate(5, 7, 0.1, 3);
    int c = GrokLinregScalarBlock.CHANNELS;
    Sampling r = Sampling.RESHUFFLE;
    list.add(KernelEntry.states("grok-linreg-sgd-reshuffle", new GrokLinreg(data, 0.1, 0.02, 1.0, 2, r, 0.2, 0.5), c,
        Kernels.GROK_LINREG));
    list.add(KernelEntry.states("grok-linreg-batch-n-reshuffle", new GrokLinreg(data, 0.1, 0.05, 1.5, 5, r, 0.3, 0.6),
        c, Kernels.GROK_LINREG));
    org.sgdmc.models.GrokDatasets own = new org.sgdmc.models.GrokDatasets(
        org.sgdmc.models.GrokDatasets.Kind.DENSE, 5, 7, 0, 0.1, 3, true);
    list.add(KernelEntry.states("grok-linreg-sgd-reshuffle-per-trajectory-data",
        new org.sgdmc.models.GrokLinregDatasets(own, 0.1, 0.02, 1.0, 3, r, 0.2, 0.3), c, Kernels.GROK_LINREG_DATASETS));
    GrokData sparse = GrokData.sparse(5, 7, 2, 0.0, 4);
    double[] target = {0.1, -0.2, 0, 0, 0.3, 0, 0.05};
    int cd = GrokDiagScalarBlock.CHANNELS;
    list.add(KernelEntry.states("grok-diag-sgd-reshuffle",
        new GrokDiag(sparse, 0.05, 0.01, 0.5, 2, r, 0.1, 0.45, target), cd, Kernels.GROK_DIAG));
    org.sgdmc.models.GrokDatasets ownSparse = new org.sgdmc.models.GrokDatasets(
        org.sgdmc.models.GrokDatasets.Kind.SPARSE, 5, 7, 2, 0.0, 4, true);
    list.add(KernelEntry.states("grok-diag-sgd-reshuffle-per-trajectory-data",
        new org.sgdmc.models.GrokDiagDatasets(ownSparse, 0.05, 0.01, 0.5, 3, r, 0.1, 0.45, 5), cd,
        Kernels.GROK_DIAG_DATASETS));
  }

  /**
   * grok-mc reshuffled each epoch (issue 15 item 2): 13 observed entries of a 4 x 4 rank-1 truth in batches of 4 (3
   * batches an epoch, one entry sits each epoch out: the 10 pinned steps are 3 epochs and one step into the fourth),
   * and S = |Omega|, every observed entry once a step in the epoch's permuted order.
   */
  private static void grokMcReshuffle(List<KernelEntry> list) {
    double[][] tm = GrokMc.truthAndMask(4, 1, 0.75, 5);
    boolean[] mask = new boolean[16];
    for (int e = 0; e < 16; e++) {
      mask[e] = tm[1][e] == 1;
    }
    Sampling r = Sampling.RESHUFFLE;
    list.add(KernelEntry.states("grok-mc-sgd-reshuffle", new GrokMc(4, 1, tm[0], mask, 0.2, 0.05, 0.8, new double[16],
        4, r).withThresholds(0.005, 0.3), GrokMcScalarBlock.CHANNELS, Kernels.GROK_MC));
    list.add(KernelEntry.states("grok-mc-batch-all-reshuffle", new GrokMc(4, 1, tm[0], mask, 0.3, 0.02, 0.8,
        new double[16], 13, r).withThresholds(0.005, 0.3), GrokMcScalarBlock.CHANNELS, Kernels.GROK_MC));
  }

  private static void doubleWell(List<KernelEntry> list) {
    // a low barrier and loud noise, so that some trajectories exit within the golden values' 10 steps and the exit
    // path runs (stable: a jump to either exit)
    double[][] ab = org.sgdmc.models.DoubleWell.dataset(9, 1.5, 1.0, 5);
    Twins<org.sgdmc.models.DoubleWell, StateBlock> k = Kernels.DOUBLE_WELL;
    int c = DoubleWellScalarBlock.CHANNELS;
    list.add(KernelEntry.states("double-well-minibatch",
        org.sgdmc.models.DoubleWell.of(0.3, 1.0, ab, 0.4, 2, NoiseModel.MINIBATCH, 1, Double.NaN), c, k));
    list.add(KernelEntry.states("double-well-gaussian-4-substeps",
        org.sgdmc.models.DoubleWell.of(0.3, 1.0, ab, 0.4, 1, NoiseModel.GAUSSIAN, 4, Double.NaN), c, k));
    list.add(KernelEntry.states("double-well-stable",
        org.sgdmc.models.DoubleWell.of(0.3, 1.0, ab, 0.4, 1, NoiseModel.STABLE, 3, 1.2), c, k));
  }

  private static void twoBasin(List<KernelEntry> list) {
    // shallow basins, loud noise and a small y exit, so that some trajectories exit within the golden values' 10
    // steps, on both sides of the saddle (x >= 0 and x < 0 coefficients both run)
    double[][] d = org.sgdmc.models.TwoBasin.dataset(9, 1.5, 1.0, 5);
    Twins<org.sgdmc.models.TwoBasin, StateBlock> k = Kernels.TWO_BASIN;
    int c = TwoBasinScalarBlock.CHANNELS;
    list.add(KernelEntry.states("two-basin-minibatch", org.sgdmc.models.TwoBasin.of(0.3, 0.6, 0.2, 1.0, 0.4, 1.0, 0.5,
        1.5, false, d, 0.3, 2, NoiseModel.MINIBATCH, 1, Double.NaN), c, k));
    list.add(KernelEntry.states("two-basin-gaussian-3-substeps", org.sgdmc.models.TwoBasin.of(0.3, 0.6, 0.2, 1.0, 0.4,
        1.0, 0.5, 1.5, true, d, 0.3, 1, NoiseModel.GAUSSIAN, 3, Double.NaN), c, k));
    list.add(KernelEntry.states("two-basin-stable", org.sgdmc.models.TwoBasin.of(0.3, 0.6, 0.2, 1.0, 0.4, 1.0, 0.5,
        1.5, false, d, 0.3, 1, NoiseModel.STABLE, 2, 1.3), c, k));
  }

  private static void twoTimescale(List<KernelEntry> list) {
    Twins<org.sgdmc.models.TwoTimescale, StateBlock> k = Kernels.TWO_TIMESCALE;
    int c = TwoTimescaleScalarBlock.CHANNELS;
    org.sgdmc.models.TwoTimescale.Coupling lin = org.sgdmc.models.TwoTimescale.Coupling.LINEAR;
    org.sgdmc.models.TwoTimescale.Coupling quad = org.sgdmc.models.TwoTimescale.Coupling.QUADRATIC;
    org.sgdmc.models.TwoTimescaleData ts = org.sgdmc.models.TwoTimescaleData.generate(lin, 9, 3, 2, 1.5, 1.0, 0.3, 5);
    org.sgdmc.models.TwoTimescaleData qd = org.sgdmc.models.TwoTimescaleData.generate(quad, 8, 2, 2, 1.5, 1.0, 0.1, 6);
    // bands wide enough that t1, the ascent count, the peak and t3 all move within the pinned steps
    list.add(KernelEntry.states("two-timescale-teacher-student-gd",
        new org.sgdmc.models.TwoTimescale(ts, 0.5, 0.1, 9, false, 1.0, 0.5, 1.5), c, k));
    list.add(KernelEntry.states("two-timescale-teacher-student-sgd",
        new org.sgdmc.models.TwoTimescale(ts, 0.3, 0.1, 2, false, 1.0, 0.5, 1.2), c, k));
    list.add(KernelEntry.states("two-timescale-quadratic-sgd-with-replacement",
        new org.sgdmc.models.TwoTimescale(qd, 0.7, 0.1, 3, true, 1.0, 0.8, 1.3), c, k));
    // reshuffled each epoch: 9 points in batches of 2 (4 batches an epoch, one point sits each epoch out)
    list.add(KernelEntry.states("two-timescale-teacher-student-reshuffle",
        new org.sgdmc.models.TwoTimescale(ts, 0.3, 0.1, 2, Sampling.RESHUFFLE, 1.0, 0.5, 1.2), c, k));
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
