package org.sgdmc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.sgdmc.experiments.GrokSignatureExperiment;
import org.sgdmc.experiments.GrokSignatureExperiment.Cell;
import org.sgdmc.io.GrokSignatureFile;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.kernels.GrokDiagScalarBlock;
import org.sgdmc.kernels.GrokLinregScalarBlock;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.kernels.StateBlock;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.stats.Auroc;
import org.sgdmc.stats.SpectralSignature;
import org.sgdmc.sweep.Axis;
import org.sgdmc.theory.MinL1Interpolant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sgdmc sweep grok-signature} (seed 003): does the spectral signature of the first K steps' training loss
 * predict whether a run generalises within its budget? Per (eta, lambda) cell an ensemble; pooled over the grid,
 * each feature's AUROC with a bootstrap interval.
 */
@Command(
    name = "grok-signature",
    header = "seed 003: predict grokking (t2 within the budget) from the loss's spectral signature over the first K "
        + "steps; AUROC per feature over an (eta, lambda) grid.",
    description = {
      "Runs one ensemble per (eta, lambda) cell of grok-linreg (or grok-diag, --model",
      "diag) for T = --steps steps, on common random numbers. Per trajectory, streamed",
      "over the states 0..K-1 (K = --window): the seed's signature (energy m0 = sum L^2,",
      "mobility sqrt(m2/m0), complexity sqrt(m4/m2), m2 and m4 the sums of squared",
      "first and second differences) and Hjorth's (activity var L, mobility",
      "sqrt(var D / var L), complexity sqrt(var E var L) / var D); the label: t2 <= T.",
      "Pooled over the grid, each feature's AUROC with a percentile-bootstrap 95%%",
      "interval; per cell the medians of m0 and of the final test loss (seed Fig. 2).",
      "The prediction's lead time is T - K steps."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepGrokSignatureCommand implements Runnable, SharedOptions.Tailored {
  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "200");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", defaultValue = "linreg",
      description = "linreg (grok-linreg) or diag (grok-diag, a k-sparse teacher) (default: ${DEFAULT-VALUE}).")
  String model;

  @Mixin SgdMixin sgd;
  @Mixin GrokMixin grok;

  @Option(names = "--k", paramLabel = "K", defaultValue = "3",
      description = "--model diag: non-zero coordinates of the teacher, 1..d (default: ${DEFAULT-VALUE}).")
  int support;

  @Option(names = "--lambda", paramLabel = "AXIS", required = true,
      description = "Weight decays: log:START:STOP:COUNT, START:STOP:COUNT or a list.")
  String lambda;

  @Option(names = "--window", paramLabel = "K", defaultValue = "400",
      description = "The signature's window: the losses at states 0..K-1, K >= 3 (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "5000",
      description = "The budget: every cell runs T > K steps; a trajectory generalised when t2 <= T "
          + "(default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "1000",
      description = "Bootstrap replicates of each AUROC's interval (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Mixin EnsembleMixin ensemble;
  @Mixin OutputMixin output;

  @Override
  public void run() {
    grok.onlyFixed("sweep grok-signature");
    if (!model.equals("linreg") && !model.equals("diag")) {
      throw new UserError("--model: linreg or diag, not '" + model + "'");
    }
    if (window < 3) {
      throw new UserError("--window must be at least 3 (second differences need three losses), not " + window);
    }
    if (steps <= window) {
      throw new UserError("--steps " + steps + " must exceed --window " + window + " (the lead time is T - K)");
    }
    if (bootstrap < 1) {
      throw new UserError("--bootstrap must be at least 1, not " + bootstrap);
    }
    Axis lambdas = parse("lambda", lambda);
    Axis etas = parse("lr", sgd.lr);
    for (double eta : etas.values()) {
      if (!(eta > 0) || !Double.isFinite(eta)) {
        throw new UserError("--lr: the learning rate must be a positive finite number, not " + eta);
      }
    }
    ensemble.validated(2);
    if (ensemble.trajectories > 1_000_000) {
      throw new UserError("--trajectories: at most 10^6 per cell (features are kept per trajectory), not "
          + ensemble.trajectories);
    }
    Integer batch = sgd.batch == null ? null : sgd.batch();
    org.sgdmc.models.Sampling sampling = sgd.sampling(true);
    ReshuffleMemory.check(sampling == org.sgdmc.models.Sampling.RESHUFFLE, grok.n, ensemble.threads(),
        ensemble.blockWidth);
    List<Object[]> cells = new ArrayList<>();
    GrokData data = model.equals("linreg") ? grok.data(ensemble.seed) : sparseData();
    MinL1Interpolant minL1 = model.equals("diag") ? MinL1Interpolant.of(data) : null;
    for (double eta : etas.values()) {
      for (double l : lambdas.values()) {
        cells.add(new Object[] {eta, l, model.equals("linreg") ? grok.model(data, eta, l, batch, sampling)
            : diagModel(data, minL1, eta, l, batch, sampling)});
      }
    }
    Path out = output.required();
    Output.checkWritable(output);
    Cell[] results = new Cell[cells.size()];
    for (int i = 0; i < results.length; i++) {
      double eta = (double) cells.get(i)[0], l = (double) cells.get(i)[1];
      Object m = cells.get(i)[2];
      IntFunction<StateBlock> blocks;
      int channels, t2Channel;
      if (m instanceof GrokLinreg g) {
        blocks = Kernels.GROK_LINREG.blocks(g, ensemble.seed, Kernel.VECTOR);
        channels = GrokLinregScalarBlock.CHANNELS;
        t2Channel = 4;
      } else {
        blocks = Kernels.GROK_DIAG.blocks((GrokDiag) m, ensemble.seed, Kernel.VECTOR);
        channels = GrokDiagScalarBlock.CHANNELS;
        t2Channel = 6;
      }
      results[i] = GrokSignatureExperiment.run(blocks, channels, 1, t2Channel, eta, l, window, steps,
          ensemble.trajectories, ensemble.seed, ensemble.threads(), ensemble.blockWidth);
      System.err.printf("sgdmc: cell %d of %d (eta = %s, lambda = %s) done%n", i + 1, results.length, fmt(eta),
          fmt(l));
    }
    GrokSignatureExperiment.Pooled pooled = GrokSignatureExperiment.pool(results, bootstrap, ensemble.seed);
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), output.commandLine(spec), ensemble.seed);
    Object first = cells.get(0)[2];
    Output.write(() -> GrokSignatureFile.write(out, output.force, meta, "grok-" + model, first, results, pooled,
        ensemble.trajectories, ensemble.seed, ensemble.threads(), ensemble.blockWidth, bootstrap));
    if (sampling == org.sgdmc.models.Sampling.RESHUFFLE) {
      System.out.println(GrokSampling.epochs(data.n(), batch == null ? data.n() : batch));
    }
    print(System.out, results, pooled);
    System.out.println("wrote " + out + "   (plot: scripts/plot_grok_signature.py " + out + ")");
  }

  private static Axis parse(String name, String text) {
    try {
      return Axis.parse(name, text);
    } catch (IllegalArgumentException e) {
      throw new UserError("--" + name + ": " + e.getMessage());
    }
  }

  private GrokData sparseData() {
    grok.data(ensemble.seed); // the shared checks of --n, --dim, --noise
    if (support < 1 || support > grok.dim) {
      throw new UserError("--k: the teacher's support must be in 1..d = " + grok.dim + ", not " + support);
    }
    return GrokData.sparse(grok.n, grok.dim, support, grok.noise, grok.dataSeed != null ? grok.dataSeed : ensemble.seed);
  }

  private GrokDiag diagModel(GrokData data, MinL1Interpolant minL1, double eta, double l, Integer batch,
      org.sgdmc.models.Sampling sampling) {
    if (!(l >= 0) || !Double.isFinite(l)) {
      throw new UserError("--lambda: the weight decay must be a finite number >= 0, not " + l);
    }
    if (!(grok.trainThreshold > 0) || !(grok.testExcess > 0)) {
      throw new UserError("--train-threshold and --test-excess must be positive");
    }
    double[] b = minL1.beta(), star = data.betaStar();
    double test = 0;
    for (int c = 0; c < b.length; c++) {
      test += (b[c] - star[c]) * (b[c] - star[c]) / 2;
    }
    try {
      int s = batch == null ? data.n() : batch;
      return new GrokDiag(data, eta, l, grok.alpha, s, sampling, grok.trainThreshold, test + grok.testExcess, b);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  static void print(PrintStream out, Cell[] cells, GrokSignatureExperiment.Pooled p) {
    Cell c0 = cells[0];
    out.printf("sweep grok-signature  window K=%d  budget T=%d  lead time T-K=%d  trajectories=%d per cell%n",
        c0.window(), c0.steps(), c0.steps() - c0.window(), c0.t2().length);
    out.printf("%-10s %-10s %-12s %-14s %-16s %-12s%n", "eta", "lambda", "grokked", "median m0", "median test(T)",
        "t2 < K");
    for (Cell c : cells) {
      out.printf("%-10s %-10s %-12.4f %-14s %-16s %-12d%n", fmt(c.eta()), fmt(c.lambda()), c.fractionGrokked(),
          fmt(c.medianFeature(0)), fmt(c.medianFinalTestLoss()), c.grokkedInWindow());
    }
    out.printf("pooled: %d generalised, %d not; an uninformative feature has AUROC 0.5 +- %s%n", p.positives(),
        p.negatives(), p.positives() > 0 && p.negatives() > 0 ? fmt(Auroc.nullStderr(p.positives(), p.negatives()))
            : "n/a");
    for (int k = 0; k < SpectralSignature.NAMES.length; k++) {
      Auroc.Estimate e = p.estimates()[k];
      out.printf("AUROC %-18s %-8s 95%% [%s, %s]%n", SpectralSignature.NAMES[k], fmt(e.value()), fmt(e.low()),
          fmt(e.high()));
    }
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
