import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWat, wasmModuleSource } from '../../../scripts/wasm-kernel-source.js';
import { densityKernelWasm } from './density-kernel-wasm.js';
import { decodeBase64 } from './decode-base64.js';
import { useWasmKernels } from './density-kernel-instance.js';
import { density } from '../complexity/density.js';
import { denseMatrix } from '../matrix/dense-matrix.js';

describe('WebAssembly density kernel', () => {
  it('the embedded bytes are the compilation of density-kernel.wat (regenerate: npx tsx scripts/build-wasm-kernels.ts)', async () => {
    const dir = import.meta.dirname;
    const bytes = await compileWat(readFileSync(join(dir, 'density-kernel.wat'), 'utf8'), 'density-kernel.wat');
    expect(Array.from(densityKernelWasm)).toEqual(Array.from(bytes));
    expect(readFileSync(join(dir, 'density-kernel-wasm.ts'), 'utf8')).toBe(wasmModuleSource('density-kernel', bytes));
  });

  it('runs here (Node has WebAssembly SIMD), so the JavaScript fallback is what the other test compares against', () => {
    expect(WebAssembly.validate(densityKernelWasm)).toBe(true);
  });

  it('decodeBase64 agrees with Buffer on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(Array.from(decodeBase64(Buffer.from(bytes).toString('base64')))).toEqual(Array.from(bytes));
      }),
    );
  });

  it('density with the WebAssembly kernel equals the JavaScript kernel bit for bit (any shape, NaN rows, widths not a multiple of 8)', () => {
    const shape = fc.record({ R: fc.integer({ min: 1, max: 23 }), I: fc.integer({ min: 1, max: 37 }) });
    fc.assert(
      fc.property(
        shape.chain(({ R, I }) =>
          fc.record({
            R: fc.constant(R),
            I: fc.constant(I),
            cells: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: R * I, maxLength: R * I }),
            nanRow: fc.integer({ min: -1, max: R - 1 }),
            exclude: fc.boolean(),
          }),
        ),
        ({ R, I, cells, nanRow, exclude }) => {
          // presence where the cell is below 4 (about 40 % ones); one row NaN when nanRow ≥ 0
          const values = Float64Array.from(cells, (c) => (c < 4 ? 1 : 0));
          if (nanRow >= 0) values.fill(NaN, nanRow * I, nanRow * I + I);
          const M = denseMatrix(
            Array.from({ length: R }, (_, k) => `r${k}`),
            Array.from({ length: I }, (_, k) => `i${k}`),
            values,
          );
          const options = { selfTerm: exclude ? ('exclude' as const) : ('include' as const) };
          const previous = useWasmKernels(false);
          let plain: Float64Array;
          try {
            plain = density(M, options).values;
          } finally {
            useWasmKernels(previous);
          }
          const simd = density(M, options).values;
          expect(Array.from(simd).map(String)).toEqual(Array.from(plain).map(String));
        },
      ),
      { numRuns: 300 },
    );
  });
});
