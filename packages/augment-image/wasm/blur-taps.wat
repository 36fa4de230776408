;; One symmetric 1-D convolution along evenly spaced samples, four floats at a time (SIMD):
;;   dst[i] = w[r] src[i] + sum_{t < r} w[t] (src[i - (r - t) step] + src[i + (r - t) step])
;; for i in [0, n4), n4 a multiple of 4. Pointers are byte offsets into the exported memory,
;; `step` counts floats. Plain f32x4 mul and add (no relaxed or fused ops), so results are the
;; same on every engine. Built into ../src/blur-wasm-bytes.ts by ../scripts/build-wasm.mjs.
(module
  (memory (export "memory") 1)
  (func (export "taps")
    (param $src i32) (param $dst i32) (param $n4 i32) (param $step i32) (param $r i32)
    (param $w i32)
    (local $i i32) (local $t i32) (local $p i32) (local $off i32) (local $acc v128)
    (local $centre v128) (local $stepBytes i32)
    (local.set $centre (v128.load32_splat (i32.add (local.get $w) (i32.shl (local.get $r) (i32.const 2)))))
    (local.set $stepBytes (i32.shl (local.get $step) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n4)))
        (local.set $p (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $acc (f32x4.mul (v128.load align=4 (local.get $p)) (local.get $centre)))
        (local.set $t (i32.const 0))
        (local.set $off (i32.mul (local.get $r) (local.get $stepBytes)))
        (block $tapsDone
          (loop $tap
            (br_if $tapsDone (i32.ge_u (local.get $t) (local.get $r)))
            (local.set $acc
              (f32x4.add (local.get $acc)
                (f32x4.mul
                  (v128.load32_splat (i32.add (local.get $w) (i32.shl (local.get $t) (i32.const 2))))
                  (f32x4.add
                    (v128.load align=4 (i32.sub (local.get $p) (local.get $off)))
                    (v128.load align=4 (i32.add (local.get $p) (local.get $off)))))))
            (local.set $off (i32.sub (local.get $off) (local.get $stepBytes)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $tap)))
        (v128.store align=4 (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2))) (local.get $acc))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))))
