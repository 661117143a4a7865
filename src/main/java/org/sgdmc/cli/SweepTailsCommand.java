package org.sgdmc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.Linreg1dTailsTheory;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.io.TailsSweepFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.results.TailsResult;
import org.sgdmc.sweep.Axis;
import org.sgdmc.theory.TailIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
public final class SweepTailsCommand implements Runnable, SharedOptions.Tailored {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin NoiseMixin noise;
  @Mixin DataSourceMixin source;
  @Mixin TailsRun tails;

  @Override
  public Set<String> notApplicable() {
    return Set.of("--outlier", "--data-file");
  }

  @Override
  public void run() {
    Path out = tails.output.required();
    Output.checkWritable(tails.output);
    NoiseModel kind = noise.model();
    Integer n = source.n();
    long dataSeed = source.dataSeed(tails.ensemble.seed);
    Axis lrAxis;
    Axis batchAxis;
    LabelledData data;
    try {
      lrAxis = Axis.parse("lr", sgd.lr);
      batchAxis = Axis.parse("batch", sgd.batchSpec("1"));
      data = n == null ? new LabelledData.Stream(noise.sigma)
          : LabelledData.Finite.generated(n, 1.0, noise.sigma, dataSeed);
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
          models.add(new Linreg1dTails(l, (int) s, data, sgd.withReplacement, kind, noise.stableAlpha(),
              noise.stableScale()));
        } catch (IllegalArgumentException e) {
          throw new UserError("cell lr=" + l + ", batch=" + (int) s + ": " + e.getMessage());
        }
      }
    }
    List<TailsResult> results = new ArrayList<>();
    long t0 = System.nanoTime();
    try (ProgressBar bar = tails.output.progressBar("sweep tails")) {
      for (int c = 0; c < models.size(); c++) {
        Linreg1dTails m = models.get(c);
        TailIndex theory = Linreg1dTailsTheory.of(m);
        results.add(tails.sample(Kernels.LINREG1D_TAILS.blocks(m, tails.ensemble.seed, Kernel.VECTOR), theory, false,
            Simulation.Progress.NONE));
        if (bar != null) {
          bar.update(c + 1, models.size());
        }
      }
    }
    double seconds = (System.nanoTime() - t0) * 1e-9;
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), Output.commandLine(spec), tails.ensemble.seed);
    String settings = "noise=" + kind.label() + (kind == NoiseModel.STABLE ? ", stable_alpha=" + noise.stableAlpha : "")
        + ", data=" + data.describe() + (n == null ? "" : ", with_replacement=" + sgd.withReplacement);
    Output.write(
        () -> TailsSweepFile.write(out, tails.output.force, meta, lrAxis, batchAxis, results, settings, seconds));
    System.out.printf("%-10s %-6s %-26s %-12s %-22s %s%n", "lr", "S", "alpha [CI]", "theory", "Lyapunov (sim)", "status");
    for (int c = 0; c < models.size(); c++) {
      Linreg1dTails m = models.get(c);
      TailsResult r = results.get(c);
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
