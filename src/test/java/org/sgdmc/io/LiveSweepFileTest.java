package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.sweep.Axis;
import org.sgdmc.sweep.SaddleFamily;
import org.sgdmc.sweep.SweepGrid;
import org.sgdmc.sweep.SweepResult;
import org.sgdmc.sweep.SweepRunner;

/**
 * A live sweep file as a sweep that fails part way leaves it (the cells finished so far written through the
 * runner's listener, then the file closed, which is what {@code sweep --live} does on a thrown error): it opens
 * without SWMR, says {@code complete = 0}, lists exactly those cells in {@code /live/finished_cells}, holds
 * their estimates, theory, phases and confidence bit for bit as the finished sweep's file has them, NaN (phase
 * code 0) elsewhere; the final file written over it says {@code complete = 1} and has no {@code /live}.
 */
class LiveSweepFileTest {
  @TempDir Path dir;

  @Test
  void aSweepThatStopsPartWayLeavesItsFinishedCellsAndTheFinalFileReplacesIt() {
    Assumptions.assumeTrue(LiveFile.available(), "libhdf5 is absent: " + LiveFile.unavailableReason());
    SweepGrid grid = new SweepGrid(new SaddleFamily(SaddleFamily.Kind.GAUSSIAN, false, 1), Map.of(),
        List.of(Axis.parse("lr", "0.2:1.4:3"), Axis.parse("mu", "0.06,0.5")));
    SweepRunner.Settings settings = new SweepRunner.Settings(300, 80, 3, 2, 16, true);
    RunMetadata meta = RunMetadata.now("test", "sgdmc sweep saddle --live", 3);
    Path live = dir.resolve("live.h5");
    try (LiveSweepFile file = LiveSweepFile.start(live, false, meta, grid, settings, "test", Map.of())) {
      // the runner does cells 1, 2 and 4 only, as a sweep that died after them would have
      SweepRunner.run(grid.family(), grid.cells(), new HashMap<>(), settings, new SweepRunner.Listener() {
        @Override
        public void finished(int[] cells, SweepRunner.CellResult[] results) {
          file.finished(cells, results);
        }

        @Override
        public void progress(long done, long total) {}
      }, i -> i == 1 || i == 2 || i == 4);
    }
    Path whole = dir.resolve("whole.h5");
    SweepRunner.CellResult[] cells = SweepRunner.run(grid.family(), grid.cells(), new HashMap<>(), settings,
        new SweepRunner.Listener() {
          @Override
          public void finished(int[] c, SweepRunner.CellResult[] r) {}

          @Override
          public void progress(long done, long total) {}
        });
    SweepFile.write(whole, false, meta, SweepResult.of(grid, settings, cells, 1.0, 0), "test", true);

    ExternalTools.Result r = ExternalTools.python("""
        import h5py, numpy as np, sys
        with h5py.File(sys.argv[1], 'r') as live, h5py.File(sys.argv[2], 'r') as whole:
            done = sorted(live['live/finished_cells'][()].tolist())
            rest = [i for i in range(6) if i not in done]
            out = [int(live.attrs['complete']), done, int(whole.attrs['complete']), 'live' in whole]
            for p in ['estimates/lyapunov_plus', 'estimates/lyapunov_minus_stderr', 'theory/lyapunov_minus',
                      'estimates/phase_confidence', 'estimates/phase', 'theory/phase']:
                a, b = live[p][()].ravel(), whole[p][()].ravel()
                out.append(p + ':' + str(int(a[done].tobytes() == b[done].tobytes()))
                           + str(int((a[rest] == 0).all() if a.dtype.kind == 'i' else np.isnan(a[rest]).all()))
                           + str(live[p].shape == whole[p].shape and live[p].dtype == whole[p].dtype))
            print(*out)
        """, live.toString(), whole.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("0 [1, 2, 4] 1 False estimates/lyapunov_plus:11True estimates/lyapunov_minus_stderr:11True "
        + "theory/lyapunov_minus:11True estimates/phase_confidence:11True estimates/phase:11True "
        + "theory/phase:11True", r.stdout().strip());
  }
}
