package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first draws of fixed coordinates, pinned. Any change to the stream layout, the key, the word order,
 * the uniform conversion or the Box-Muller formula changes these numbers and must be deliberate: stored
 * results stop reproducing. (Values computed once from the code that passes the known-answer tests; seed 0,
 * trajectory 0, draws 0 and 1 are Random123's all-zero ten-round answer, word pairs joined little-endian.)
 */
class GoldenValuesTest {

  /** Draws 0..3 of one trajectory of stream DATA. */
  record Golden(long seed, long traj, long[] bits, double[] uniforms, double[] normals) {
    @Override
    public String toString() {
      return "seed " + seed + ", trajectory " + traj;
    }
  }

  static List<Golden> golden() {
    return List.of(
        new Golden(7L, 0L,
            new long[] {0xc009_f9dc_f460_7a2dL, 0x15ed_ac82_1d3a_ba42L, 0x2bf6_d9af_7eba_ed90L, 0x39ac_ec6c_4fac_3b2bL},
            new double[] {0x1.8013f3b9e8c0ep-1, 0x1.5edac821d3abp-4, 0x1.5fb6cd7bf5d7p-3, 0x1.cd6763627d618p-3},
            new double[] {0x1.6e164bc12be7fp0, 0x1.b51a00ebf5b1bp-1, 0x1.84be5c4e20b72p-4, 0x1.3686ab8748acp-1}),
        new Golden(7L, 12345L,
            new long[] {0x229f_7bf8_4b63_b8a5L, 0x7463_34e0_fbd3_9742L, 0x8183_02fb_71e0_e63cL, 0x4af7_d8c7_c686_8f14L},
            new double[] {0x1.14fbdfc25b1d8p-3, 0x1.d18cd383ef4e4p-2, 0x1.030605f6e3c1cp-1, 0x1.2bdf631f1a1ap-2},
            new double[] {-0x1.08e157a7f99cap-1, 0x1.366dc2dac459bp-3, -0x1.436522b1b765ap-2, 0x1.250a73890657dp0}),
        new Golden(0L, 0L,
            new long[] {0xe169_c58d_6627_e8d5L, 0x9b00_dbd8_bc57_ac4cL, 0xf08d_6eaa_8445_15e1L, 0x83f8_75f0_0f19_c053L},
            new double[] {0x1.c2d38b1acc4fcp-1, 0x1.3601b7b178af4p-1, 0x1.e11add55088a2p-1, 0x1.07f0ebe01e338p-1},
            new double[] {-0x1.9ffd9aa3bc9b8p0, -0x1.44b28888d8c8ep0, -0x1.2de1c1722ad75p1, -0x1.d83309339900fp-3}),
        new Golden(0L, 12345L,
            new long[] {0xb32a_999c_157a_f5a4L, 0xd82c_b093_f09b_6be7L, 0x0f58_3c55_0c81_09dcL, 0xbf22_eaa7_be98_e296L},
            new double[] {0x1.665533382af5ep-1, 0x1.b0596127e136cp-1, 0x1.eb078aa1902p-5, 0x1.7e45d54f7d31cp-1},
            new double[] {0x1.bc25454d1adaap-1, -0x1.494ad9f29d803p0, -0x1.e8601b25c4866p-8, -0x1.67f57117dd011p-2}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void scalarDrawsArePinned(Golden g) {
    for (int k = 0; k < 4; k++) {
      String where = g + ", draw " + k;
      assertEquals(g.bits()[k], Draws.bits(g.seed(), Stream.DATA, g.traj(), k), where);
      assertEquals(raw(g.uniforms()[k]), raw(Draws.uniform(g.seed(), Stream.DATA, g.traj(), k)), where);
      assertEquals(raw(g.normals()[k]), raw(Draws.normal(g.seed(), Stream.DATA, g.traj(), k)), where);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void vectorFillsArePinned(Golden g) {
    int width = Philox4x32Vector.lanes();
    long traj0 = g.traj() - g.traj() % width;
    int j = (int) (g.traj() - traj0);
    long[] bits = new long[4 * width], scratch = new long[4 * width];
    double[] uniforms = new double[4 * width], normals = new double[4 * width];
    Philox4x32Vector.fillBits(g.seed(), Stream.DATA.id, traj0, width, 0L, 2, bits, 0);
    VectorDraws.uniforms(g.seed(), Stream.DATA.id, traj0, width, 0L, 2, scratch, uniforms);
    VectorDraws.normals(g.seed(), Stream.DATA.id, traj0, width, 0L, 2, scratch, normals);
    for (int k = 0; k < 4; k++) {
      String where = g + ", draw " + k;
      assertEquals(g.bits()[k], bits[k * width + j], where);
      assertEquals(raw(g.uniforms()[k]), raw(uniforms[k * width + j]), where);
      assertEquals(raw(g.normals()[k]), raw(normals[k * width + j]), where);
    }
  }

  private static long raw(double x) {
    return Double.doubleToRawLongBits(x);
  }
}
