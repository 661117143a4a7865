package org.sgdmc.theory;

import java.util.ArrayList;
import java.util.List;
import org.sgdmc.models.Activation;
import org.sgdmc.models.RegressionData;
import org.sgdmc.theory.StationaryPoints.Point;

/**
 * The basins of attraction of the minima of L(u, w) = mean (u act(w x) - y)^2 / 2, through its profile in w.
 *
 * <p>L is quadratic in u with curvature {@code mean act(w x)^2 > 0}, so for each w it has one best
 * {@code u*(w) = mean(act y) / mean(act^2)}, and the profile {@code P(w) = L(u*(w), w)} has a local minimum
 * (maximum) at w exactly where L has a minimum (saddle) on the curve u = u*(w). Gradient flow relaxes u
 * towards u*(w) and then slides along that valley, so the basin of a minimum is, to this picture, the
 * interval of w between the profile maxima on either side of it. The valleys are what matters for SGD: the
 * minima of these nets have one nearly flat direction (for large |w|, f depends on little more than u w),
 * along which SGD's noise carries a trajectory far from the minimum while it stays in its basin.
 *
 * <p>w = 0 is always a boundary (act(0) = 0: the valley passes through the saddle at the origin there), and
 * so is the end of the search box |w| <= {@link StationaryPoints#SEARCH_BOX}. An interval without a minimum
 * (the profile falls towards an asymptote) belongs to no minimum.
 */
public final class ProfileBasins {
  /** Grid spacing in w for the profile's maxima. */
  static final double GRID = 1e-3;
  /** Grid points on each side over which a maximum must be prominent. */
  static final int WINDOW = 50;

  private final double[] bounds; // ascending interval boundaries, -BOX .. BOX
  private final int[] owner; // owner[k]: index into minima of the minimum in (bounds[k], bounds[k+1]), or -1
  private final List<Point> minima;

  private ProfileBasins(double[] bounds, int[] owner, List<Point> minima) {
    this.bounds = bounds;
    this.owner = owner;
    this.minima = minima;
  }

  /** The basins of the minima among {@code points} for the training set {@code d}. */
  public static ProfileBasins of(Activation act, RegressionData d, List<Point> points) {
    List<Point> minima = new ArrayList<>();
    for (Point p : points) {
      if (p.kind() == StationaryPoints.Kind.MINIMUM) {
        minima.add(p);
      }
    }
    double box = StationaryPoints.SEARCH_BOX;
    int half = (int) Math.round(box / GRID);
    List<Double> bounds = new ArrayList<>();
    bounds.add(-box);
    for (int side = -1; side <= 1; side += 2) {
      double[] vals = new double[half + 1];
      for (int k = 1; k <= half; k++) {
        vals[k] = profile(act, d, side * k * GRID);
      }
      List<Double> maxima = new ArrayList<>();
      for (int k = 2; k < half; k++) {
        if (vals[k] > vals[k - 1] && vals[k] >= vals[k + 1] && prominent(vals, k)) {
          maxima.add(side * k * GRID);
        }
      }
      if (side < 0) {
        for (int i = maxima.size() - 1; i >= 0; i--) {
          bounds.add(maxima.get(i));
        }
        bounds.add(0.0);
      } else {
        bounds.addAll(maxima);
      }
    }
    bounds.add(box);
    double[] b = bounds.stream().mapToDouble(Double::doubleValue).toArray();
    int[] owner = new int[b.length - 1];
    for (int k = 0; k < owner.length; k++) {
      owner[k] = -1;
      for (int m = 0; m < minima.size(); m++) {
        double w = minima.get(m).w();
        if (w > b[k] && w < b[k + 1] && (owner[k] < 0 || minima.get(m).loss() < minima.get(owner[k]).loss())) {
          owner[k] = m;
        }
      }
    }
    return new ProfileBasins(b, owner, List.copyOf(minima));
  }

  /**
   * Whether the maximum at k rises above the lowest value within {@link #WINDOW} grid points on each side by
   * more than rounding could explain: where tanh saturates the profile is flat to 1e-16 and its rounding
   * noise would otherwise make spurious maxima.
   */
  private static boolean prominent(double[] vals, int k) {
    double left = vals[k], right = vals[k];
    for (int j = 1; j <= WINDOW; j++) {
      if (k - j >= 1) {
        left = Math.min(left, vals[k - j]);
      }
      if (k + j < vals.length) {
        right = Math.min(right, vals[k + j]);
      }
    }
    double tol = 1e-12 * Math.abs(vals[k]);
    return vals[k] - left > tol && vals[k] - right > tol;
  }

  /** P(w) = L(u*(w), w) = (mean y^2 - mean(a y)^2 / mean(a^2)) / 2, a = act(w x). */
  public static double profile(Activation act, RegressionData d, double w) {
    double ay = 0, aa = 0, yy = 0;
    for (int i = 0; i < d.size(); i++) {
      double a = act.value(w * d.x(i));
      ay += a * d.y(i);
      aa += a * a;
      yy += d.y(i) * d.y(i);
    }
    int n = d.size();
    return aa == 0 ? 0.5 * yy / n : 0.5 * (yy / n - (ay / n) * (ay / n) / (aa / n));
  }

  /** The index (into the minima, in the order of the points given) of the minimum whose basin holds w, or -1. */
  public int basinOf(double w) {
    if (!(Math.abs(w) < bounds[bounds.length - 1]) || w == 0) {
      return -1;
    }
    int k = 0;
    while (w >= bounds[k + 1]) {
      k++;
    }
    return owner[k];
  }

  /** The boundaries of the basins in w, ascending (the box ends and 0 included). */
  public double[] bounds() {
    return bounds.clone();
  }

  /** The minima, in the order {@link #basinOf} indexes them. */
  public List<Point> minima() {
    return minima;
  }
}
