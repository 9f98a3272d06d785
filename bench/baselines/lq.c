/*
 * Baseline for `npm run bench`: the location quotient LQ[r,i] = (x[r,i]/x[r,.]) / (x[.,i]/x[.,.]) as a plain C loop
 * over the same dense row-major matrix the TypeScript kernel gets. Compiled by the harness with gcc -O3.
 *
 * usage: lq MATRIX.bin WARMUP REPETITIONS
 * MATRIX.bin: int32 rows, int32 columns, then rows * columns float64 values (native byte order).
 * Prints the milliseconds of each timed repetition, one per line, on stdout; a checksum on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <time.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void location_quotient(const double *x, double *out, double *row_inverse, double *share_inverse, int32_t rows, int32_t cols) {
  double total = 0;
  for (int32_t c = 0; c < cols; c++) share_inverse[c] = 0;
  for (int32_t r = 0; r < rows; r++) {
    const double *xr = x + (size_t)r * cols;
    double s = 0;
    for (int32_t c = 0; c < cols; c++) {
      s += xr[c];
      share_inverse[c] += xr[c];
    }
    row_inverse[r] = s > 0 ? 1.0 / s : 0.0 / 0.0;
    total += s;
  }
  for (int32_t c = 0; c < cols; c++) share_inverse[c] = share_inverse[c] > 0 ? total / share_inverse[c] : 0.0 / 0.0;
  for (int32_t r = 0; r < rows; r++) {
    const double *xr = x + (size_t)r * cols;
    double *o = out + (size_t)r * cols;
    const double ri = row_inverse[r];
    for (int32_t c = 0; c < cols; c++) o[c] = xr[c] * ri * share_inverse[c];
  }
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s MATRIX.bin WARMUP REPETITIONS\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  int32_t shape[2];
  if (fread(shape, sizeof(int32_t), 2, f) != 2) return 1;
  const size_t n = (size_t)shape[0] * shape[1];
  double *x = malloc(n * sizeof(double));
  double *out = malloc(n * sizeof(double));
  double *row_inverse = malloc(shape[0] * sizeof(double));
  double *share_inverse = malloc(shape[1] * sizeof(double));
  if (!x || !out || !row_inverse || !share_inverse || fread(x, sizeof(double), n, f) != n) return 1;
  fclose(f);
  const int warmup = atoi(argv[2]);
  const int repetitions = atoi(argv[3]);
  double checksum = 0;
  for (int k = 0; k < warmup + repetitions; k++) {
    const double t0 = now_ms();
    location_quotient(x, out, row_inverse, share_inverse, shape[0], shape[1]);
    const double t1 = now_ms();
    checksum += out[(size_t)k % n];
    if (k >= warmup) printf("%.6f\n", t1 - t0);
  }
  fprintf(stderr, "checksum %.17g\n", checksum);
  free(x);
  free(out);
  free(row_inverse);
  free(share_inverse);
  return 0;
}
