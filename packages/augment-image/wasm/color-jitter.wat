;; Colour jitter on RGB planes, four pixels at a time (SIMD), with the semantics of
;; ../src/color-jitter.ts (torchvision's adjust_brightness / contrast / saturation / hue on float
;; images, clamped to [0, 1] after each step). The JavaScript driver (../src/jitter-wasm.ts)
;; splits the interleaved pixels into three planes, runs one pass per adjustment in the recorded
;; order, and merges them back. Pointers are byte offsets into the exported memory, 16-aligned;
;; counts are multiples of 4. Plain f32x4 arithmetic (no relaxed or fused ops), so every engine
;; computes the same floats. Built into ../src/jitter-wasm-bytes.ts by ../scripts/build-wasm.mjs.
(module
  (memory (export "memory") 1)

  ;; Interleaved RGB at $src (n pixels) into the planes $r, $g, $b.
  (func (export "split")
    (param $src i32) (param $r i32) (param $g i32) (param $b i32) (param $n i32)
    (local $p i32) (local $q i32) (local $end i32) (local $v0 v128) (local $v1 v128)
    (local $v2 v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $q (i32.add (local.get $src) (i32.mul (local.get $p) (i32.const 3))))
        (local.set $v0 (v128.load (local.get $q)))
        (local.set $v1 (v128.load offset=16 (local.get $q)))
        (local.set $v2 (v128.load offset=32 (local.get $q)))
        (v128.store (i32.add (local.get $r) (local.get $p))
          (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 20 21 22 23
            (i8x16.shuffle 0 1 2 3 12 13 14 15 24 25 26 27 0 1 2 3 (local.get $v0) (local.get $v1))
            (local.get $v2)))
        (v128.store (i32.add (local.get $g) (local.get $p))
          (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 24 25 26 27
            (i8x16.shuffle 4 5 6 7 16 17 18 19 28 29 30 31 0 1 2 3 (local.get $v0) (local.get $v1))
            (local.get $v2)))
        (v128.store (i32.add (local.get $b) (local.get $p))
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 28 29 30 31
            (i8x16.shuffle 8 9 10 11 20 21 22 23 0 1 2 3 0 1 2 3 (local.get $v0) (local.get $v1))
            (local.get $v2)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; The planes $r, $g, $b (n pixels) back into interleaved RGB at $dst.
  (func (export "merge")
    (param $r i32) (param $g i32) (param $b i32) (param $dst i32) (param $n i32)
    (local $p i32) (local $q i32) (local $end i32) (local $vr v128) (local $vg v128)
    (local $vb v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $q (i32.add (local.get $dst) (i32.mul (local.get $p) (i32.const 3))))
        (local.set $vr (v128.load (i32.add (local.get $r) (local.get $p))))
        (local.set $vg (v128.load (i32.add (local.get $g) (local.get $p))))
        (local.set $vb (v128.load (i32.add (local.get $b) (local.get $p))))
        (v128.store (local.get $q)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 12 13 14 15
            (i8x16.shuffle 0 1 2 3 16 17 18 19 0 1 2 3 4 5 6 7 (local.get $vr) (local.get $vg))
            (local.get $vb)))
        (v128.store offset=16 (local.get $q)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 24 25 26 27 12 13 14 15
            (i8x16.shuffle 4 5 6 7 20 21 22 23 0 1 2 3 8 9 10 11 (local.get $vg) (local.get $vb))
            (local.get $vr)))
        (v128.store offset=32 (local.get $q)
          (i8x16.shuffle 0 1 2 3 28 29 30 31 4 5 6 7 8 9 10 11
            (i8x16.shuffle 8 9 10 11 28 29 30 31 12 13 14 15 0 1 2 3 (local.get $vb) (local.get $vg))
            (local.get $vr)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; Brightness (a = 0) and contrast (a = (1 - f) mean): v = clamp(f v + a) over n floats at $at.
  (func (export "affine")
    (param $at i32) (param $n i32) (param $f f32) (param $a f32)
    (local $p i32) (local $end i32) (local $vf v128) (local $va v128) (local $zero v128)
    (local $one v128)
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vf (f32x4.splat (local.get $f)))
    (local.set $va (f32x4.splat (local.get $a)))
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $p (local.get $at))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (v128.store (local.get $p)
          (f32x4.pmin
            (f32x4.pmax
              (f32x4.add (f32x4.mul (v128.load (local.get $p)) (local.get $vf)) (local.get $va))
              (local.get $zero))
            (local.get $one)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; Saturation: each channel blended with the pixel's luma, v = clamp(f v + (1 - f) y).
  (func (export "saturate")
    (param $r i32) (param $g i32) (param $b i32) (param $n i32) (param $f f32)
    (local $p i32) (local $end i32) (local $vf v128) (local $y v128) (local $vr v128)
    (local $vg v128) (local $vb v128) (local $zero v128) (local $one v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $vf (f32x4.splat (local.get $f)))
    (local.set $one (f32x4.splat (f32.const 1)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $vr (v128.load (i32.add (local.get $r) (local.get $p))))
        (local.set $vg (v128.load (i32.add (local.get $g) (local.get $p))))
        (local.set $vb (v128.load (i32.add (local.get $b) (local.get $p))))
        (local.set $y
          (f32x4.mul
            (f32x4.sub (local.get $one) (local.get $vf))
            (f32x4.add
              (f32x4.add
                (f32x4.mul (local.get $vr) (v128.const f32x4 0.2989 0.2989 0.2989 0.2989))
                (f32x4.mul (local.get $vg) (v128.const f32x4 0.587 0.587 0.587 0.587)))
              (f32x4.mul (local.get $vb) (v128.const f32x4 0.114 0.114 0.114 0.114)))))
        (v128.store (i32.add (local.get $r) (local.get $p))
          (f32x4.pmin
            (f32x4.pmax
              (f32x4.add (f32x4.mul (local.get $vr) (local.get $vf)) (local.get $y))
              (local.get $zero))
            (local.get $one)))
        (v128.store (i32.add (local.get $g) (local.get $p))
          (f32x4.pmin
            (f32x4.pmax
              (f32x4.add (f32x4.mul (local.get $vg) (local.get $vf)) (local.get $y))
              (local.get $zero))
            (local.get $one)))
        (v128.store (i32.add (local.get $b) (local.get $p))
          (f32x4.pmin
            (f32x4.pmax
              (f32x4.add (f32x4.mul (local.get $vb) (local.get $vf)) (local.get $y))
              (local.get $zero))
            (local.get $one)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; Hue: rotates the HSV hue by $shift6 sixths of a turn (6 x the shift in turns), with
  ;; torchvision's _rgb2hsv / _hsv2rgb in the branch-free form of ../src/color-jitter.ts:
  ;; h = (g - b) / c, 2 + (b - r) / c or 4 + (r - g) / c by which channel is the max (c = max -
  ;; min), then channel k of (r, g, b) = (5, 3, 1) is max - c clamp(min(t, 4 - t), 0, 1) with
  ;; t = (k + h) mod 6. Gray pixels (c = 0) come out as they went in.
  (func (export "hue")
    (param $r i32) (param $g i32) (param $b i32) (param $n i32) (param $shift6 f32)
    (local $p i32) (local $end i32) (local $vr v128) (local $vg v128) (local $vb v128)
    (local $mx v128) (local $c v128) (local $h v128) (local $isR v128) (local $isG v128)
    (local $t v128) (local $zero v128) (local $one v128) (local $six v128) (local $shift v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $six (f32x4.splat (f32.const 6)))
    (local.set $shift (f32x4.splat (local.get $shift6)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $vr (v128.load (i32.add (local.get $r) (local.get $p))))
        (local.set $vg (v128.load (i32.add (local.get $g) (local.get $p))))
        (local.set $vb (v128.load (i32.add (local.get $b) (local.get $p))))
        (local.set $mx (f32x4.pmax (local.get $vr) (f32x4.pmax (local.get $vg) (local.get $vb))))
        (local.set $c
          (f32x4.sub (local.get $mx)
            (f32x4.pmin (local.get $vr) (f32x4.pmin (local.get $vg) (local.get $vb)))))
        (local.set $isR (f32x4.eq (local.get $mx) (local.get $vr)))
        (local.set $isG (f32x4.eq (local.get $mx) (local.get $vg)))
        ;; h = offset + numerator / c, c replaced by 1 for gray pixels (whose h is then unused).
        (local.set $h
          (f32x4.add
            (v128.bitselect
              (local.get $zero)
              (v128.bitselect
                (v128.const f32x4 2 2 2 2) (v128.const f32x4 4 4 4 4) (local.get $isG))
              (local.get $isR))
            (f32x4.div
              (v128.bitselect
                (f32x4.sub (local.get $vg) (local.get $vb))
                (v128.bitselect
                  (f32x4.sub (local.get $vb) (local.get $vr))
                  (f32x4.sub (local.get $vr) (local.get $vg))
                  (local.get $isG))
                (local.get $isR))
              (v128.bitselect
                (local.get $one) (local.get $c) (f32x4.eq (local.get $c) (local.get $zero))))))
        ;; Shift and wrap into [0, 6): from [-3, 9), then once more for rounding at -0.
        (local.set $h (f32x4.add (local.get $h) (local.get $shift)))
        (local.set $h
          (f32x4.sub
            (f32x4.add (local.get $h)
              (v128.and (local.get $six) (f32x4.lt (local.get $h) (local.get $zero))))
            (v128.and (local.get $six) (f32x4.ge (local.get $h) (local.get $six)))))
        (local.set $h
          (f32x4.add (local.get $h)
            (v128.and (local.get $six) (f32x4.lt (local.get $h) (local.get $zero)))))
        ;; Red: t = (h + 5) mod 6.
        (local.set $t (f32x4.add (local.get $h) (v128.const f32x4 5 5 5 5)))
        (local.set $t
          (f32x4.sub (local.get $t)
            (v128.and (local.get $six) (f32x4.ge (local.get $t) (local.get $six)))))
        (v128.store (i32.add (local.get $r) (local.get $p))
          (f32x4.sub (local.get $mx)
            (f32x4.mul (local.get $c)
              (f32x4.pmin
                (f32x4.pmax
                  (f32x4.pmin (local.get $t)
                    (f32x4.sub (v128.const f32x4 4 4 4 4) (local.get $t)))
                  (local.get $zero))
                (local.get $one)))))
        ;; Green: t = (h + 3) mod 6.
        (local.set $t (f32x4.add (local.get $h) (v128.const f32x4 3 3 3 3)))
        (local.set $t
          (f32x4.sub (local.get $t)
            (v128.and (local.get $six) (f32x4.ge (local.get $t) (local.get $six)))))
        (v128.store (i32.add (local.get $g) (local.get $p))
          (f32x4.sub (local.get $mx)
            (f32x4.mul (local.get $c)
              (f32x4.pmin
                (f32x4.pmax
                  (f32x4.pmin (local.get $t)
                    (f32x4.sub (v128.const f32x4 4 4 4 4) (local.get $t)))
                  (local.get $zero))
                (local.get $one)))))
        ;; Blue: t = (h + 1) mod 6.
        (local.set $t (f32x4.add (local.get $h) (local.get $one)))
        (local.set $t
          (f32x4.sub (local.get $t)
            (v128.and (local.get $six) (f32x4.ge (local.get $t) (local.get $six)))))
        (v128.store (i32.add (local.get $b) (local.get $p))
          (f32x4.sub (local.get $mx)
            (f32x4.mul (local.get $c)
              (f32x4.pmin
                (f32x4.pmax
                  (f32x4.pmin (local.get $t)
                    (f32x4.sub (v128.const f32x4 4 4 4 4) (local.get $t)))
                  (local.get $zero))
                (local.get $one)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; The sum of 0.2989 r + 0.587 g + 0.114 b over n pixels (luma in float32, summed in float64).
  (func (export "lumaSum")
    (param $r i32) (param $g i32) (param $b i32) (param $n i32) (result f64)
    (local $p i32) (local $end i32) (local $y v128) (local $acc v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $y
          (f32x4.add
            (f32x4.add
              (f32x4.mul (v128.load (i32.add (local.get $r) (local.get $p)))
                (v128.const f32x4 0.2989 0.2989 0.2989 0.2989))
              (f32x4.mul (v128.load (i32.add (local.get $g) (local.get $p)))
                (v128.const f32x4 0.587 0.587 0.587 0.587)))
            (f32x4.mul (v128.load (i32.add (local.get $b) (local.get $p)))
              (v128.const f32x4 0.114 0.114 0.114 0.114))))
        (local.set $acc
          (f64x2.add
            (f64x2.add (local.get $acc) (f64x2.promote_low_f32x4 (local.get $y)))
            (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
                (local.get $y) (local.get $y)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))))
