package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;

/** {@code simulate linear-d} through the real launcher; its file read by h5py and h5dump as data/SCHEMA.md says. */
class LinearDCliIT {
  @TempDir Path dir;

  @Test
  void theSpectrumFileIsReadableByH5pyAndH5dump() {
    Launcher.Run r = Launcher.sgdmc(dir, "simulate", "linear-d", "--d", "4", "--k", "2", "--lr", "0.3", "--batch", "2",
        "--sigma-diag", "1,0.5,0.25,0.1", "--trajectories", "500", "--steps", "200", "--seed", "3", "--out", "ld.h5");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("Lambda_2"), r.stdout());
    String script = String.join("\n",
        "import h5py, sys",
        "f = h5py.File(sys.argv[1], 'r')",
        "print('model', f.attrs['model'])",
        "p = f['parameters'].attrs",
        "print('params', p['d'], p['exponents'], list(p['sigma_diag']))",
        "e = f['estimates']",
        "print('spectrum', e['lyapunov_spectrum'].shape, e['lyapunov_at_time'].shape[1], e['time'].shape[0])",
        "print('ordered', bool(e['lyapunov_spectrum'][0] > e['lyapunov_spectrum'][1]))",
        "print('converged', int(e.attrs['converged']))");
    ExternalTools.Result py = ExternalTools.python(script, dir.resolve("ld.h5").toString());
    assertEquals(0, py.exitCode(), py.stderr());
    String out = py.stdout();
    assertTrue(out.contains("model linear-d"), out);
    assertTrue(out.contains("params 4 2 [1.0, 0.5, 0.25, 0.1]"), out);
    assertTrue(out.contains("spectrum (2,) 2"), out);
    assertTrue(out.contains("ordered True"), out);
    ExternalTools.Result dump = ExternalTools.h5dump("-H", dir.resolve("ld.h5").toString());
    assertEquals(0, dump.exitCode(), dump.stderr());
    assertTrue(dump.stdout().contains("lyapunov_spectrum_stderr"), dump.stdout());
  }
}
