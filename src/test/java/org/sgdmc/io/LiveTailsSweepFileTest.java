package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.sweep.Axis;
import org.sgdmc.sweep.TailsCell;
import org.sgdmc.theory.TailIndex;

/**
 * The live file of {@code sweep tails-linreg1d --live} as a sweep that stops part way leaves it: it opens
 * without SWMR, says {@code complete = 0}, lists exactly the finished cells in {@code /live/finished_cells} and
 * holds them bit for bit as the finished sweep's file has them, in every per-cell dataset; the others are NaN,
 * or -1 in the int32 flags and codes. The final file says {@code complete = 1} and has no {@code /live}.
 */
class LiveTailsSweepFileTest {
  @TempDir Path dir;

  /** Six cells unlike each other: a reported power law, a refusal, a light tail, -0.0 and NaN payloads. */
  private static List<TailsCell> cells() {
    List<TailsCell> cells = new ArrayList<>();
    TailIndex.Regime[] regimes = TailIndex.Regime.values();
    for (int c = 0; c < 6; c++) {
      boolean reported = c % 3 != 1;
      cells.add(new TailsCell(reported ? 1.5 + c / 7.0 : Double.NaN, reported ? 1.2 + c / 9.0 : Double.NaN,
          reported ? 1.9 + c / 11.0 : Double.NaN, reported ? 0.95 : Double.NaN, 0.3 * c, c == 2 ? -0.0 : 2.0 / (c + 1),
          -0.01 * c, 1e-3 / (c + 1), c / 100.0, c == 5 ? Double.POSITIVE_INFINITY : 1.4 + c / 13.0, 0.02,
          -0.02 * c, regimes[c % regimes.length], 100 + c, 5 + c, 256, 2, reported ? null : "too few samples"));
    }
    return cells;
  }

  @Test
  void aTailsSweepThatStopsPartWayLeavesExactlyItsFinishedCells() {
    Assumptions.assumeTrue(LiveFile.available(), "libhdf5 is absent: " + LiveFile.unavailableReason());
    Axis lr = Axis.parse("lr", "0.2,0.4,0.6");
    Axis batch = Axis.parse("batch", "1,2");
    List<TailsCell> cells = cells();
    RunMetadata meta = RunMetadata.now("test", "sgdmc sweep tails-linreg1d --live", 3);
    Path live = dir.resolve("live.h5");
    try (LiveTailsSweepFile file = LiveTailsSweepFile.start(live, false, meta, lr, batch, "test", "without_replacement", 2, 256, 2, 0.95,
        Map.of(1, cells.get(1)))) { // cell 1 from a checkpoint, then cells 4 and 2 finish
      file.finished(4, cells.get(4));
      file.finished(2, cells.get(2));
    }
    Path whole = dir.resolve("whole.h5");
    TailsSweepFile.write(whole, false, meta, lr, batch, cells, "test", "without_replacement", 2, 1.0, true);
    ExternalTools.Result r = ExternalTools.python("""
        import h5py, numpy as np, sys
        with h5py.File(sys.argv[1], 'r') as live, h5py.File(sys.argv[2], 'r') as whole:
            done = live['live/finished_cells'][()].tolist()
            rest = [i for i in range(6) if i not in done]
            out = [int(live.attrs['complete']), done, int(whole.attrs['complete']), 'live' in whole]
            bad = []
            def visit(name, d):
                if not isinstance(d, h5py.Dataset) or name.startswith(('grid', 'live', 'performance')):
                    return
                a, b = live[name][()].ravel(), whole[name][()].ravel()
                same = a[sorted(done)].tobytes() == b[sorted(done)].tobytes()
                empty = (a[rest] == -1).all() if a.dtype.kind == 'i' else np.isnan(a[rest]).all()
                if not (same and empty and live[name].shape == whole[name].shape and live[name].dtype == whole[name].dtype):
                    bad.append(name)
                out.append(name.split('/')[-1])
            whole.visititems(visit)
            print(*out, 'bad:', bad)
        """, live.toString(), whole.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("0 [1, 4, 2] 1 False burn_in diverged_fraction index_reported interval_given lyapunov lyapunov_stderr "
        + "moment_index "
        + "tail_index tail_index_ci_high tail_index_ci_low tail_xmin theory_outside_ci thin lyapunov regime "
        + "tail_index tail_index_stderr bad: []", r.stdout().strip());
  }
}
