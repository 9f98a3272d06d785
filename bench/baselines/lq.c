/*
 * Baseline for `npm run bench`: the location quotient LQ[r,i] = (x[r,i]/x[r,.]) / (x[.,i]/x[.,.]) as a plain C loop
 * over the same dense row-major matrix the TypeScript kernel gets. Compiled by the harness with gcc -O3.
 *
 * usage: lq MATRIX.bin WARMUP REPETITIONS [plain]
 * Default: the same work as locationQuotient (checks, compensated totals); `plain`: the naive loop without checks.
 * MATRIX.bin: int32 rows, int32 columns, then rows * columns float64 values (native byte order).
 * Prints the milliseconds of each timed repetition, one per line, on stdout; a checksum on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <time.h>
#include <math.h>
#include <string.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * The same work as locationQuotient (src/core/specialization/location-quotient.ts, location-quotient-margins.ts):
 * check every cell (a negative or infinite value is an error naming its row and column; NaN propagates), row and
 * column totals as blocked compensated sums (runs of 32 cells of a row and of 32 rows of a column summed plainly,
 * merged with Neumaier's compensation), the grand total as a Neumaier sum of the column totals, then
 * LQ = x * (1 / row total) * (1 / (column total / grand total)), NaN where a total is not positive.
 * Returns 0, or 1 + the flat index of the first invalid cell.
 */
#define BLOCK 32
static size_t location_quotient(const double *x, double *out, double *row_inverse, double *share_inverse, double *compensation,
                                double *partial, int32_t rows, int32_t cols) {
  for (int32_t c = 0; c < cols; c++) share_inverse[c] = compensation[c] = partial[c] = 0;
  for (int32_t r0 = 0; r0 < rows; r0 += BLOCK) {
    const int32_t r1 = r0 + BLOCK < rows ? r0 + BLOCK : rows;
    for (int32_t r = r0; r < r1; r++) {
      const double *xr = x + (size_t)r * cols;
      double row_sum = 0, row_compensation = 0;
      int bad = 0;
      for (int32_t c0 = 0; c0 < cols; c0 += BLOCK) {
        const int32_t c1 = c0 + BLOCK < cols ? c0 + BLOCK : cols;
        double s = 0;
        for (int32_t c = c0; c < c1; c++) {
          const double v = xr[c];
          bad |= (v < 0) | (v == INFINITY);
          s += v;
          partial[c] += v;
        }
        const double t = row_sum + s;
        if (row_sum >= s) row_compensation += row_sum - t + s;
        else row_compensation += s - t + row_sum;
        row_sum = t;
      }
      if (bad) {
        for (int32_t c = 0; c < cols; c++)
          if (xr[c] < 0 || xr[c] == INFINITY) return 1 + (size_t)r * cols + c;
      }
      const double total = row_sum + row_compensation;
      row_inverse[r] = total > 0 ? 1.0 / total : NAN;
    }
    for (int32_t c = 0; c < cols; c++) {
      const double v = partial[c], s = share_inverse[c], t = s + v;
      if (s >= v) compensation[c] += s - t + v;
      else compensation[c] += v - t + s;
      share_inverse[c] = t;
      partial[c] = 0;
    }
  }
  double grand = 0, grand_compensation = 0;
  for (int32_t c = 0; c < cols; c++) {
    share_inverse[c] += compensation[c];
    const double v = share_inverse[c], t = grand + v;
    if (fabs(grand) >= fabs(v)) grand_compensation += grand - t + v;
    else grand_compensation += v - t + grand;
    grand = t;
  }
  grand += grand_compensation;
  for (int32_t c = 0; c < cols; c++) {
    const double share = grand > 0 ? share_inverse[c] / grand : NAN;
    share_inverse[c] = share > 0 ? 1.0 / share : NAN;
  }
  for (int32_t r = 0; r < rows; r++) {
    const double *xr = x + (size_t)r * cols;
    double *o = out + (size_t)r * cols;
    const double ri = row_inverse[r];
    for (int32_t c = 0; c < cols; c++) o[c] = xr[c] * ri * share_inverse[c];
  }
  return 0;
}

/*
 * The plain loop (the baseline of earlier runs, kept for comparison): naive row and column sums, no check of the
 * values; the same quotients.
 */
static void location_quotient_plain(const double *x, double *out, double *row_inverse, double *share_inverse, int32_t rows, int32_t cols) {
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
  if (argc != 4 && !(argc == 5 && strcmp(argv[4], "plain") == 0)) {
    fprintf(stderr, "usage: %s MATRIX.bin WARMUP REPETITIONS [plain]\n", argv[0]);
    return 2;
  }
  const int plain = argc == 5;
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
  double *compensation = malloc(shape[1] * sizeof(double));
  double *partial = malloc(shape[1] * sizeof(double));
  if (!x || !out || !row_inverse || !share_inverse || !compensation || !partial || fread(x, sizeof(double), n, f) != n) return 1;
  fclose(f);
  const int warmup = atoi(argv[2]);
  const int repetitions = atoi(argv[3]);
  double checksum = 0;
  for (int k = 0; k < warmup + repetitions; k++) {
    const double t0 = now_ms();
    size_t invalid = 0;
    if (plain) location_quotient_plain(x, out, row_inverse, share_inverse, shape[0], shape[1]);
    else invalid = location_quotient(x, out, row_inverse, share_inverse, compensation, partial, shape[0], shape[1]);
    const double t1 = now_ms();
    if (invalid) {
      const size_t k = invalid - 1;
      fprintf(stderr, "value %g at row %zu, column %zu must be a finite number >= 0\n", x[k], k / shape[1], k % shape[1]);
      return 1;
    }
    checksum += out[(size_t)k % n];
    if (k >= warmup) printf("%.6f\n", t1 - t0);
  }
  fprintf(stderr, "checksum %.17g\n", checksum);
  free(x);
  free(out);
  free(row_inverse);
  free(share_inverse);
  free(compensation);
  free(partial);
  return 0;
}
