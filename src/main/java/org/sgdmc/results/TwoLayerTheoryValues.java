package org.sgdmc.results;

import java.util.ArrayList;
import java.util.List;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.theory.BatchMeanLaw;
import org.sgdmc.theory.Estimate;
import org.sgdmc.theory.StationaryPoints;
import org.sgdmc.theory.StationaryPoints.Point;
import org.sgdmc.theory.TwoLayerTheory;

/**
 * The theory printed beside a two-layer run at one learning rate: the saddle exponents at C and the learning
 * rates where C attracts, and for each minimum the GD threshold 2/h and the top Lyapunov exponent of the
 * linearised SGD there.
 *
 * <p>Reshuffled ({@code --sampling reshuffle}), the saddle exponents and their intervals are those without
 * replacement: at C the step's factors are diagonal in (h, m) = (w + u, w - u), so log|h| after an epoch is the
 * sum of its batches' log|1 + lr q|, each batch alone a uniform S-subset (linearity of expectation). The
 * minima's exponents do change (their factors do not commute) and are simulated epoch by epoch; the stationary
 * points and 2/h do not depend on the sampling at all.
 *
 * @param lambdaPlus E log|1 + lr q| at C (q the batch mean of c0 x y)
 * @param lambdaMinus E log|1 - lr q| at C
 * @param saddleIntervals the lr intervals {lo, hi} where both are negative: C attracts in probability
 * @param minimumLabels labels of the minima, in the order of the points
 * @param lrGd 2 / h of each minimum
 * @param minimumExponents the linearised top exponent at each minimum at this lr (Monte Carlo)
 */
public record TwoLayerTheoryValues(Estimate lambdaPlus, Estimate lambdaMinus, List<double[]> saddleIntervals,
    String[] minimumLabels, double[] lrGd, Estimate[] minimumExponents) {

  /** Steps of the Monte Carlo estimate of a minimum's linearised exponent. */
  public static final int EXPONENT_STEPS = 200_000;

  /** The theory for {@code model} (its lr, batch and data) with stationary points {@code points}. */
  public static TwoLayerTheoryValues of(TwoLayerNet model, List<Point> points) {
    return of(model, points, saddleIntervals(model));
  }

  /** As {@link #of(TwoLayerNet, List)} with the lr-independent intervals already computed. */
  public static TwoLayerTheoryValues of(TwoLayerNet model, List<Point> points, List<double[]> intervals) {
    Estimate[] saddle = TwoLayerTheory.saddleExponents(
        model.activation(), model.data(), model.lr(), model.batch(), model.withReplacement());
    List<Point> minima = new ArrayList<>();
    for (Point p : points) {
      if (p.kind() == StationaryPoints.Kind.MINIMUM) {
        minima.add(p);
      }
    }
    String[] labels = new String[minima.size()];
    double[] gd = new double[minima.size()];
    Estimate[] exps = new Estimate[minima.size()];
    for (int i = 0; i < labels.length; i++) {
      Point p = minima.get(i);
      labels[i] = p.label();
      gd[i] = p.lrGd();
      exps[i] = TwoLayerTheory.linearisedExponent(model.activation(), model.data(), p.u(), p.w(), model.lr(),
          model.batch(), model.sampling(), EXPONENT_STEPS);
    }
    return new TwoLayerTheoryValues(saddle[0], saddle[1], List.copyOf(intervals), labels, gd, exps);
  }

  /** The lr intervals where C attracts, over the range of {@link TwoLayerTheory#saddleSearchRange}. */
  public static List<double[]> saddleIntervals(TwoLayerNet model) {
    double[] range = TwoLayerTheory.saddleSearchRange(model.activation(), model.data());
    boolean exact = model.batch() == 1 || BatchMeanLaw.count(model.data().size(), model.batch(), model.withReplacement())
        <= 2_000_000;
    return TwoLayerTheory.saddleAttractiveIntervals(model.activation(), model.data(), model.batch(),
        model.withReplacement(), range[0], range[1], exact ? 2000 : 200);
  }

  /** Whether C attracts at this lr: both saddle exponents negative. */
  public boolean saddleAttracts() {
    return lambdaPlus.value() < 0 && lambdaMinus.value() < 0;
  }
}
