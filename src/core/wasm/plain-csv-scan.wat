;; The plain-CSV check of src/io/importers/cbp/scan-plain-csv.ts in WebAssembly: one pass over the bytes of a chunk
;; at address 0 of the exported memory, the state kept in globals between chunks. A file is plainly well formed when
;; every line ends in LF (CR LF on every line when crlf), has `width` fields, quotes surround whole fields holding no
;; comma, LF or CR, and the fields marked in the table at NUMERIC (from the second line on) are 1 to 15 digits.
;; Layout: bytes [0, 1 MiB) the chunk; [NUMERIC = 1 MiB, NUMERIC + width) one byte per field, 1 for a count.
;; reset(width, crlf) starts a file; scan(len) returns 1 while the file is still plain, 0 at the first fault (the
;; state is then meaningless); lines() is the number of line breaks so far. ASCII is checked by the caller.
;; Compiled into plain-csv-scan-wasm.ts by scripts/build-wasm-kernels.ts (wabt); a test checks they agree.
(module
 (memory (export "memory") 17)
 (global $lines (mut i32) (i32.const 0))
 (global $commas (mut i32) (i32.const 0))
 (global $fieldStart (mut i32) (i32.const 1))
 (global $inQuote (mut i32) (i32.const 0))
 (global $afterQuote (mut i32) (i32.const 0))
 (global $cr (mut i32) (i32.const 0))
 (global $digits (mut i32) (i32.const -1))
 (global $width (mut i32) (i32.const 0))
 (global $crlf (mut i32) (i32.const 0))
 (global $numericOn (mut i32) (i32.const 0))

 (func (export "reset") (param $width i32) (param $crlf i32)
   (global.set $lines (i32.const 0))
   (global.set $commas (i32.const 0))
   (global.set $fieldStart (i32.const 1))
   (global.set $inQuote (i32.const 0))
   (global.set $afterQuote (i32.const 0))
   (global.set $cr (i32.const 0))
   (global.set $digits (i32.const -1))
   (global.set $numericOn (i32.const 0))
   (global.set $width (local.get $width))
   (global.set $crlf (local.get $crlf)))

 (func (export "lines") (result i32) (global.get $lines))

 (func (export "scan") (param $len i32) (result i32)
   (local $i i32) (local $b i32)
   (local $lines i32) (local $commas i32) (local $fieldStart i32) (local $inQuote i32)
   (local $afterQuote i32) (local $cr i32) (local $digits i32)
   (local.set $lines (global.get $lines))
   (local.set $commas (global.get $commas))
   (local.set $fieldStart (global.get $fieldStart))
   (local.set $inQuote (global.get $inQuote))
   (local.set $afterQuote (global.get $afterQuote))
   (local.set $cr (global.get $cr))
   (local.set $digits (global.get $digits))
   (block $fail
     (block $done
       (loop $next
         (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
         (local.set $b (i32.load8_u (local.get $i)))
         (local.set $i (i32.add (local.get $i) (i32.const 1)))
         ;; after a CR only an LF
         (if (local.get $cr) (then (br_if $fail (i32.ne (local.get $b) (i32.const 10)))))
         ;; a count: digits, then the comma or line break after them
         (if (i32.ge_s (local.get $digits) (i32.const 0))
           (then
             (if (i32.lt_u (i32.sub (local.get $b) (i32.const 48)) (i32.const 10))
               (then
                 (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
                 (br_if $fail (i32.gt_s (local.get $digits) (i32.const 15)))
                 (br $next)))
             (br_if $fail (i32.eqz (local.get $digits)))
             (br_if $fail
               (i32.and
                 (i32.and (i32.ne (local.get $b) (i32.const 44)) (i32.ne (local.get $b) (i32.const 10)))
                 (i32.ne (local.get $b) (i32.const 13))))
             (local.set $digits (i32.const -1))))
         ;; inside quotes: anything but a comma or a line break, up to the closing quote
         (if (local.get $inQuote)
           (then
             (if (i32.eq (local.get $b) (i32.const 34))
               (then
                 (local.set $inQuote (i32.const 0))
                 (local.set $afterQuote (i32.const 1))
                 (br $next)))
             (br_if $fail
               (i32.or
                 (i32.or (i32.eq (local.get $b) (i32.const 44)) (i32.eq (local.get $b) (i32.const 10)))
                 (i32.eq (local.get $b) (i32.const 13))))
             (br $next)))
         ;; a comma: the next field (a line with more fields than width fails at once)
         (if (i32.eq (local.get $b) (i32.const 44))
           (then
             (local.set $commas (i32.add (local.get $commas) (i32.const 1)))
             (br_if $fail (i32.ge_u (local.get $commas) (global.get $width)))
             (local.set $fieldStart (i32.const 1))
             (local.set $afterQuote (i32.const 0))
             (if (global.get $numericOn)
               (then (if (i32.load8_u offset=1048576 (local.get $commas)) (then (local.set $digits (i32.const 0))))))
             (br $next)))
         ;; a line feed: the line must have width fields and the right line end
         (if (i32.eq (local.get $b) (i32.const 10))
           (then
             (br_if $fail (i32.ne (local.get $commas) (i32.sub (global.get $width) (i32.const 1))))
             (br_if $fail (i32.ne (local.get $cr) (global.get $crlf)))
             (local.set $cr (i32.const 0))
             (local.set $lines (i32.add (local.get $lines) (i32.const 1)))
             (if (i32.eq (local.get $lines) (i32.const 1)) (then (global.set $numericOn (i32.const 1))))
             (local.set $commas (i32.const 0))
             (local.set $fieldStart (i32.const 1))
             (local.set $afterQuote (i32.const 0))
             (if (global.get $numericOn)
               (then (if (i32.load8_u offset=1048576 (i32.const 0)) (then (local.set $digits (i32.const 0))))))
             (br $next)))
         (if (i32.eq (local.get $b) (i32.const 13))
           (then
             (local.set $cr (i32.const 1))
             (br $next)))
         ;; nothing may follow a closing quote but a comma or a line break
         (br_if $fail (local.get $afterQuote))
         ;; a quote opens a field only at its start
         (if (i32.eq (local.get $b) (i32.const 34))
           (then
             (br_if $fail (i32.eqz (local.get $fieldStart)))
             (local.set $inQuote (i32.const 1))
             (local.set $fieldStart (i32.const 0))
             (br $next)))
         (local.set $fieldStart (i32.const 0))
         (br $next)))
     (global.set $lines (local.get $lines))
     (global.set $commas (local.get $commas))
     (global.set $fieldStart (local.get $fieldStart))
     (global.set $inQuote (local.get $inQuote))
     (global.set $afterQuote (local.get $afterQuote))
     (global.set $cr (local.get $cr))
     (global.set $digits (local.get $digits))
     (return (i32.const 1)))
   (i32.const 0)))
