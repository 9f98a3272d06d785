;; Density kernel of src/core/complexity/density.ts in WebAssembly with 128-bit SIMD (two float64 lanes).
;; kernel(list, starts, R, out): for every region r < R, out[r, 0..7] = Σ_{q = starts[r] .. starts[r+1]-1} table row at
;; byte address list[q] (8 float64, 64 bytes). Each lane adds its column in the same order as the scalar kernel, so
;; the sums are bit-for-bit those of the JavaScript loop. All addresses are byte offsets into the exported memory.
;; Compiled into density-kernel-wasm.ts by scripts/build-wasm-kernels.ts (wabt); a test checks they agree.
(module
 (memory (export "memory") 1)
 (func (export "kernel") (param $list i32) (param $starts i32) (param $R i32) (param $out i32)
   (local $r i32) (local $q i32) (local $end i32) (local $a i32)
   (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
   (block $done
    (loop $rows
      (br_if $done (i32.ge_s (local.get $r) (local.get $R)))
      (local.set $s0 (v128.const i64x2 0 0))
      (local.set $s1 (v128.const i64x2 0 0))
      (local.set $s2 (v128.const i64x2 0 0))
      (local.set $s3 (v128.const i64x2 0 0))
      (local.set $a (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2))))
      (local.set $q (i32.load (local.get $a)))
      (local.set $end (i32.load offset=4 (local.get $a)))
      (block $e (loop $entries
         (br_if $e (i32.ge_s (local.get $q) (local.get $end)))
         (local.set $a (i32.load (i32.add (local.get $list) (i32.shl (local.get $q) (i32.const 2)))))
         (local.set $s0 (f64x2.add (local.get $s0) (v128.load (local.get $a))))
         (local.set $s1 (f64x2.add (local.get $s1) (v128.load offset=16 (local.get $a))))
         (local.set $s2 (f64x2.add (local.get $s2) (v128.load offset=32 (local.get $a))))
         (local.set $s3 (f64x2.add (local.get $s3) (v128.load offset=48 (local.get $a))))
         (local.set $q (i32.add (local.get $q) (i32.const 1)))
         (br $entries)))
      (local.set $a (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 6))))
      (v128.store (local.get $a) (local.get $s0))
      (v128.store offset=16 (local.get $a) (local.get $s1))
      (v128.store offset=32 (local.get $a) (local.get $s2))
      (v128.store offset=48 (local.get $a) (local.get $s3))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows))))
)
