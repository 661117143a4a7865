package org.sgdmc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.experiments.Linreg1dTailsTheory;
import org.sgdmc.experiments.TailsExperiment;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.io.TailsSweepFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.sweep.Axis;
import org.sgdmc.theory.TailIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sgdmc sweep tails-linreg1d}: the tail index alpha(lr, S) of 1-D SGD off interpolation over a grid,
 * each cell a full stationary sampling and tail fit, beside the Kesten index. Every cell uses the same seed, so
 * cells with the same batch size draw the same data: neighbouring learning rates differ by the learning rate
 * alone (common random numbers), and alpha(lr) comes out smooth rather than speckled.
 */
@Command(
    name = "tails-linreg1d",
    header = "Sweep the tail index of linreg1d off interpolation over lr and batch size (with Kesten theory).",
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepTailsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--lr", required = true, paramLabel = "SPEC", description = "Learning rate: a value or an axis.")
  String lr;

  @Option(names = "--batch", paramLabel = "SPEC", defaultValue = "1", description = "Batch size: a value or an axis (default: 1).")
  String batch;

  @Option(names = "--noise-sigma", paramLabel = "SIGMA", defaultValue = "1", description = "Label noise (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--n", paramLabel = "N", description = "A finite generated dataset of N points (default: a stream).")
  Integer n;

  @Option(names = "--data-seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the dataset (default: ${DEFAULT-VALUE}).")
  long dataSeed;

  @Option(names = "--with-replacement", description = "Finite-data batches with replacement (default: without).")
  boolean withReplacement;

  @Option(names = "--noise", paramLabel = "MODEL", defaultValue = "minibatch",
      description = "minibatch, gaussian, gaussian-constant or stable (default: ${DEFAULT-VALUE}).")
  String noise;

  @Option(names = "--stable-alpha", paramLabel = "A", description = "Index of the stable noise, in (0, 2].")
  Double stableAlpha;

  @Mixin StationaryMixin sampling;
  @Mixin TailFitMixin fitting;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.h5", description = "Output file.")
  Path out;

  @Option(names = "--force", description = "Overwrite FILE.h5 if it exists.")
  boolean force;

  @Option(names = "--progress", negatable = true, description = "Show progress on stderr (default: when a terminal).")
  Boolean progress;

  @Override
  public void run() {
    OutputMixin o = new OutputMixin();
    o.out = out;
    o.force = force;
    o.progress = progress;
    Output.checkWritable(o);
    Axis lrAxis;
    Axis batchAxis;
    NoiseModel kind;
    LabelledData data;
    try {
      lrAxis = Axis.parse("lr", lr);
      batchAxis = Axis.parse("batch", batch);
      kind = NoiseModel.parse(noise);
      if (kind == NoiseModel.STABLE && stableAlpha == null) {
        throw new UserError("--noise stable needs --stable-alpha A (0 < A <= 2)");
      }
      data = n == null ? new LabelledData.Stream(sigma) : LabelledData.Finite.generated(n, 1.0, sigma, dataSeed);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    for (double s : batchAxis.values()) {
      if (s != Math.rint(s) || s < 1) {
        throw new UserError("--batch values must be whole numbers >= 1, not " + s);
      }
    }
    // Build and check every cell's model before anything runs: a bad cell is a user error, not a half-done sweep.
    List<Linreg1dTails> models = new ArrayList<>();
    for (double l : lrAxis.values()) {
      for (double s : batchAxis.values()) {
        try {
          models.add(new Linreg1dTails(l, (int) s, data, withReplacement, kind,
              stableAlpha == null ? Double.NaN : stableAlpha, Double.NaN));
        } catch (IllegalArgumentException e) {
          throw new UserError("cell lr=" + l + ", batch=" + (int) s + ": " + e.getMessage());
        }
      }
    }
    List<TailsExperiment.Result> results = new ArrayList<>();
    long t0 = System.nanoTime();
    try (ProgressBar bar = o.showProgress() ? new ProgressBar(System.err, "sweep tails") : null) {
      for (int c = 0; c < models.size(); c++) {
        Linreg1dTails m = models.get(c);
        TailIndex theory = Linreg1dTailsTheory.of(m);
        StationarySampler.Plan plan = sampling.plan(theory.lyapunov().value());
        results.add(TailsExperiment.run(Kernels.LINREG1D_TAILS.blocks(m, sampling.seed, Kernel.VECTOR), plan, theory,
            fitting.options(plan.threads()), false, Simulation.Progress.NONE));
        if (bar != null) {
          bar.update(c + 1, models.size());
        }
      }
    }
    double seconds = (System.nanoTime() - t0) * 1e-9;
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), Output.commandLine(spec), sampling.seed);
    String settings = "noise=" + kind.label() + (kind == NoiseModel.STABLE ? ", stable_alpha=" + stableAlpha : "")
        + ", data=" + data.describe() + (n == null ? "" : ", with_replacement=" + withReplacement);
    Output.write(() -> TailsSweepFile.write(out, force, meta, lrAxis, batchAxis, results, settings, seconds));
    System.out.printf("%-10s %-6s %-26s %-12s %-22s %s%n", "lr", "S", "alpha [CI]", "theory", "Lyapunov (sim)", "status");
    for (int c = 0; c < models.size(); c++) {
      Linreg1dTails m = models.get(c);
      TailsExperiment.Result r = results.get(c);
      String est = r.reported()
          ? String.format("%.3f [%.3f, %.3f]", r.norm().alpha(), r.norm().ciLow(), r.norm().ciHigh()) : "-";
      TailIndex t = r.theory();
      String th = switch (t.regime()) {
        case POWER_LAW -> String.format("%.3f", t.index());
        case LIGHT_TAIL -> "inf";
        case INDEX_ABOVE_CAP -> String.format("> %.0f", t.index());
        case NO_STATIONARY_LAW -> "none";
      };
      System.out.printf("%-10.4g %-6d %-26s %-12s %-22s %s%n", m.lr(), m.batch(), est, th,
          String.format("%.4f +- %.4f", r.lyapunov().value(), r.lyapunov().stderr()),
          r.reported() ? "" : r.refusal());
    }
    System.out.printf("%d cells in %.1f s%nwrote %s%n", models.size(), seconds, out);
  }
}
