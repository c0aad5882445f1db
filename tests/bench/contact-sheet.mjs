// Renders 36 varied prompts x styles with images-render and tiles them into one PNG
// (www/contact-sheet.png, shown in the README), so anyone can see what the built-in
// engine does. Run: node tests/bench/contact-sheet.mjs (after make).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { decodePng } from '../integration/lib/png.mjs';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const TILE = 256;
const COLS = 6;
const cases = [
  ['a blue cube', ''],
  ['a red cube left of a blue sphere', ''],
  ['three green cubes', ''],
  ['a snowman in the snow', ''],
  ['a rocket next to a planet in space', ''],
  ['a lighthouse on a beach at sunset', ''],
  ['a house next to two trees in a forest', ''],
  ['a glass bottle and a gold star underwater', ''],
  ['a cup and three apples on a table', 'watercolor'],
  ['a castle at night', 'oil-painting'],
  ['a robot next to a car', 'pixel-art'],
  ['a windmill in a desert', 'sketch'],
  ['two glowing mushrooms in a forest at night', 'neon'],
  ['a cake with a candle', 'gingerbread'],
  ['a teapot and a vase', 'claymation'],
  ['a bridge and a tower', 'blueprint'],
  ['a heart and a star', 'pop-art'],
  ['a boat on a lake at golden hour', 'vintage-photo'],
  ['a cactus and a rock in the desert', 'low-poly'],
  ['an umbrella next to a bench', 'comic'],
  ['a tent next to a tree', 'isometric-toy'],
  ['a balloon above a gift box', 'parisian-postcard'],
  ['five lollipops around a cloud', ''],
  ['a chrome torus on a marble pyramid, close-up', ''],
  // The open vocabulary: emoji artwork composed into the scene (app/render/sprites.c).
  ['a cat wearing a party hat on the beach at sunset', ''],
  ['three ducks next to a canoe on a lake', ''],
  ['a dog and a bicycle in front of a house', ''],
  ['a pizza on a table next to a cup of coffee', ''],
  ['an elephant and a giraffe in the desert', ''],
  ['two penguins next to a snowman in the snow', ''],
  ['a deer in the forest at night', ''],
  ['a bus and a taxi in the city at night', ''],
  ['a pineapple and three bananas on a table', 'watercolor'],
  ['a horse next to a fence at golden hour', 'oil-painting'],
  ['a dinosaur next to a palm tree', 'comic'],
  ['a teddy bear wearing a crown', 'claymation'],
];
// An RGB PNG, each row with the filter whose output has the smallest sum of absolute
// values (the libpng heuristic), deflated at level 9: about a third smaller than
// unfiltered RGBA, so the README's image stays light.
function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function encodeRgb(width, height, rgb) {
  const stride = width * 3;
  const out = Buffer.alloc((stride + 1) * height);
  const cand = Array.from({ length: 5 }, () => Buffer.alloc(stride));
  for (let y = 0; y < height; y++) {
    const row = rgb.subarray(y * stride, (y + 1) * stride);
    const up = y ? rgb.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    let best = 0;
    let bestSum = Infinity;
    for (let f = 0; f < 5; f++) {
      const c = cand[f];
      let sum = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= 3 ? row[i - 3] : 0;
        const b = up[i];
        const d = i >= 3 ? up[i - 3] : 0;
        let pred = 0;
        if (f === 1) pred = a;
        else if (f === 2) pred = b;
        else if (f === 3) pred = (a + b) >> 1;
        else if (f === 4) {
          const p = a + b - d;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - d);
          pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : d;
        }
        const v = (row[i] - pred) & 255;
        c[i] = v;
        sum += v < 128 ? v : 256 - v;
      }
      if (sum < bestSum) {
        bestSum = sum;
        best = f;
      }
    }
    out[y * (stride + 1)] = best;
    cand[best].copy(out, y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(out, { level: 9, memLevel: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'images-sheet-'));
try {
  const tiles = cases.map(([prompt, style], i) => {
    const out = path.join(tmp, `${i}.png`);
    const args = [prompt, '--size', `${TILE}x${TILE}`, '--seed', String(i + 1), '-o', out];
    if (style) args.push('--style', style);
    execFileSync(path.join(REPO, 'app', 'images-render'), args, { stdio: 'ignore' });
    return decodePng(readFileSync(out));
  });
  const rows = Math.ceil(tiles.length / COLS);
  const W = COLS * TILE;
  const H = rows * TILE;
  const rgb = Buffer.alloc(W * H * 3, 255);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const t = tiles[Math.floor(y / TILE) * COLS + Math.floor(x / TILE)];
      if (!t) continue;
      const o = ((y % TILE) * TILE + (x % TILE)) * 4;
      rgb.set(t.rgba.subarray(o, o + 3), (y * W + x) * 3);
    }
  }
  const sheet = encodeRgb(W, H, rgb);
  writeFileSync(path.join(REPO, 'www', 'contact-sheet.png'), sheet);
  console.log(cases.map(([p, s], i) => `${i + 1}. ${p}${s ? ` (${s})` : ''}`).join('\n'));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
