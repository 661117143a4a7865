package org.sgdmc.io;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/** {@link ExternalReadersTest}'s files written by the HDF5 C library, as h5py and h5dump read them. */
class ExternalReadersNativeTest extends ExternalReadersTest {
  @Override
  String writer() {
    return "native";
  }

  @BeforeEach
  void requireLibrary() {
    Assumptions.assumeTrue(NativeHdf5.load().isPresent(),
        "libhdf5 is absent (scripts/install-deps.sh installs it): " + NativeHdf5.unavailableReason());
  }
}
