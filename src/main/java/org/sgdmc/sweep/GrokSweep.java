package org.sgdmc.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.PowerLawFit;

/**
 * What every grok sweep ({@code sweep grok-linreg|grok-diag|grok-mc|grok-relu}) keeps of a cell and fits over the
 * cells: t1 and t2 against the weight decay lambda (and eta lambda), one implementation for the four models.
 *
 * <p>A cell is fitted where the two time scales separate: lambda > 0, every trajectory reached both levels, and
 * the median t2 is at least {@link #SEPARATION} times the median t1 (at least 1 step). The exponent of the mean t2
 * against eta lambda is fitted over every fitted cell with distinct eta lambda; with a single eta also the
 * exponents of the mean t2 and the mean t1 against lambda ({@link PowerLawFit}: weighted least squares on the logs,
 * a Student-t 95% interval).
 */
public final class GrokSweep {
  /** The median t2 must be at least this many median t1 for a cell to be fitted. */
  public static final double SEPARATION = 10;

  private GrokSweep() {}

  /**
   * One cell: its (eta, lambda), the steps it ran, t1 and t2 over its ensemble, and the kernels' seconds.
   *
   * @param extras the model's own per-cell numbers, in the order of the command's {@code extras} names
   */
  public record Cell(double eta, double lambda, long steps, EventTimes.Summary t1, EventTimes.Summary t2,
      double kernelSeconds, double[] extras) {}

  /**
   * The cells the fits use, and the fits: of the mean t2 and t1 against lambda (null unless every cell has the same
   * eta and at least two fitted cells have distinct lambda) and of the mean t2 against eta lambda (null where fewer
   * than two fitted cells have distinct eta lambda).
   */
  public record Fits(boolean[] separated, PowerLawFit t2, PowerLawFit t1, PowerLawFit t2EtaLambda) {}

  /** Whether a cell separates its time scales (see the class comment). */
  public static boolean separated(Cell c) {
    return c.lambda() > 0 && c.t1().fractionNever() == 0 && c.t2().fractionNever() == 0
        && c.t2().median() >= SEPARATION * Math.max(1, c.t1().median());
  }

  /** Why a cell is or is not in the fit, in words. */
  public static String why(Cell c, boolean fitted) {
    return fitted ? "fitted" : c.lambda() == 0 ? "lambda = 0: no drift"
        : c.t1().fractionNever() > 0 ? "lambda too large: train level not reached"
        : c.t2().fractionNever() > 0 ? "t2 not reached within the run" : "lambda too large: no separation";
  }

  /** The fits over the separated cells. */
  public static Fits fit(Cell[] cells) {
    boolean[] sep = new boolean[cells.length];
    List<double[]> pts = new ArrayList<>();
    boolean oneEta = true;
    for (int i = 0; i < cells.length; i++) {
      Cell c = cells[i];
      oneEta &= c.eta() == cells[0].eta();
      sep[i] = separated(c);
      if (sep[i]) {
        pts.add(new double[] {c.lambda(), c.t2().mean().value(), c.t2().mean().stderr(), c.t1().mean().value(),
            c.t1().mean().stderr(), c.eta() * c.lambda()});
      }
    }
    double[][] cols = new double[6][pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      for (int k = 0; k < 6; k++) {
        cols[k][i] = pts.get(i)[k];
      }
    }
    long distinct = Arrays.stream(cols[5]).distinct().count();
    PowerLawFit collapse = distinct >= 2 ? PowerLawFit.fit(cols[5], cols[1], cols[2]) : null;
    if (!oneEta || distinct < 2) {
      return new Fits(sep, null, null, collapse);
    }
    return new Fits(sep, PowerLawFit.fit(cols[0], cols[1], cols[2]), PowerLawFit.fit(cols[0], cols[3], cols[4]),
        collapse);
  }
}
