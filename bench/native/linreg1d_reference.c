/*
 * sgdmc's native C reference for its simplest kernel, linreg1d at interpolation with Gaussian data and batch
 * size 1: w <- w (1 - lr x^2), x ~ N(0, 1), from w = 1, for every trajectory; the Lyapunov exponent is the
 * mean of log|w_T| / T. `sgdmc bench` compiles it with the host's C compiler and runs it beside the Java
 * kernels, so a figure for the JVM always comes with the native figure from the same machine and minute.
 *
 * It does what the Java kernel does, written the way a C programmer would for speed: counter-based
 * Philox4x32-10 (Salmon et al., SC'11) keyed by (seed, trajectory), two Box-Muller normals per 128-bit block
 * from 53-bit uniforms, 64 trajectories per block so that the compiler can vectorise across them, and the
 * distance kept as mantissa and exponent (frexp every 32 steps) so that it never overflows. Compiled with
 * -O3 -march=native -ffast-math, glibc's vector math library supplies log, sin and cos. Its numbers are not
 * sgdmc's bit for bit (different uniforms and libm); its exponent is printed as a check that it computes the
 * same model (theory at lr = 0.5: -0.48463).
 *
 * usage: linreg1d_reference TRAJECTORIES STEPS LR THREADS [SEED]
 * prints: traj_steps_per_s=<rate> lyapunov=<estimate> seconds=<wall>
 * Built as a shared library, it exports the same run as sgdmc_linreg1d_reference() and a no-op, sgdmc_noop(), for
 * sgdmc bench to call in its own process.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define LANES 64
#define SEGMENT 32

typedef struct {
  uint64_t first, count; /* trajectories first .. first + count - 1 (count a multiple of LANES) */
  long steps;
  double lr;
  uint64_t seed;
  double log_sum; /* sum over the thread's trajectories of log|w_T| */
} job_t;

/* Philox4x32-10 on LANES counters at once (counter c0..c3, key k0, k1), as loops the compiler vectorises. */
static void philox(uint32_t *restrict c0, uint32_t *restrict c1, uint32_t *restrict c2, uint32_t *restrict c3,
                   uint32_t k0, uint32_t k1) {
  for (int r = 0; r < 10; r++) {
    for (int j = 0; j < LANES; j++) {
      uint64_t p0 = (uint64_t)0xD2511F53u * c0[j], p1 = (uint64_t)0xCD9E8D57u * c2[j];
      uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1[j] ^ k0, n2 = (uint32_t)(p0 >> 32) ^ c3[j] ^ k1;
      c0[j] = n0; c1[j] = (uint32_t)p1; c2[j] = n2; c3[j] = (uint32_t)p0;
    }
    k0 += 0x9E3779B9u; k1 += 0xBB67AE85u;
  }
}

static void *run(void *arg) {
  job_t *job = arg;
  const double two_pi = 6.283185307179586, ln2 = 0.6931471805599453, scale = 0x1p-53, lr = job->lr;
  uint32_t c0[LANES], c1[LANES], c2[LANES], c3[LANES];
  double r[LANES], x0[LANES], x1[LANES], mant[LANES];
  long expo[LANES];
  double log_sum = 0;
  uint32_t k0 = (uint32_t)job->seed, k1 = (uint32_t)(job->seed >> 32);
  for (uint64_t t0 = job->first; t0 < job->first + job->count; t0 += LANES) {
    for (int j = 0; j < LANES; j++) { mant[j] = 1.0; expo[j] = 0; }
    for (long s = 0; s < job->steps; s += 2) {
      /* block s / 2 of each trajectory: normals s and s + 1 */
      for (int j = 0; j < LANES; j++) {
        uint64_t traj = t0 + j, blk = (uint64_t)s >> 1;
        c0[j] = (uint32_t)blk; c1[j] = (uint32_t)(blk >> 32); c2[j] = (uint32_t)traj; c3[j] = (uint32_t)(traj >> 32);
      }
      philox(c0, c1, c2, c3, k0, k1);
      /* one function per loop: that is how GCC maps each onto glibc's vector math library */
      for (int j = 0; j < LANES; j++) {
        uint64_t a = ((uint64_t)c0[j] << 32 | c1[j]) >> 11, b = ((uint64_t)c2[j] << 32 | c3[j]) >> 11;
        r[j] = (double)(int64_t)(a + 1) * scale;     /* u1 in (0, 1] */
        x0[j] = two_pi * (double)(int64_t)b * scale; /* 2 pi u2, u2 in [0, 1) */
      }
      for (int j = 0; j < LANES; j++) r[j] = log(r[j]);
      for (int j = 0; j < LANES; j++) r[j] = sqrt(-2.0 * r[j]);
      for (int j = 0; j < LANES; j++) x1[j] = r[j] * sin(x0[j]);
      for (int j = 0; j < LANES; j++) x0[j] = r[j] * cos(x0[j]);
      for (int j = 0; j < LANES; j++) mant[j] *= 1.0 - lr * x0[j] * x0[j];
      if (s + 1 < job->steps)
        for (int j = 0; j < LANES; j++) mant[j] *= 1.0 - lr * x1[j] * x1[j];
      if ((s & (SEGMENT - 2)) == SEGMENT - 2 || s + 2 >= job->steps) {
        for (int j = 0; j < LANES; j++) {
          int e;
          mant[j] = frexp(mant[j], &e);
          expo[j] += e;
        }
      }
    }
    for (int j = 0; j < LANES; j++) log_sum += log(fabs(mant[j])) + expo[j] * ln2;
  }
  job->log_sum = log_sum;
  return NULL;
}

/*
 * The whole run on THREADS threads: the same as the command line's, for callers in the same process (sgdmc bench
 * calls it through java.lang.foreign from a shared library built from this file). Returns trajectory-steps per
 * second of wall time and stores the Lyapunov estimate in *lyapunov; returns -1 on bad arguments or when a thread
 * cannot be made.
 */
double sgdmc_linreg1d_reference(uint64_t traj, long steps, double lr, int threads, uint64_t seed, double *lyapunov) {
  if (traj < LANES || steps < 1 || threads < 1 || threads > 4096) return -1;
  uint64_t blocks = traj / LANES;
  job_t *jobs = calloc(threads, sizeof(job_t));
  pthread_t *ids = calloc(threads, sizeof(pthread_t));
  if (jobs == NULL || ids == NULL) { free(jobs); free(ids); return -1; }
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  uint64_t next = 0;
  int started = 0;
  for (int i = 0; i < threads; i++) {
    uint64_t mine = blocks / threads + ((uint64_t)i < blocks % threads);
    jobs[i] = (job_t){next * LANES, mine * LANES, steps, lr, seed, 0};
    next += mine;
    if (pthread_create(&ids[i], NULL, run, &jobs[i]) != 0) break;
    started++;
  }
  double log_sum = 0;
  for (int i = 0; i < started; i++) {
    pthread_join(ids[i], NULL);
    log_sum += jobs[i].log_sum;
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  free(jobs);
  free(ids);
  if (started < threads) return -1;
  double seconds = (b.tv_sec - a.tv_sec) + 1e-9 * (b.tv_nsec - a.tv_nsec);
  *lyapunov = log_sum / (blocks * LANES) / steps;
  return (double)(blocks * LANES) * steps / seconds;
}

/* Does nothing: what one call through java.lang.foreign costs, measured by sgdmc bench. */
int sgdmc_noop(int x) { return x; }

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: %s TRAJECTORIES STEPS LR THREADS [SEED]\n", argv[0]);
    return 2;
  }
  uint64_t traj = strtoull(argv[1], NULL, 10);
  long steps = strtol(argv[2], NULL, 10);
  double lr = strtod(argv[3], NULL);
  int threads = atoi(argv[4]);
  uint64_t seed = argc > 5 ? strtoull(argv[5], NULL, 10) : 42;
  if (traj < LANES || steps < 1 || threads < 1 || threads > 4096) {
    fprintf(stderr, "linreg1d_reference: need TRAJECTORIES >= %d, STEPS >= 1, THREADS in 1..4096\n", LANES);
    return 2;
  }
  double lyapunov = 0;
  double rate = sgdmc_linreg1d_reference(traj, steps, lr, threads, seed, &lyapunov);
  if (rate < 0) {
    fprintf(stderr, "linreg1d_reference: could not start %d threads\n", threads);
    return 1;
  }
  double seconds = (double)(traj / LANES * LANES) * steps / rate;
  printf("traj_steps_per_s=%.6e lyapunov=%.6f seconds=%.3f\n", rate, lyapunov, seconds);
  return 0;
}
