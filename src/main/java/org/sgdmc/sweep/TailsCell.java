package org.sgdmc.sweep;

import org.sgdmc.results.TailsResult;
import org.sgdmc.stats.tails.TailFit;
import org.sgdmc.theory.TailIndex;

/**
 * One cell of a tail-index sweep: exactly what the sweep's file holds and its table prints for the cell, so a
 * cell read back from a checkpoint and one just computed are written the same way.
 *
 * @param alpha the Hill estimate of |u|'s tail index at the calibrated threshold (NaN where there is no fit; see
 *     {@link org.sgdmc.stats.tails.TailInterval})
 * @param ciLow the interval's lower end (NaN where there is no fit, or where the sample is too small for an
 *     honest interval at this alpha)
 * @param ciHigh its upper end
 * @param ciLevel its level (NaN where there is no fit)
 * @param xmin the calibrated threshold (NaN where there is no fit)
 * @param momentAlpha the moment estimator's index (NaN where there is no fit)
 * @param lyapunov the simulated Lyapunov exponent
 * @param lyapunovStderr its standard error
 * @param divergedFraction trajectories whose last observation had diverged
 * @param theoryIndex the Kesten index
 * @param theoryIndexStderr its standard error
 * @param theoryLyapunov the theory's Lyapunov exponent
 * @param regime the theory's regime
 * @param burnIn steps before the first observation
 * @param thin steps between a trajectory's observations
 * @param trajectories the plan's trajectories
 * @param samplesPerTrajectory the plan's observations per trajectory
 * @param refusal why no index is reported, or null when it is
 */
public record TailsCell(double alpha, double ciLow, double ciHigh, double ciLevel, double xmin, double momentAlpha,
    double lyapunov, double lyapunovStderr, double divergedFraction, double theoryIndex, double theoryIndexStderr,
    double theoryLyapunov, TailIndex.Regime regime, long burnIn, long thin, long trajectories,
    int samplesPerTrajectory, String refusal) {

  public TailsCell {
    if (regime == null) {
      throw new IllegalArgumentException("a tails cell needs a theory regime");
    }
  }

  /** The cell of a tails run (which must have a theory). */
  public static TailsCell of(TailsResult r) {
    TailFit fit = r.reported() ? r.norm() : null; // a light tail is fitted for its plots, but has no index
    TailIndex t = r.theory();
    return new TailsCell(
        fit == null ? Double.NaN : fit.interval().alpha(),
        fit == null ? Double.NaN : fit.interval().low(),
        fit == null ? Double.NaN : fit.interval().high(),
        fit == null ? Double.NaN : fit.interval().level(),
        fit == null ? Double.NaN : fit.interval().xmin(),
        fit == null ? Double.NaN : fit.momentAlpha(),
        r.lyapunov().value(), r.lyapunov().stderr(), r.divergedFraction(),
        t.index(), t.indexStderr(), t.lyapunov().value(), t.regime(),
        r.plan().burnIn(), r.plan().thin(), r.plan().trajectories(), r.plan().samplesPerTrajectory(), r.refusal());
  }

  /** Whether an index is reported. */
  public boolean reported() {
    return refusal == null;
  }

  /** Whether an index is reported and an interval given (none where the sample is too small for this alpha). */
  public boolean intervalGiven() {
    return reported() && !Double.isNaN(ciLow) && !Double.isNaN(ciHigh);
  }

  /**
   * Whether the cell contradicts the theory: a given interval that excludes the Kesten index of a power-law
   * regime (a refused interval is never a contradiction). A 95% interval excludes a true index in 5% of cells
   * even when honest, so a flag is a cell to look at, not a verdict.
   */
  public boolean theoryOutsideInterval() {
    return intervalGiven() && regime == TailIndex.Regime.POWER_LAW && (theoryIndex < ciLow || theoryIndex > ciHigh);
  }

  /** How a cell is a line of a {@link SweepCheckpoint}: doubles as raw bits, the refusal escaped. */
  public static final SweepCheckpoint.Codec<TailsCell> CODEC = new SweepCheckpoint.Codec<>() {
    @Override
    public int fields() {
      return 18;
    }

    @Override
    public String[] encode(TailsCell c) {
      return new String[] {
        SweepCheckpoint.hex(c.alpha), SweepCheckpoint.hex(c.ciLow), SweepCheckpoint.hex(c.ciHigh),
        SweepCheckpoint.hex(c.ciLevel), SweepCheckpoint.hex(c.xmin), SweepCheckpoint.hex(c.momentAlpha),
        SweepCheckpoint.hex(c.lyapunov), SweepCheckpoint.hex(c.lyapunovStderr),
        SweepCheckpoint.hex(c.divergedFraction), SweepCheckpoint.hex(c.theoryIndex),
        SweepCheckpoint.hex(c.theoryIndexStderr), SweepCheckpoint.hex(c.theoryLyapunov), c.regime.name(),
        Long.toString(c.burnIn), Long.toString(c.thin), Long.toString(c.trajectories),
        Integer.toString(c.samplesPerTrajectory), SweepCheckpoint.escape(c.refusal)
      };
    }

    @Override
    public TailsCell decode(String[] f) {
      return new TailsCell(
          SweepCheckpoint.unhex(f[0]), SweepCheckpoint.unhex(f[1]), SweepCheckpoint.unhex(f[2]),
          SweepCheckpoint.unhex(f[3]), SweepCheckpoint.unhex(f[4]), SweepCheckpoint.unhex(f[5]),
          SweepCheckpoint.unhex(f[6]), SweepCheckpoint.unhex(f[7]), SweepCheckpoint.unhex(f[8]),
          SweepCheckpoint.unhex(f[9]), SweepCheckpoint.unhex(f[10]), SweepCheckpoint.unhex(f[11]),
          TailIndex.Regime.valueOf(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]), Long.parseLong(f[15]),
          Integer.parseInt(f[16]), SweepCheckpoint.unescape(f[17]));
    }
  };
}
