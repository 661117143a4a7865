package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.List;
import org.sgdmc.experiments.TwoLayerExperiment;
import org.sgdmc.io.TwoLayerFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.Activation;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.TwoLayerResult;
import org.sgdmc.results.TwoLayerTheoryValues;
import org.sgdmc.theory.StationaryPoints.Point;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code sgdmc simulate tanh2|swish2}: the nonlinear two-parameter nets of seed 002 (Fig. 1a, Sec. 4.3).
 * Subclassed once per activation, so each has its own name and header.
 */
abstract class SimulateTwoLayerCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin TwoLayerMixin net;
  @Mixin DataSourceMixin source;
  @Mixin RunMixin run;

  abstract Activation activation();

  @Override
  public void run() {
    EnsembleOptions ensemble = run.options(null);
    double lr = sgd.lr();
    TwoLayerMixin.Setup setup = net.setup(activation(), source);
    TwoLayerNet model = setup.model(lr, sgd.batch(), sgd.sampling(true), net.initNoise, net.divergedAbove);
    ReshuffleMemory.check(model.reshuffled(), model.data().size(), ensemble);
    run.steps.checkReach(model.batch(), 1);
    TwoLayerTheoryValues theory = TwoLayerTheoryValues.of(model, setup.points());
    TwoLayerFile.Setup s = new TwoLayerFile.Setup(setup.start(), setup.dataSeed(), net.mu, net.saddleEps);
    run.execute(spec, activation().modelName,
        progress -> TwoLayerExperiment.run(model, setup.test(), setup.points(), ensemble, setup.classifier(), kernel,
            progress),
        (out, force, meta, result) -> TwoLayerFile.write(out, force, meta, s, result, theory),
        result -> {
          PrintStream out = System.out;
          printHeader(out, model, setup, ensemble);
          printStationaryPoints(out, setup.points());
          printTheory(out, theory, lr);
          if (model.reshuffled()) {
            out.println("reshuffled each epoch: the saddle exponents and intervals are those without replacement "
                + "(C's factors commute, and each batch alone is a uniform S-subset); the minima's exponents are "
                + "simulated over epochs (their factors do not commute); stationary points and 2/h do not depend "
                + "on the sampling");
          }
          printEndStates(out, result);
          out.printf("speed: %.3e trajectory-steps/s, %d threads, %s, kernels %.2f s%n", result.stepsPerSecond(),
              ensemble.threads(), VectorizationProvider.lookup().describe(), result.kernelSeconds());
        });
  }

  static void printHeader(PrintStream out, TwoLayerNet m, TwoLayerMixin.Setup s, EnsembleOptions e) {
    out.printf("%s  f = %s  squared loss, S=%d%s, lr=%s%n", m.activation().modelName, m.activation().formula, m.batch(),
        m.sampling().describe(), fmt(m.lr()));
    out.printf("data: N=%d train, %d test; %s%n", m.data().size(), s.test().size(), m.data().source());
    out.printf("start: %s = (%s, %s)%s; %d trajectories x %d steps, seed %d%n", s.start(), fmt(m.u0()), fmt(m.w0()),
        m.initNoise() > 0 ? " + N(0, " + fmt(m.initNoise()) + "^2)" : "", e.trajectories(), e.steps(), e.seed());
  }

  static void printStationaryPoints(PrintStream out, List<Point> points) {
    out.println("stationary points (full-batch gradient = 0, Newton with the exact Hessian; loss = mean (f - y)^2 / 2):");
    out.printf("  %-5s %-10s %10s %10s %11s %11s %9s %11s %11s %9s%n", "point", "kind", "u", "w", "train loss",
        "test loss", "|grad|", "eig min", "eig max", "2/h");
    for (Point p : points) {
      out.printf("  %-5s %-10s %10.5f %10.5f %11.6f %11.6f %9.1e %11.4e %11.4e %9s%n", p.label(), p.kind().label(), p.u(),
          p.w(), p.loss(), p.testLoss(), p.gradientNorm(), p.eigenMin(), p.eigenMax(),
          Double.isNaN(p.lrGd()) ? "" : String.format("%.4f", p.lrGd()));
    }
  }

  static void printTheory(PrintStream out, TwoLayerTheoryValues t, double lr) {
    StringBuilder iv = new StringBuilder();
    for (double[] i : t.saddleIntervals()) {
      iv.append(iv.length() == 0 ? "" : ", ").append(interval(i));
    }
    out.printf("saddle C at lr=%s: Lambda+ = %s, Lambda- = %s (%s): C %s in probability; C attracts for lr in %s%n",
        fmt(lr), fmt(t.lambdaPlus().value()), fmt(t.lambdaMinus().value()), t.lambdaPlus().method(),
        t.saddleAttracts() ? "attracts" : "does not attract", iv.length() == 0 ? "no interval found" : iv);
    for (int k = 0; k < t.minimumLabels().length; k++) {
      out.printf("minimum %s at lr=%s: linearised Lyapunov exponent %s +- %s; GD (linear) stable for lr < 2/h = %.4f%n",
          t.minimumLabels()[k], fmt(lr), fmt(t.minimumExponents()[k].value()), fmt(t.minimumExponents()[k].stderr()),
          t.lrGd()[k]);
    }
  }

  /**
   * [lo, hi] with 4 decimals, or as many more as it takes to tell lo from hi: some intervals next to a pole are
   * hairlines (issue 15: near 3.0993 on swish2's default data), and printed alike they would read as a point.
   */
  static String interval(double[] i) {
    for (int digits = 4; digits < 17; digits++) {
      String lo = String.format("%." + digits + "f", i[0]), hi = String.format("%." + digits + "f", i[1]);
      if (!lo.equals(hi)) {
        return "[" + lo + ", " + hi + "]";
      }
    }
    return "[" + i[0] + ", " + i[1] + "]";
  }

  static void printEndStates(PrintStream out, TwoLayerResult r) {
    out.printf("end states at step %d (minima by basin; C: |u|, |w| < %s):%n", r.ensemble().steps(),
        fmt(r.classifier().saddleEps()));
    out.printf("  %-9s %9s %9s %11s %9s %11s %10s %10s%n", "class", "fraction", "stderr", "test loss", "stderr",
        "train loss", "mean u", "mean w");
    double n = r.ensemble().trajectories();
    for (int c = 0; c < r.classes().length; c++) {
      double p = r.counts()[c] / n;
      out.printf("  %-9s %9.4f %9.4f %11s %9s %11s %10s %10s%n", r.classes()[c], p, Math.sqrt(p * (1 - p) / n),
          fmt(r.testLoss()[c]), fmt(r.testLossStderr()[c]), fmt(r.trainLoss()[c]), fmt(r.meanU()[c]), fmt(r.meanW()[c]));
    }
    out.printf("mean test loss over the trajectories that did not diverge: %s +- %s%n", fmt(r.meanTestLoss()),
        fmt(r.meanTestLossStderr()));
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }

  @CommandLine.Command(
      name = "swish2",
      header = "Two-parameter net f = u swish(w x), swish(z) = z sigmoid(z), full nonlinear SGD (seed 002, Fig. 5).",
      description = {
        "Data y = mu swish(x) + (1 - mu) eps. Finds the stationary points (minima A, B, ... sharpest first; the",
        "saddle C at the origin), runs SGD from one of them and sorts the trajectories into end states: a minimum's",
        "basin, C, diverged or other; prints their fractions and test losses beside the saddle's Lyapunov exponents."
      },
      mixinStandardHelpOptions = true,
      sortOptions = false)
  static final class Swish2 extends SimulateTwoLayerCommand {
    @Override
    Activation activation() {
      return Activation.SWISH;
    }
  }

  @CommandLine.Command(
      name = "tanh2",
      header = "Two-parameter net f = u tanh(w x), full nonlinear SGD (seed 002, Fig. 1a).",
      description = {
        "Data y = mu tanh(x) + (1 - mu) eps (seed 002 does not give Fig. 1a's data; this is Sec. 4.3's form with",
        "tanh). Finds the stationary points (a mirror pair of minima A, B; the saddle C at the origin), runs SGD and",
        "sorts the trajectories into end states, beside the saddle's Lyapunov exponents."
      },
      mixinStandardHelpOptions = true,
      sortOptions = false)
  static final class Tanh2 extends SimulateTwoLayerCommand {
    @Override
    Activation activation() {
      return Activation.TANH;
    }
  }
}
