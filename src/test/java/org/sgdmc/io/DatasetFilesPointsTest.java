package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.models.PointData;

/** d-dimensional datasets from text and HDF5, and the one-line errors for malformed ones. */
class DatasetFilesPointsTest {
  @TempDir Path dir;

  @Test
  void textRowsWithAnySeparatorCommentsAndOneHeader() throws Exception {
    Path f = dir.resolve("p.csv");
    Files.writeString(f, "# comment\n\na, b, c\n1,2,3\n4;5;6\n  7 8\t9  \n");
    PointData.Finite p = DatasetFiles.readPoints(f.toString());
    assertEquals(3, p.dim());
    assertEquals(3, p.size());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, p.flat(), 0.0);
  }

  @Test
  void raggedOrNonNumericRowsAreOneLineErrors() throws Exception {
    Path ragged = dir.resolve("r.csv");
    Files.writeString(ragged, "1,2\n3,4,5\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFiles.readPoints(ragged.toString()));
    assertTrue(e.getMessage().contains("line 2: 3 values, but the first row has 2"), e.getMessage());
    Path word = dir.resolve("w.csv");
    Files.writeString(word, "1,2\n3,x\n");
    e = assertThrows(IllegalArgumentException.class, () -> DatasetFiles.readPoints(word.toString()));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void hdf5TwoDimensionalDatasetByDefaultOrByName() {
    Path f = dir.resolve("p.h5");
    try (ResultFile w = ResultFile.create(f)) {
      w.dataset("/points/a", new double[][] {{1, 2}, {3, 4}, {5, 6}});
      w.dataset("/other/y", new double[] {7, 8});
      w.commit();
    }
    PointData.Finite p = DatasetFiles.readPoints(f.toString()); // the only 2-D dataset
    assertEquals(2, p.dim());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, p.flat(), 0.0);
    PointData.Finite y = DatasetFiles.readPoints(f + ":/other/y"); // 1-D: N points in d = 1
    assertEquals(1, y.dim());
    assertArrayEquals(new double[] {7, 8}, y.flat(), 0.0);
    double[][] m = DatasetFiles.readMatrix(f + ":/points/a");
    assertArrayEquals(new double[] {5, 6}, m[2], 0.0);
  }
}
