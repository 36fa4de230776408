;; Bilinear resampling of a box of source rows onto an output grid, four floats at a time (SIMD),
;; and the left-right mirror of horizontalFlip (at the end).
;; with the sampling grid of ../src/resample.ts (the JavaScript driver, ../src/resample-wasm.ts,
;; computes the per-axis tables). For each output row: one straight pass blends its two source
;; rows, `t = r0 + (r1 - r0) wy`, over the box's span of floats; then each output pixel blends
;; two pixels of that row, `o = t[a] + (t[b] - t[a]) wx`, one v128 for all its channels. A pixel
;; has 1, 3 or 4 floats, so a v128 store also writes up to 3 floats past it; the next pixel (or
;; row) writes them again, and the driver leaves 16 bytes of slack after every buffer. Pointers
;; are byte offsets into the exported memory. Plain f32x4 arithmetic (no relaxed or fused ops),
;; so every engine computes the same floats. Built into ../src/resample-wasm-bytes.ts by
;; ../scripts/build-wasm.mjs.
(module
  (memory (export "memory") 1)

  ;; $ys: per output row, the byte offsets of its two source rows from $rows; $fy: their weight.
  ;; $xs: per output column, the byte offsets of its two pixels in the blended row; $fx: weight.
  ;; $pix: bytes per output pixel (4 x channels); $span: bytes to blend per row, a multiple of 16.
  (func (export "resample")
    (param $rows i32) (param $ys i32) (param $fy i32) (param $xs i32) (param $fx i32)
    (param $outW i32) (param $outH i32) (param $pix i32) (param $span i32) (param $tmp i32)
    (param $out i32)
    (local $y i32) (local $x i32) (local $i i32) (local $p0 i32) (local $p1 i32) (local $q i32)
    (local $o i32) (local $a i32) (local $wy v128) (local $wx v128) (local $v v128)
    (local.set $o (local.get $out))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $outH)))
        (local.set $q (i32.add (local.get $ys) (i32.shl (local.get $y) (i32.const 3))))
        (local.set $p0 (i32.add (local.get $rows) (i32.load (local.get $q))))
        (local.set $p1 (i32.add (local.get $rows) (i32.load offset=4 (local.get $q))))
        (local.set $wy
          (v128.load32_splat (i32.add (local.get $fy) (i32.shl (local.get $y) (i32.const 2)))))
        (local.set $i (i32.const 0))
        (block $blendDone
          (loop $blend
            (br_if $blendDone (i32.ge_u (local.get $i) (local.get $span)))
            (local.set $v (v128.load align=4 (i32.add (local.get $p0) (local.get $i))))
            (v128.store (i32.add (local.get $tmp) (local.get $i))
              (f32x4.add (local.get $v)
                (f32x4.mul
                  (f32x4.sub (v128.load align=4 (i32.add (local.get $p1) (local.get $i)))
                    (local.get $v))
                  (local.get $wy))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $blend)))
        (local.set $x (i32.const 0))
        (block $colsDone
          (loop $col
            (br_if $colsDone (i32.ge_u (local.get $x) (local.get $outW)))
            (local.set $q (i32.add (local.get $xs) (i32.shl (local.get $x) (i32.const 3))))
            (local.set $a (i32.add (local.get $tmp) (i32.load (local.get $q))))
            (local.set $v (v128.load align=4 (local.get $a)))
            (local.set $wx
              (v128.load32_splat (i32.add (local.get $fx) (i32.shl (local.get $x) (i32.const 2)))))
            (v128.store align=4 (local.get $o)
              (f32x4.add (local.get $v)
                (f32x4.mul
                  (f32x4.sub
                    (v128.load align=4
                      (i32.add (local.get $tmp) (i32.load offset=4 (local.get $q))))
                    (local.get $v))
                  (local.get $wx))))
            (local.set $o (i32.add (local.get $o) (local.get $pix)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $col)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $row))))

  ;; Mirrors $h rows of $w pixels of $pix bytes left to right, $src into $dst (not overlapping):
  ;; pure loads and stores, so every value (NaN, -0) is copied bit for bit. Like the resample,
  ;; each pixel moves as one v128, reading and writing up to 12 bytes past it.
  (func (export "mirror")
    (param $src i32) (param $dst i32) (param $w i32) (param $h i32) (param $pix i32)
    (local $y i32) (local $s i32) (local $d i32) (local $end i32) (local $row i32)
    (local.set $row (i32.mul (local.get $w) (local.get $pix)))
    (local.set $d (local.get $dst))
    (block $rowsDone
      (loop $next
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $h)))
        (local.set $s
          (i32.add (local.get $src)
            (i32.sub (i32.mul (i32.add (local.get $y) (i32.const 1)) (local.get $row))
              (local.get $pix))))
        (local.set $end (i32.add (local.get $d) (local.get $row)))
        (block $pixelsDone
          (loop $pixel
            (br_if $pixelsDone (i32.ge_u (local.get $d) (local.get $end)))
            (v128.store align=4 (local.get $d) (v128.load align=4 (local.get $s)))
            (local.set $d (i32.add (local.get $d) (local.get $pix)))
            (local.set $s (i32.sub (local.get $s) (local.get $pix)))
            (br $pixel)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $next))))
)
