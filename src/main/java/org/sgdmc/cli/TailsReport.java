package org.sgdmc.cli;

import java.io.PrintStream;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.results.TailsResult;
import org.sgdmc.stats.tails.TailFit;
import org.sgdmc.stats.tails.TailInterval;
import org.sgdmc.theory.TailIndex;

/** The summary of a {@code tails} run on stdout: index beside theory, or why there is none. */
final class TailsReport {
  private TailsReport() {}

  static void print(PrintStream out, String title, TailsResult r) {
    var p = r.plan();
    out.println(title);
    out.printf("sampling           %d trajectories x %d observations, burn-in %d, thin %d (%d samples)%n",
        p.trajectories(), p.samplesPerTrajectory(), p.burnIn(), p.thin(), r.samples());
    TailIndex t = r.theory();
    String theoryLyap = t == null ? "" : String.format("   theory %s%s (%s)", fmt(t.lyapunov().value()),
        t.lyapunov().stderr() > 0 ? " +- " + fmt(t.lyapunov().stderr()) : "", t.lyapunov().method());
    out.printf("Lyapunov exponent  simulated %s +- %s%s%n", fmt(r.lyapunov().value()), fmt(r.lyapunov().stderr()), theoryLyap);
    String theoryIndex = t == null ? "none" : switch (t.regime()) {
      case POWER_LAW -> fmt(t.index()) + (t.indexStderr() > 0 ? " +- " + fmt(t.indexStderr()) : "") + " (" + t.method() + ")";
      case LIGHT_TAIL -> "none: |a| <= 1 always, light tail (" + t.method() + ")";
      case INDEX_ABOVE_CAP -> "> " + fmt(t.index()) + " (" + t.method() + ")";
      case NO_STATIONARY_LAW -> "none: no stationary law";
    };
    if (!r.reported()) {
      out.printf("tail index         %s%s%n", r.norm() != null ? "" : "not estimated: ", r.refusal());
      out.printf("theory             %s%n", theoryIndex);
    } else {
      fitLine(out, "tail index |u|   ", r.norm(), t);
      if (r.coordinate() != null) {
        fitLine(out, "tail index u_1   ", r.coordinate(), t);
      }
      out.printf("theory             %s%n", theoryIndex);
      for (String w : r.norm().warnings()) {
        out.printf("warning            %s%n", w);
      }
    }
    out.printf("diverged           %s of trajectories%n", fmt(r.divergedFraction()));
    out.printf("speed              %.3e trajectory-steps/s, %d threads, %s; simulation %.2f s, fit %.2f s%n",
        r.stepsPerSecond(), p.threads(), VectorizationProvider.lookup().describe(), r.kernelSeconds(), r.fitSeconds());
  }

  private static void fitLine(PrintStream out, String label, TailFit f, TailIndex t) {
    TailInterval c = f.interval();
    boolean powerLaw = t != null && t.regime() == TailIndex.Regime.POWER_LAW;
    String interval;
    String verdict = "";
    if (c.given()) {
      interval = String.format("%.0f%% CI [%s, %s]", 100 * c.level(), fmt(c.low()), fmt(c.high()));
      if (powerLaw) {
        verdict = c.contains(t.index()) ? "   theory inside the interval" : "   theory OUTSIDE the interval";
      }
    } else {
      interval = "(no interval)";
    }
    out.printf("%s  %s   %s   Hill above the calibrated threshold %s (k = %d); KS fit %s (k = %d, KS %s); moment"
            + " estimator %s%s%n", label, fmt(c.alpha()), interval, fmt(c.xmin()), c.k(), fmt(f.alpha()), f.k(),
        fmt(f.ksDistance()), fmt(f.momentAlpha()), verdict);
    if (!c.given()) {
      out.printf("interval           %s%n", c.refusal());
    }
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
