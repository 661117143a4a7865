package org.sgdmc.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The definitions on signals with known answers: a pure sine {@code sin(omega t)} over whole periods has Hjorth
 * mobility {@code 2 sin(omega/2)} (the discrete derivative's gain) and complexity 1 (a sine is its own shape); the
 * seed's moments are raw sums of squares; the running-sum form equals the two-pass form.
 */
class SpectralSignatureTest {

  static SpectralSignature stream(double[] l) {
    double s = 0, ss = 0, ds = 0, dss = 0, es = 0, ess = 0;
    for (int t = 0; t < l.length; t++) {
      s += l[t];
      ss += l[t] * l[t];
      if (t >= 1) {
        double d = l[t] - l[t - 1];
        ds += d;
        dss += d * d;
        if (t >= 2) {
          double e = d - (l[t - 1] - l[t - 2]);
          es += e;
          ess += e * e;
        }
      }
    }
    return new SpectralSignature(l.length, s, ss, ds, dss, es, ess);
  }

  @Test
  void aSineHasHjorthMobilityTwoSinHalfOmegaAndComplexityOne() {
    int k = 4000;
    double omega = 2 * Math.PI / 40; // 100 whole periods
    double[] l = new double[k];
    for (int t = 0; t < k; t++) {
      l[t] = 3 + Math.sin(omega * t); // an offset: Hjorth ignores it, the seed's energy does not
    }
    SpectralSignature s = stream(l);
    assertEquals(0.5, s.hjorthActivity(), 1e-3);
    assertEquals(2 * Math.sin(omega / 2), s.hjorthMobility(), 1e-3);
    assertEquals(1.0, s.hjorthComplexity(), 2e-3);
    assertEquals(k * (9 + 0.5), s.seedEnergy(), 1e-6 * k);
    // the seed's complexity is the mobility of the derivative: for a sine, 2 sin(omega/2) again
    assertEquals(2 * Math.sin(omega / 2), s.seedComplexity(), 1e-3);
  }

  @Test
  void runningSumsEqualTheTwoPassDefinitions() {
    double[] l = new double[400];
    for (int t = 0; t < l.length; t++) {
      l[t] = 5 * Math.exp(-t / 30.0) + 0.1 * Math.sin(0.7 * t) * Math.exp(-t / 100.0) + 1e-3;
    }
    double[] a = stream(l).features(), b = SpectralSignature.featuresOfCurve(l, l.length);
    for (int f = 0; f < a.length; f++) {
      assertEquals(b[f], a[f], 1e-10 * Math.abs(b[f]), SpectralSignature.NAMES[f]);
    }
  }
}
