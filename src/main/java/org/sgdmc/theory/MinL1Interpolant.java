package org.sgdmc.theory;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.sgdmc.models.GrokData;

/**
 * The minimum-l1 interpolant (basis pursuit) {@code argmin |beta|_1 subject to X beta = y}, the end of the
 * diagonal network's drift as lambda -> 0, computed independently of the dynamics as the linear program
 * {@code min sum_j (p_j + q_j)} subject to {@code X (p - q) = y}, {@code p, q >= 0}, by commons-math3's {@link
 * SimplexSolver} (relative tolerance {@value #EPSILON} on the constraints and the optimality test).
 *
 * @param beta the interpolant {@code p - q}
 * @param l1 its l1 norm
 * @param residual {@code max_i |x_i . beta - y_i|}, how exactly it interpolates
 */
public record MinL1Interpolant(double[] beta, double l1, double residual) {
  /** The simplex solver's epsilon. */
  public static final double EPSILON = 1e-9;

  public static MinL1Interpolant of(GrokData data) {
    int n = data.n(), d = data.d();
    double[] cost = new double[2 * d];
    java.util.Arrays.fill(cost, 1.0);
    List<LinearConstraint> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] a = new double[2 * d];
      for (int c = 0; c < d; c++) {
        a[c] = data.x()[i * d + c];
        a[d + c] = -data.x()[i * d + c];
      }
      rows.add(new LinearConstraint(a, Relationship.EQ, data.y()[i]));
    }
    PointValuePair p = new SimplexSolver(EPSILON).optimize(new MaxIter(100_000),
        new LinearObjectiveFunction(cost, 0), new LinearConstraintSet(rows), GoalType.MINIMIZE,
        new NonNegativeConstraint(true));
    double[] pq = p.getPoint();
    double[] beta = new double[d];
    double l1 = 0;
    for (int c = 0; c < d; c++) {
      beta[c] = pq[c] - pq[d + c];
      l1 += Math.abs(beta[c]);
    }
    double residual = 0;
    for (int i = 0; i < n; i++) {
      double s = -data.y()[i];
      for (int c = 0; c < d; c++) {
        s += data.x()[i * d + c] * beta[c];
      }
      residual = Math.max(residual, Math.abs(s));
    }
    return new MinL1Interpolant(beta, l1, residual);
  }

  @Override
  public double[] beta() {
    return beta.clone();
  }
}
