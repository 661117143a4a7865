package org.sgdmc.theory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sgdmc.models.Activation;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;

/**
 * The stationary points of the full-batch loss of {@code f = u act(w x)}: Newton's method on grad L = 0 with
 * the exact 2x2 Hessian ({@link TwoLayerNet#hessian}), started from a grid of points, each result kept when
 * its gradient norm is below {@link #GRADIENT_TOLERANCE}, merged with the points already found, and
 * classified by the signs of the Hessian's eigenvalues.
 *
 * <p>Labels follow seed 002, Fig. 5: the origin, a stationary point of every per-sample loss and a saddle
 * whenever {@code mean(x y) != 0}, is {@code C}; minima are {@code A}, {@code B}, {@code D}, {@code E}, ... in
 * order of decreasing top eigenvalue (so A is the sharpest; ties, like the mirror pair (u, w), (-u, -w) of
 * tanh, go to the larger u first); other saddles are {@code S1, S2, ...} by loss, maxima {@code M1, ...},
 * degenerate points (an eigenvalue within 1e-10 of zero, relative to the other) {@code Z1, ...}.
 */
public final class StationaryPoints {
  /** Largest gradient norm of an accepted point. */
  public static final double GRADIENT_TOLERANCE = 1e-10;
  /** Points closer than this (in max-norm) are the same point. */
  static final double MERGE_DISTANCE = 1e-6;
  /** Newton steps are cut to this length (max-norm), so a start in a flat region cannot jump far away. */
  static final double MAX_STEP = 0.5;
  /** Points found beyond this |u| or |w| are dropped: the loss flattens towards the asymptotes there. */
  public static final double SEARCH_BOX = 20;
  /** Newton iterations per start. */
  static final int MAX_ITERATIONS = 200;

  private StationaryPoints() {}

  /** What the Hessian says about a stationary point. */
  public enum Kind {
    MINIMUM, SADDLE, MAXIMUM, DEGENERATE;

    public String label() {
      return name().toLowerCase();
    }
  }

  /**
   * One stationary point.
   *
   * @param label A, B, C, ... (see the class comment)
   * @param kind from the Hessian's eigenvalues
   * @param u u
   * @param w w
   * @param loss the training loss L(u, w)
   * @param gradientNorm |grad L| at (u, w), below {@link #GRADIENT_TOLERANCE}
   * @param hessian {huu, huw, hww}
   * @param eigenMin the smaller Hessian eigenvalue
   * @param eigenMax the larger one: the sharpness h, with GD threshold 2/h for a minimum
   * @param testLoss the loss on the test set
   */
  public record Point(String label, Kind kind, double u, double w, double loss, double gradientNorm,
      double[] hessian, double eigenMin, double eigenMax, double testLoss) {

    /** The GD (linear) stability threshold 2/h of a minimum; NaN for other kinds. */
    public double lrGd() {
      return kind == Kind.MINIMUM ? 2.0 / eigenMax : Double.NaN;
    }

    /** max(|u - u'|, |w - w'|). */
    public double distance(double u2, double w2) {
      return Math.max(Math.abs(u - u2), Math.abs(w - w2));
    }
  }

  /** The default grid of starts: u in -3..3, w in -6..6, step 0.25, plus the origin. */
  public static List<Point> find(Activation act, RegressionData train, RegressionData test) {
    List<double[]> starts = new ArrayList<>();
    starts.add(new double[] {0, 0});
    for (int i = -12; i <= 12; i++) {
      for (int j = -24; j <= 24; j++) {
        starts.add(new double[] {0.25 * i + 0.01, 0.25 * j + 0.01}); // off the axes, where the Hessian is singular
      }
    }
    return find(act, train, test, starts);
  }

  /** The stationary points Newton reaches from {@code starts}, labelled and sorted by label. */
  public static List<Point> find(Activation act, RegressionData train, RegressionData test, List<double[]> starts) {
    List<double[]> found = new ArrayList<>();
    for (double[] s : starts) {
      double[] p = newton(act, train, s[0], s[1]);
      if (p == null) {
        continue;
      }
      boolean known = false;
      for (double[] q : found) {
        known |= Math.max(Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1])) < MERGE_DISTANCE;
      }
      if (!known) {
        found.add(p);
      }
    }
    return label(act, train, test, found);
  }

  /** Newton's method from (u, w); the point, or null if it did not converge inside the search box. */
  static double[] newton(Activation act, RegressionData d, double u, double w) {
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] g = TwoLayerNet.gradient(act, d, u, w);
      double gn = Math.hypot(g[0], g[1]);
      if (gn == 0) {
        break;
      }
      double[] h = TwoLayerNet.hessian(act, d, u, w);
      double det = h[0] * h[2] - h[1] * h[1];
      if (det == 0 || !Double.isFinite(det)) {
        return null;
      }
      double du = (h[2] * g[0] - h[1] * g[1]) / det;
      double dw = (h[0] * g[1] - h[1] * g[0]) / det;
      double len = Math.max(Math.abs(du), Math.abs(dw));
      if (len > MAX_STEP) {
        du *= MAX_STEP / len;
        dw *= MAX_STEP / len;
      }
      u -= du;
      w -= dw;
      if (!(Math.abs(u) <= SEARCH_BOX && Math.abs(w) <= SEARCH_BOX)) {
        return null;
      }
      if (len < 1e-15 * Math.max(1, Math.max(Math.abs(u), Math.abs(w))) && gn < GRADIENT_TOLERANCE) {
        break;
      }
    }
    double[] g = TwoLayerNet.gradient(act, d, u, w);
    return Math.hypot(g[0], g[1]) < GRADIENT_TOLERANCE ? new double[] {u, w} : null;
  }

  /** Classifies and labels the points (see the class comment). */
  static List<Point> label(Activation act, RegressionData train, RegressionData test, List<double[]> found) {
    List<Point> minima = new ArrayList<>(), saddles = new ArrayList<>(), maxima = new ArrayList<>(), flat = new ArrayList<>();
    Point origin = null;
    for (double[] p : found) {
      double u = p[0], w = p[1];
      double[] g = TwoLayerNet.gradient(act, train, u, w);
      double[] h = TwoLayerNet.hessian(act, train, u, w);
      double[] ev = TwoLayerNet.eigenvalues(h);
      double scale = Math.max(Math.abs(ev[0]), Math.abs(ev[1]));
      Kind kind = Math.min(Math.abs(ev[0]), Math.abs(ev[1])) <= 1e-10 * scale ? Kind.DEGENERATE
          : ev[0] > 0 ? Kind.MINIMUM : ev[1] < 0 ? Kind.MAXIMUM : Kind.SADDLE;
      Point pt = new Point("?", kind, u, w, TwoLayerNet.loss(act, train, u, w), Math.hypot(g[0], g[1]), h, ev[0], ev[1],
          TwoLayerNet.loss(act, test, u, w));
      if (u == 0 && w == 0) {
        origin = pt;
      } else {
        (switch (kind) {
          case MINIMUM -> minima;
          case SADDLE -> saddles;
          case MAXIMUM -> maxima;
          case DEGENERATE -> flat;
        }).add(pt);
      }
    }
    // sharpness rounded to 9 digits first, so mirror images (equal up to rounding) are ordered by u
    minima.sort(Comparator.comparingDouble((Point p) -> -roundTo9Digits(p.eigenMax())).thenComparingDouble(p -> -p.u()));
    Comparator<Point> byLoss = Comparator.comparingDouble(Point::loss);
    saddles.sort(byLoss);
    maxima.sort(byLoss);
    flat.sort(byLoss);
    List<Point> out = new ArrayList<>();
    String[] minimumLabels = {"A", "B", "D", "E", "F", "G", "H"};
    for (int i = 0; i < minima.size(); i++) {
      out.add(relabel(minima.get(i), i < minimumLabels.length ? minimumLabels[i] : "MIN" + (i + 1)));
    }
    if (origin != null) {
      out.add(relabel(origin, "C"));
    }
    for (int i = 0; i < saddles.size(); i++) {
      out.add(relabel(saddles.get(i), "S" + (i + 1)));
    }
    for (int i = 0; i < maxima.size(); i++) {
      out.add(relabel(maxima.get(i), "M" + (i + 1)));
    }
    for (int i = 0; i < flat.size(); i++) {
      out.add(relabel(flat.get(i), "Z" + (i + 1)));
    }
    return out;
  }

  private static double roundTo9Digits(double v) {
    return v == 0 || !Double.isFinite(v) ? v : new java.math.BigDecimal(v).round(new java.math.MathContext(9)).doubleValue();
  }

  private static Point relabel(Point p, String label) {
    return new Point(label, p.kind(), p.u(), p.w(), p.loss(), p.gradientNorm(), p.hessian(), p.eigenMin(), p.eigenMax(),
        p.testLoss());
  }

  /** The point labelled {@code label}, or null. */
  public static Point byLabel(List<Point> points, String label) {
    for (Point p : points) {
      if (p.label().equals(label)) {
        return p;
      }
    }
    return null;
  }
}
