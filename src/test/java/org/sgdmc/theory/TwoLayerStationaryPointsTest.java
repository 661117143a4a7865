package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdmc.models.Activation;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.theory.StationaryPoints.Kind;
import org.sgdmc.theory.StationaryPoints.Point;

/**
 * The landscape of {@code f = u act(w x)}: exact derivatives, stationary points with zero gradient and the
 * right Hessian signature, and, on the default datasets (swish data seed 85, tanh data seed 6), the picture
 * of seed 002: for swish a sharper minimum A that generalises best, a flatter B that generalises worst, the
 * saddle C at the origin between them; for tanh a mirror pair of minima around the saddle C.
 */
class TwoLayerStationaryPointsTest {
  private static final RegressionData SWISH_TRAIN = Datasets.teacher(Activation.SWISH, 100, 0.1, 85, false);
  private static final RegressionData SWISH_TEST = Datasets.teacher(Activation.SWISH, 10_000, 0.1, 85, true);
  private static final RegressionData TANH_TRAIN = Datasets.teacher(Activation.TANH, 100, 0.1, 6, false);
  private static final RegressionData TANH_TEST = Datasets.teacher(Activation.TANH, 10_000, 0.1, 6, true);

  @ParameterizedTest
  @EnumSource(Activation.class)
  void gradientAndHessianAgreeWithFiniteDifferences(Activation act) {
    RegressionData d = Datasets.teacher(act, 37, 0.1, 3, false);
    double[][] at = {{0.7, -1.3}, {-0.4, 2.2}, {1.5, 0.3}, {0.0, 0.8}};
    double h = 1e-5;
    for (double[] p : at) {
      double u = p[0], w = p[1];
      double[] g = TwoLayerNet.gradient(act, d, u, w);
      double gu = (TwoLayerNet.loss(act, d, u + h, w) - TwoLayerNet.loss(act, d, u - h, w)) / (2 * h);
      double gw = (TwoLayerNet.loss(act, d, u, w + h) - TwoLayerNet.loss(act, d, u, w - h)) / (2 * h);
      assertEquals(gu, g[0], 1e-8, "dL/du at " + u + ", " + w);
      assertEquals(gw, g[1], 1e-8, "dL/dw at " + u + ", " + w);
      double[] hess = TwoLayerNet.hessian(act, d, u, w);
      double[] gup = TwoLayerNet.gradient(act, d, u + h, w), gum = TwoLayerNet.gradient(act, d, u - h, w);
      double[] gwp = TwoLayerNet.gradient(act, d, u, w + h), gwm = TwoLayerNet.gradient(act, d, u, w - h);
      assertEquals((gup[0] - gum[0]) / (2 * h), hess[0], 1e-7, "huu");
      assertEquals((gup[1] - gum[1]) / (2 * h), hess[1], 1e-7, "huw (d/du of dL/dw)");
      assertEquals((gwp[0] - gwm[0]) / (2 * h), hess[1], 1e-7, "huw (d/dw of dL/du)");
      assertEquals((gwp[1] - gwm[1]) / (2 * h), hess[2], 1e-7, "hww");
    }
  }

  @Test
  void eigenvaluesOfTwoByTwoMatrices() {
    double[] e = TwoLayerNet.eigenvalues(new double[] {2, 1, 2});
    assertEquals(1.0, e[0], 1e-15);
    assertEquals(3.0, e[1], 1e-15);
    e = TwoLayerNet.eigenvalues(new double[] {0, -0.5, 0});
    assertEquals(-0.5, e[0], 1e-15);
    assertEquals(0.5, e[1], 1e-15);
    e = TwoLayerNet.eigenvalues(new double[] {7.0, 1e-3, 1e-9});
    // exact: (7e-9 - 1e-6) / (3.5 + 5e-10 + sqrt((3.5 - 5e-10)^2 + 1e-6)) = -1.41857139962...e-7 (50 digits, mpmath)
    assertEquals(-1.4185713996209922e-7, e[0], 1e-22, "the small eigenvalue without cancellation");
    assertEquals(7.000000142857141, e[1], 1e-14);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void everyPointHasZeroGradientAndTheSignatureOfItsKind(Activation act) {
    RegressionData train = act == Activation.SWISH ? SWISH_TRAIN : TANH_TRAIN;
    RegressionData test = act == Activation.SWISH ? SWISH_TEST : TANH_TEST;
    List<Point> points = StationaryPoints.find(act, train, test);
    assertTrue(points.size() >= 3, "at least two minima and C: " + points);
    for (Point p : points) {
      double[] g = TwoLayerNet.gradient(act, train, p.u(), p.w());
      assertTrue(Math.hypot(g[0], g[1]) <= 1e-10, p.label() + ": |grad| = " + Math.hypot(g[0], g[1]));
      double[] ev = TwoLayerNet.eigenvalues(TwoLayerNet.hessian(act, train, p.u(), p.w()));
      switch (p.kind()) {
        case MINIMUM -> assertTrue(ev[0] > 0 && ev[1] > 0, p.label() + " is a minimum: positive definite " + ev[0] + ", " + ev[1]);
        case SADDLE -> assertTrue(ev[0] < 0 && ev[1] > 0, p.label() + " is a saddle: indefinite");
        case MAXIMUM -> assertTrue(ev[1] < 0, p.label() + " is a maximum");
        case DEGENERATE -> { }
      }
      assertEquals(TwoLayerNet.loss(act, test, p.u(), p.w()), p.testLoss(), 0.0);
    }
    Point c = StationaryPoints.byLabel(points, "C");
    assertNotNull(c);
    assertEquals(0.0, c.u());
    assertEquals(0.0, c.w());
    assertEquals(Kind.SADDLE, c.kind());
    // at the origin the Hessian is [[0, -c0 mean(xy)], [-c0 mean(xy), 0]] (seed 002, Sec. 4.2)
    double mxy = 0;
    for (int i = 0; i < train.size(); i++) {
      mxy += train.x(i) * train.y(i);
    }
    mxy /= train.size();
    assertEquals(act.slopeAtZero() * Math.abs(mxy), c.eigenMax(), 1e-15);
    assertEquals(-act.slopeAtZero() * Math.abs(mxy), c.eigenMin(), 1e-15);
    assertEquals(0.0, c.hessian()[0]);
    assertEquals(0.0, c.hessian()[2]);
  }

  @Test
  void swishHasTheSeedsPicture() {
    List<Point> points = StationaryPoints.find(Activation.SWISH, SWISH_TRAIN, SWISH_TEST);
    Point a = StationaryPoints.byLabel(points, "A"), b = StationaryPoints.byLabel(points, "B");
    Point c = StationaryPoints.byLabel(points, "C");
    assertEquals(Kind.MINIMUM, a.kind());
    assertEquals(Kind.MINIMUM, b.kind());
    assertTrue(a.eigenMax() > 2 * b.eigenMax(), "A sharper: h_A " + a.eigenMax() + " vs h_B " + b.eigenMax());
    // seed 002: h_A ~ 7.7, h_B ~ 3.0 on its own draw; this draw: 7.38 and 3.29
    assertEquals(7.38, a.eigenMax(), 0.01);
    assertEquals(3.29, b.eigenMax(), 0.01);
    assertTrue(a.testLoss() < c.testLoss() && c.testLoss() < b.testLoss(),
        "test loss A < C < B: " + a.testLoss() + ", " + c.testLoss() + ", " + b.testLoss());
  }

  @Test
  void tanhMinimaAreAMirrorPair() {
    List<Point> points = StationaryPoints.find(Activation.TANH, TANH_TRAIN, TANH_TEST);
    Point a = StationaryPoints.byLabel(points, "A"), b = StationaryPoints.byLabel(points, "B");
    assertEquals(Kind.MINIMUM, a.kind());
    assertEquals(Kind.MINIMUM, b.kind());
    assertEquals(a.u(), -b.u(), 1e-9);
    assertEquals(a.w(), -b.w(), 1e-9);
    assertEquals(a.loss(), b.loss(), 1e-14);
    assertEquals(a.eigenMax(), b.eigenMax(), 1e-9);
    assertTrue(a.u() > 0, "of a mirror pair, A is the one with u > 0");
  }

  @Test
  void newtonFindsEachPointFromNearby() {
    List<Point> points = StationaryPoints.find(Activation.SWISH, SWISH_TRAIN, SWISH_TEST);
    for (Point p : points) {
      double[] q = StationaryPoints.newton(Activation.SWISH, SWISH_TRAIN, p.u() + 0.01, p.w() - 0.01);
      assertNotNull(q, "Newton from next to " + p.label());
      assertEquals(p.u(), q[0], 1e-7, p.label());
      assertEquals(p.w(), q[1], 1e-7, p.label());
    }
  }

  @Test
  void profileBasinsSplitTheLineAtTheProfileMaxima() {
    List<Point> points = StationaryPoints.find(Activation.SWISH, SWISH_TRAIN, SWISH_TEST);
    ProfileBasins basins = ProfileBasins.of(Activation.SWISH, SWISH_TRAIN, points);
    for (int m = 0; m < basins.minima().size(); m++) {
      assertEquals(m, basins.basinOf(basins.minima().get(m).w()), "a minimum lies in its own basin");
    }
    // every saddle off the origin is a maximum of the profile, hence a boundary
    for (Point p : points) {
      if (p.kind() == Kind.SADDLE && p.w() != 0) {
        double nearest = Double.POSITIVE_INFINITY;
        for (double b : basins.bounds()) {
          nearest = Math.min(nearest, Math.abs(b - p.w()));
        }
        assertTrue(nearest <= 2 * ProfileBasins.GRID, p.label() + " at w = " + p.w() + " is a basin boundary");
      }
    }
    assertEquals(-1, basins.basinOf(0.0));
    assertEquals(-1, basins.basinOf(1e9));
  }
}
