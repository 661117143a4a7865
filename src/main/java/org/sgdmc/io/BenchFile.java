package org.sgdmc.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgdmc.perf.BenchReport;
import org.sgdmc.perf.NativeReference;

/** Writes a {@link BenchReport} as documented in data/SCHEMA.md ("bench files"). */
public final class BenchFile {
  private BenchFile() {}

  public static void write(Path target, boolean overwrite, RunMetadata meta, BenchReport report) {
    List<BenchReport.Measurement> ms = report.measurements();
    int n = ms.size();
    List<String> kernels = new ArrayList<>();
    long[] kernel = new long[n], bits = new long[n], lanes = new long[n], threads = new long[n];
    double[] median = new double[n], spread = new double[n], efficiency = new double[n], vsNative = new double[n];
    double[][] rates = new double[n][];
    for (int i = 0; i < n; i++) {
      BenchReport.Measurement m = ms.get(i);
      if (!kernels.contains(m.kernel())) {
        kernels.add(m.kernel());
      }
      kernel[i] = kernels.indexOf(m.kernel());
      bits[i] = m.bits();
      lanes[i] = m.lanes();
      threads[i] = m.threads();
      median[i] = m.median();
      spread[i] = m.spread();
      efficiency[i] = report.efficiency(m);
      vsNative[i] = m.kernel().equals("linreg1d-gaussian") ? m.median() / report.nativeRate(m.threads()) : Double.NaN;
      rates[i] = m.rates();
    }
    try (ResultFile f = RunSections.create(target, overwrite, meta, "bench")) {
      // the most threads any row ran on; each row says its own
      f.attribute("/", "threads", java.util.Arrays.stream(threads).max().orElse(1));
      f.attribute("/host", "cpu", report.host().cpu());
      f.attribute("/host", "cpu_flags", report.host().flags());
      f.attribute("/host", "cores", report.host().cores());
      f.attribute("/host", "java", report.host().java());
      f.attribute("/host", "use_avx", report.host().useAvx());
      f.attribute("/parameters", "seconds_per_measurement", report.seconds());
      f.attribute("/parameters", "repeats", report.repeats());
      f.attribute("/parameters", "block_width", 64L);
      f.attribute("/parameters", "steps_per_block", 256L);
      f.attribute("/results", "kernels", kernels.toArray(String[]::new));
      f.dataset("/results/kernel", kernel);
      f.dataset("/results/bits", bits);
      f.dataset("/results/lanes", lanes);
      f.dataset("/results/threads", threads);
      f.dataset("/results/rate", median);
      f.dataset("/results/rates", rates);
      f.dataset("/results/spread", spread);
      f.dataset("/results/efficiency", efficiency);
      f.dataset("/results/vs_native", vsNative);
      List<NativeReference.Run> runs = report.nativeRuns();
      f.attribute("/native", "compiler", report.nativeCompiler());
      if (!runs.isEmpty()) {
        f.dataset("/native/threads", runs.stream().mapToLong(NativeReference.Run::threads).toArray());
        f.dataset("/native/rate", runs.stream().mapToDouble(NativeReference.Run::trajStepsPerSecond).toArray());
        f.dataset("/native/lyapunov", runs.stream().mapToDouble(NativeReference.Run::lyapunov).toArray());
      }
      List<NativeReference.Run> inProcess = report.inProcessRuns();
      f.attribute("/native", "in_process", report.inProcessNote());
      if (!inProcess.isEmpty()) {
        f.dataset("/native/in_process_rate",
            inProcess.stream().mapToDouble(NativeReference.Run::trajStepsPerSecond).toArray());
        f.dataset("/native/in_process_lyapunov", inProcess.stream().mapToDouble(NativeReference.Run::lyapunov).toArray());
        f.dataset("/native/downcall_seconds", report.downcallNanos() * 1e-9);
      }
      f.commit();
    }
  }
}
