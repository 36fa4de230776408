// A small WebAssembly text assembler for this package's `wasm/*.wat` files, so rebuilding their
// embedded bytes needs no outside tool (wabt is not a dependency, and this repository builds
// offline). It covers the subset those files use, in folded form only: one memory, exported
// functions with named params and locals, `block` / `loop` / `if` with named labels, `br` /
// `br_if`, `select`, i32 / f32 / f64 / v128 constants, loads and stores with `offset=` and
// `align=`, `i8x16.shuffle`, `f64x2.extract_lane`, and the numeric and SIMD opcodes in the table below (numbers from
// the WebAssembly 2.0 core specification, section 5.4). Anything else fails loudly.
//
//   node packages/augment-image/scripts/assemble-wat.mjs in.wat out.wasm
//
// Checked against wabt: it reproduces `wat2wasm wasm/blur-taps.wat` byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';

const TYPES = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };

// Plain opcodes without immediates.
const PLAIN = {
  select: 0x1b,
  'i32.eqz': 0x45,
  'i32.eq': 0x46,
  'i32.ne': 0x47,
  'i32.lt_s': 0x48,
  'i32.lt_u': 0x49,
  'i32.gt_s': 0x4a,
  'i32.gt_u': 0x4b,
  'i32.le_s': 0x4c,
  'i32.le_u': 0x4d,
  'i32.ge_s': 0x4e,
  'i32.ge_u': 0x4f,
  'i32.add': 0x6a,
  'i32.sub': 0x6b,
  'i32.mul': 0x6c,
  'i32.and': 0x71,
  'i32.or': 0x72,
  'i32.shl': 0x74,
  'i32.shr_u': 0x76,
  'f32.add': 0x92,
  'f32.sub': 0x93,
  'f32.mul': 0x94,
  'f32.div': 0x95,
  'f64.add': 0xa0,
  'f64.sub': 0xa1,
  'f64.mul': 0xa2,
  'f64.div': 0xa3,
  'f32.demote_f64': 0xb6,
  'f64.promote_f32': 0xbb,
};

// SIMD opcodes (prefix 0xfd, then the number as unsigned LEB128), without immediates.
const SIMD = {
  'f32x4.splat': 19,
  'f64x2.splat': 20,
  'f32x4.eq': 65,
  'f32x4.ne': 66,
  'f32x4.lt': 67,
  'f32x4.gt': 68,
  'f32x4.le': 69,
  'f32x4.ge': 70,
  'v128.not': 77,
  'v128.and': 78,
  'v128.andnot': 79,
  'v128.or': 80,
  'v128.xor': 81,
  'v128.bitselect': 82,
  'f64x2.promote_low_f32x4': 95,
  'f32x4.add': 228,
  'f32x4.sub': 229,
  'f32x4.mul': 230,
  'f32x4.div': 231,
  'f32x4.min': 232,
  'f32x4.max': 233,
  'f32x4.pmin': 234,
  'f32x4.pmax': 235,
  'f64x2.add': 240,
};

// Memory instructions: opcode (SIMD ones as [0xfd, n]) and natural alignment (log2 bytes).
const MEMORY = {
  'i32.load': [[0x28], 2],
  'f32.load': [[0x2a], 2],
  'f64.load': [[0x2b], 3],
  'i32.store': [[0x36], 2],
  'f32.store': [[0x38], 2],
  'f64.store': [[0x39], 3],
  'v128.load': [[0xfd, 0], 4],
  'v128.load32_splat': [[0xfd, 9], 2],
  'v128.store': [[0xfd, 11], 4],
};

function tokenize(text) {
  const src = text.replace(/;;[^\n]*/g, ' ');
  return src.match(/\(|\)|"[^"]*"|[^\s()]+/g) ?? [];
}

function parse(tokens) {
  let at = 0;
  const node = () => {
    const tok = tokens[at++];
    if (tok !== '(') return tok;
    const list = [];
    while (tokens[at] !== ')') {
      if (at >= tokens.length) throw new Error('assemble-wat: unbalanced parentheses');
      list.push(node());
    }
    at++;
    return list;
  };
  return node();
}

const uleb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};

const sleb = (value) => {
  const out = [];
  let n = BigInt(value);
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && !(b & 0x40)) || (n === -1n && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};

const bytesOf = (array) => [...new Uint8Array(array.buffer)];
const name = (s) => [...uleb(Buffer.byteLength(s)), ...Buffer.from(s)];
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, body) => [id, ...uleb(body.length), ...body];

function v128Const(shape, lanes) {
  const arrays = { f32x4: Float32Array, i32x4: Int32Array, f64x2: Float64Array, i8x16: Int8Array };
  const Kind = arrays[shape];
  if (!Kind) throw new Error(`assemble-wat: v128.const ${shape} is not supported`);
  return bytesOf(Kind.from(lanes.map(Number)));
}

// Emits one folded instruction (and its operands, first) into `out`.
function emit(expr, out, locals, labels) {
  if (!Array.isArray(expr)) throw new Error(`assemble-wat: expected (instruction), got ${expr}`);
  const [op, ...rest] = expr;
  const local = (id) => {
    if (!locals.has(id)) throw new Error(`assemble-wat: unknown local ${id}`);
    return uleb(locals.get(id));
  };
  const depth = (id) => {
    const d = labels.lastIndexOf(id);
    if (d < 0) throw new Error(`assemble-wat: unknown label ${id}`);
    return uleb(labels.length - 1 - d);
  };
  const children = (list, inner) => {
    for (const e of list) emit(e, out, locals, inner);
  };

  if (op === 'block' || op === 'loop') {
    const label = rest[0];
    out.push(op === 'block' ? 0x02 : 0x03, 0x40);
    children(rest.slice(1), [...labels, label]);
    out.push(0x0b);
    return;
  }
  if (op === 'if') {
    const [cond, thenPart, elsePart] = rest;
    emit(cond, out, locals, labels);
    out.push(0x04, 0x40);
    children(thenPart.slice(1), [...labels, null]);
    if (elsePart) {
      out.push(0x05);
      children(elsePart.slice(1), [...labels, null]);
    }
    out.push(0x0b);
    return;
  }
  if (op === 'br' || op === 'br_if') {
    children(rest.slice(1), labels);
    out.push(op === 'br' ? 0x0c : 0x0d, ...depth(rest[0]));
    return;
  }
  if (op === 'local.get') return void out.push(0x20, ...local(rest[0]));
  if (op === 'local.set' || op === 'local.tee') {
    children(rest.slice(1), labels);
    out.push(op === 'local.set' ? 0x21 : 0x22, ...local(rest[0]));
    return;
  }
  if (op === 'i32.const') return void out.push(0x41, ...sleb(rest[0]));
  if (op === 'f32.const') return void out.push(0x43, ...bytesOf(Float32Array.of(Number(rest[0]))));
  if (op === 'f64.const') return void out.push(0x44, ...bytesOf(Float64Array.of(Number(rest[0]))));
  if (op === 'v128.const') {
    return void out.push(0xfd, 12, ...v128Const(rest[0], rest.slice(1)));
  }
  if (op === 'f64x2.extract_lane') {
    children(rest.slice(1), labels);
    out.push(0xfd, 33, Number(rest[0]));
    return;
  }
  if (op === 'i8x16.shuffle') {
    const lanes = rest.slice(0, 16).map(Number);
    children(rest.slice(16), labels);
    out.push(0xfd, 13, ...lanes);
    return;
  }
  if (op in MEMORY) {
    const [code, natural] = MEMORY[op];
    let offset = 0;
    let align = natural;
    let i = 0;
    for (; typeof rest[i] === 'string'; i++) {
      const [key, value] = rest[i].split('=');
      if (key === 'offset') offset = Number(value);
      else if (key === 'align') align = Math.log2(Number(value));
      else throw new Error(`assemble-wat: unknown memory immediate ${rest[i]}`);
    }
    children(rest.slice(i), labels);
    out.push(...code.slice(0, 1), ...code.slice(1).flatMap(uleb), ...uleb(align), ...uleb(offset));
    return;
  }
  children(rest, labels);
  if (op in PLAIN) out.push(PLAIN[op]);
  else if (op in SIMD) out.push(0xfd, ...uleb(SIMD[op]));
  else throw new Error(`assemble-wat: unsupported instruction ${op}`);
}

function func(fields) {
  const params = [];
  const results = [];
  const locals = new Map();
  const localTypes = [];
  let exportName;
  const body = [];
  for (const f of fields) {
    if (!Array.isArray(f)) throw new Error(`assemble-wat: unexpected ${f} in func`);
    if (f[0] === 'export') exportName = JSON.parse(f[1]);
    else if (f[0] === 'param') {
      locals.set(f[1], locals.size);
      params.push(TYPES[f[2]]);
    } else if (f[0] === 'result') results.push(TYPES[f[1]]);
    else if (f[0] === 'local') {
      locals.set(f[1], locals.size);
      localTypes.push(TYPES[f[2]]);
    } else body.push(f);
  }
  const code = [];
  for (const e of body) emit(e, code, locals, []);
  const groups = localTypes.reduce((acc, t) => {
    const last = acc.at(-1);
    if (last && last[1] === t) last[0]++;
    else acc.push([1, t]);
    return acc;
  }, []);
  const entry = [...vec(groups.map(([n, t]) => [...uleb(n), t])), ...code, 0x0b];
  return { type: [0x60, ...vec(params), ...vec(results)], exportName, code: entry };
}

/** Assembles the text of one module into its binary form. */
export function assemble(text) {
  const module = parse(tokenize(text));
  if (module[0] !== 'module') throw new Error('assemble-wat: expected (module ...)');
  let memory;
  const funcs = [];
  for (const field of module.slice(1)) {
    if (field[0] === 'memory') memory = { exportName: JSON.parse(field[1][1]), pages: field[2] };
    else if (field[0] === 'func') funcs.push(func(field.slice(1)));
    else throw new Error(`assemble-wat: unsupported module field ${field[0]}`);
  }

  const types = [];
  const typeIndex = funcs.map((f) => {
    const key = f.type.join(',');
    let i = types.findIndex((t) => t.join(',') === key);
    if (i < 0) i = types.push(f.type) - 1;
    return i;
  });
  const exports = [];
  if (memory) exports.push([...name(memory.exportName), 0x02, 0x00]);
  funcs.forEach((f, i) => {
    if (f.exportName) exports.push([...name(f.exportName), 0x00, ...uleb(i)]);
  });
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(3, vec(typeIndex.map((i) => uleb(i)))),
    ...(memory ? section(5, vec([[0x00, ...uleb(Number(memory.pages))]])) : []),
    ...section(7, vec(exports)),
    ...section(10, vec(funcs.map((f) => [...uleb(f.code.length), ...f.code]))),
  ];
  return Uint8Array.from(bytes);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [input, output] = process.argv.slice(2);
  writeFileSync(output, assemble(readFileSync(input, 'utf8')));
}
