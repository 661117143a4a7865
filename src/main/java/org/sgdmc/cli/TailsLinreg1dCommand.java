package org.sgdmc.cli;

import java.util.Set;
import org.sgdmc.experiments.Linreg1dTailsTheory;
import org.sgdmc.io.DatasetFiles;
import org.sgdmc.io.ResultFile;
import org.sgdmc.io.RunSections;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code sgdmc tails linreg1d}: 1-D regression with label noise, u <- (1 - lr q) u + lr r. */
@Command(
    name = "linreg1d",
    header = "1-D linear regression off interpolation: y = x w* + sigma eps, u = w - w_LS <- (1 - lr q) u + lr r.",
    description = {
      "q and r are the batch means of x^2 and x e (e the residual about w_LS). --noise replaces the minibatch",
      "noise by an SDE's: gaussian (Euler-Maruyama, dt = lr, the minibatch covariance at the current w),",
      "gaussian-constant (its value at w_LS) or stable (Levy, index --stable-alpha)."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class TailsLinreg1dCommand implements Runnable, SharedOptions.Tailored {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin NoiseMixin noise;
  @Mixin DataSourceMixin source;

  @Option(names = "--w-star", paramLabel = "W", defaultValue = "1",
      description = "Teacher slope of a generated dataset (default: ${DEFAULT-VALUE}); the law of w - w_LS does not depend on it.")
  double wStar;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin TailsRun tails;

  @Override
  public Set<String> notApplicable() {
    return Set.of("--outlier");
  }

  @Override
  public void run() {
    Linreg1dTails model = model();
    ReshuffleMemory.check(model.reshuffled(), model.data().size(), tails.ensemble.threads(), tails.ensemble.blockWidth);
    tails.sampling.observeAtEpochEnds(model.stepsPerEpoch());
    tails.execute(spec, "tails linreg1d", model.describe(),
        () -> Linreg1dTailsTheory.of(model),
        Kernels.LINREG1D_TAILS.blocks(model, tails.ensemble.seed, kernel),
        false, f -> parameters(f, model), model.batch(), 1);
  }

  Linreg1dTails model() {
    NoiseModel kind = noise.model();
    try {
      LabelledData data = data();
      return new Linreg1dTails(sgd.lr(), sgd.batch(), data, sgd.sampling(data instanceof LabelledData.Finite), kind,
          noise.stableAlpha(), noise.stableScale());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private LabelledData data() {
    source.checkOneSource();
    if (source.dataFile != null) {
      double[][] rows = DatasetFiles.readMatrix(source.dataFile);
      double[] x = new double[rows.length];
      double[] y = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        if (rows[i].length != 2) {
          throw new UserError(source.dataFile + ": row " + (i + 1) + " has " + rows[i].length
              + " numbers; expected two (x, y)");
        }
        x[i] = rows[i][0];
        y[i] = rows[i][1];
      }
      return new LabelledData.Finite(x, y, "file " + source.dataFile);
    }
    if (source.n != null) {
      return LabelledData.Finite.generated(source.n(), wStar, noise.sigma, source.dataSeed(tails.ensemble.seed));
    }
    return new LabelledData.Stream(noise.sigma);
  }

  private void parameters(ResultFile f, Linreg1dTails m) {
    String g = "/parameters";
    RunSections.sgd(f, m.lr(), m.batch(), m.sampling());
    f.attribute(g, "steps_per_epoch", m.stepsPerEpoch());
    f.attribute(g, "noise", m.noise().label());
    f.attribute(g, "stable_alpha", m.stableAlpha());
    f.attribute(g, "stable_step_scale", m.noise() == NoiseModel.STABLE ? m.stableStepScale() : Double.NaN);
    f.attribute(g, "seed", tails.ensemble.seed);
    switch (m.data()) {
      case LabelledData.Stream s -> {
        RunSections.dataSource(f, "gaussian", m.data().describe(), -1L, null);
        f.attribute(g, "noise_sigma", s.sigma());
      }
      case LabelledData.Finite fin -> {
        RunSections.dataSource(f, source.kind(), m.data().describe(), fin.size(), source.dataSeed(tails.ensemble.seed));
        f.attribute(g, "noise_sigma", source.dataFile != null ? Double.NaN : noise.sigma);
        f.attribute(g, "w_ls", fin.wLs());
        f.dataset("/data/x", fin.x());
        f.dataset("/data/y", fin.y());
      }
    }
  }
}
