package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The binding's virtual-dataset calls ({@code H5Pset_fill_value}, {@code H5Sselect_hyperslab}, {@code
 * H5Pset_virtual}) turn a failure into one line naming the call and the mapping: a block of -1 columns (2^64 - 1
 * as an hsize_t) is refused by HDF5 itself, not by a check of ours in front of it. (A block past the dataset's
 * extent is not refused here: HDF5 checks that when the dataset is created.)
 */
class NativeVirtualTest {
  @Test
  void aBadSourceBlockFailsInOneLineNamingTheCall() {
    NativeHdf5 h5 = NativeHdf5.load().orElse(null);
    Assumptions.assumeTrue(h5 != null, "libhdf5 is absent: " + NativeHdf5.unavailableReason());
    try (Arena a = Arena.ofConfined()) {
      long fits = h5.virtualCreation(a, 3, 10, List.of(new NativeHdf5.VirtualSource("s0.h5", "/d", 0, 4),
          new NativeHdf5.VirtualSource("s1.h5", "/d", 4, 6)), Double.NaN, "/t");
      h5.closeProperties(fits, "/t");
      NativeHdf5.Hdf5Exception e = assertThrows(NativeHdf5.Hdf5Exception.class, () -> h5.virtualCreation(a, 3, 10,
          List.of(new NativeHdf5.VirtualSource("s1.h5", "/d", 0, -1)), Double.NaN, "/t"));
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertEquals(true, e.getMessage().matches("H5(Sselect_hyperslab|Screate_simple|Pset_virtual) failed for /t <- s1.h5:/d(: .+)?"),
          e.getMessage());
    }
  }
}
