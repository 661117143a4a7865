package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Map;
import org.sgdmc.experiments.Scans;
import org.sgdmc.io.TwoLayerFile;
import org.sgdmc.models.Activation;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.TwoLayerResult;
import org.sgdmc.results.TwoLayerScan;
import org.sgdmc.results.TwoLayerTheoryValues;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc scan MODEL --lr START:STOP:COUNT}: one ensemble per learning rate, one HDF5 file. */
@Command(
    name = "scan",
    header = "Scan the learning rate of a two-layer net: end states and test loss against lr (seed 002, Fig. 5).",
    mixinStandardHelpOptions = true,
    subcommands = {ScanCommand.Tanh2.class, ScanCommand.Swish2.class})
public final class ScanCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw ModelHints.bare(spec, "sgdmc scan swish2 --start B --lr 0.01:1:25");
  }

  /** How the learning rates are spaced between START and STOP. */
  enum Spacing {
    LINEAR,
    LOG
  }

  abstract static class TwoLayer implements Runnable, SharedOptions.Tailored, ModelHints.Needs {
    @Override
    public String needs() {
      return "--lr START:STOP:COUNT";
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin SgdMixin sgd;

    @Option(names = "--lr-spacing", paramLabel = "S", defaultValue = "LINEAR",
        description = "linear or log spacing of the learning rates (default: linear).")
    Spacing spacing;

    @Mixin TwoLayerMixin net;
    @Mixin DataSourceMixin source;
    @Mixin RunMixin run;

    abstract Activation activation();

    /** A scan reduces one ensemble per point: it is not sharded (shard its points as separate runs). */
    @Override
    public java.util.Set<String> notApplicable() {
      return java.util.Set.of("--shard");
    }

    @Override
    public Map<String, String> defaults() {
      return Map.of("--out", activation().modelName + "-scan.h5");
    }

    @Override
    public void run() {
      double[] lrs = parseLr(sgd.lr, spacing);
      EnsembleOptions ensemble = run.options(null);
      TwoLayerMixin.Setup setup = net.setup(activation(), source);
      TwoLayerNet base = setup.model(lrs[0], sgd.batch(), sgd.sampling(true), net.initNoise, net.divergedAbove);
      ReshuffleMemory.check(base.reshuffled(), base.data().size(), ensemble);
      run.steps.checkReach(base.batch(), 1);
      TwoLayerFile.Setup s = new TwoLayerFile.Setup(setup.start(), setup.dataSeed(), net.mu, net.saddleEps);
      run.execute(spec, activation().modelName + " scan",
          progress -> Scans.twoLayer(base, setup.test(), setup.points(), lrs, ensemble, setup.classifier(), progress),
          (out, force, meta, scan) -> TwoLayerFile.writeScan(out, force, meta, s, scan),
          scan -> {
            PrintStream ps = System.out;
            SimulateTwoLayerCommand.printHeader(ps, base, setup, ensemble);
            SimulateTwoLayerCommand.printStationaryPoints(ps, setup.points());
            print(ps, scan);
            if (base.reshuffled()) {
              ps.println("reshuffled each epoch: the saddle exponents and intervals are those without replacement "
                  + "(C's factors commute); the minima's exponents are simulated over epochs");
            }
            ps.printf("speed: %.3e trajectory-steps/s over the scan (%d threads)%n", scan.stepsPerSecond(),
                ensemble.threads());
          }, "plot_swish.py");
    }

    static void print(PrintStream ps, TwoLayerScan scan) {
      String[] classes = scan.results()[0].classes();
      TwoLayerTheoryValues t0 = scan.theory()[0];
      StringBuilder iv = new StringBuilder();
      for (double[] i : scan.saddleIntervals()) {
        iv.append(iv.length() == 0 ? "" : ", ").append(SimulateTwoLayerCommand.interval(i));
      }
      ps.printf("C attracts in probability for lr in %s; GD thresholds 2/h:", iv.length() == 0 ? "(none found)" : iv);
      for (int k = 0; k < t0.minimumLabels().length; k++) {
        ps.printf(" %s %.4f", t0.minimumLabels()[k], t0.lrGd()[k]);
      }
      ps.println();
      StringBuilder head = new StringBuilder(String.format("%9s", "lr"));
      for (String c : classes) {
        head.append(String.format(" %8s", c));
      }
      head.append(String.format(" %11s %9s %9s", "test loss", "Lambda+", "Lambda-"));
      for (String m : t0.minimumLabels()) {
        head.append(String.format(" %9s", "Lambda_" + m));
      }
      ps.println(head);
      for (int i = 0; i < scan.lr().length; i++) {
        TwoLayerResult r = scan.results()[i];
        TwoLayerTheoryValues t = scan.theory()[i];
        StringBuilder row = new StringBuilder(String.format("%9.4f", scan.lr()[i]));
        for (String c : classes) {
          row.append(String.format(" %8.4f", r.endFraction(c)));
        }
        row.append(String.format(" %11s %9.4f %9.4f", SimulateTwoLayerCommand.fmt(r.meanTestLoss()), t.lambdaPlus().value(),
            t.lambdaMinus().value()));
        for (var e : t.minimumExponents()) {
          row.append(String.format(" %9.4f", e.value()));
        }
        ps.println(row);
      }
    }
  }

  /** Parses START:STOP:COUNT into COUNT learning rates. */
  static double[] parseLr(String spec, Spacing spacing) {
    String[] parts = spec.split(":");
    double start, stop;
    int count;
    try {
      if (parts.length != 3) {
        throw new NumberFormatException();
      }
      start = Double.parseDouble(parts[0].trim());
      stop = Double.parseDouble(parts[1].trim());
      count = Integer.parseInt(parts[2].trim());
    } catch (NumberFormatException e) {
      throw new UserError("--lr '" + spec + "': expected START:STOP:COUNT, e.g. 0.01:1:25");
    }
    if (!(start > 0) || !(stop > 0) || !Double.isFinite(start) || !Double.isFinite(stop)) {
      throw new UserError("--lr '" + spec + "': START and STOP must be positive finite numbers");
    }
    if (count < 1 || count > 10_000 || (count > 1 && start == stop)) {
      throw new UserError("--lr '" + spec + "': COUNT must be in 1..10000, and START != STOP when COUNT > 1");
    }
    double[] lr = new double[count];
    for (int i = 0; i < count; i++) {
      double f = count == 1 ? 0 : i / (double) (count - 1);
      lr[i] = spacing == Spacing.LOG ? start * Math.pow(stop / start, f) : start + (stop - start) * f;
    }
    lr[count - 1] = count == 1 ? start : stop;
    return lr;
  }

  @Command(name = "swish2", header = "Scan lr for f = u swish(w x) (seed 002, Fig. 5).", mixinStandardHelpOptions = true,
      sortOptions = false)
  static final class Swish2 extends TwoLayer {
    @Override
    Activation activation() {
      return Activation.SWISH;
    }
  }

  @Command(name = "tanh2", header = "Scan lr for f = u tanh(w x) (seed 002, Fig. 1a).", mixinStandardHelpOptions = true,
      sortOptions = false)
  static final class Tanh2 extends TwoLayer {
    @Override
    Activation activation() {
      return Activation.TANH;
    }
  }
}
