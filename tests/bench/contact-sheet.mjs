// Renders 60 varied prompts x styles with images-render and tiles them into one PNG
// (www/contact-sheet.png, shown in the README), so anyone can see what the built-in
// engine does. Run: node tests/bench/contact-sheet.mjs (after make).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodePng, makePngRgb } from '../integration/lib/png.mjs';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const TILE = 208;
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
  // People, actions and text in the picture (issue 15).
  ['a man riding a horse on a beach', ''],
  ['a woman in a red dress holding an umbrella', ''],
  ['a girl reading a book in a field', ''],
  ['a cat sleeping on a sofa', ''],
  ['a chalkboard that says "Hello World"', ''],
  ['a t-shirt reading "I love C"', 'comic'],
  // Everyday places, materials, framing, support and scale.
  ['a red bus on a street', ''],
  ['a cat in a kitchen next to a fridge', ''],
  ['portrait of an old man', ''],
  ['a golden crown next to a glass cat', ''],
  ['six orange spheres on the beach', ''],
  ['a banner saying "Happy Birthday" above a cake', 'watercolor'],
  // Landmarks, poses, kinds of things (WordNet).
  ['the eiffel tower at sunset', ''],
  ['the taj mahal', ''],
  ['a dog jumping over a fence', ''],
  ['three birds flying over a lake', ''],
  ['a woman walking down a street', ''],
  ['a pelican and a limousine on a beach', ''],
  // Traits, effects and everyday words (issue 15, second step).
  ['a red car driving down a street in the rain', ''],
  ['an old truck next to a dirty bench', ''],
  ['a dog sleeping on a long bench', ''],
  ['a woman throwing a frisbee in the park, bokeh', ''],
  ['a surfboard next to a parking meter on a foggy beach', ''],
  ['a marble statue of a horse, moody', ''],
  // How people look, bites, shapes, things made of things (issue 15, third step).
  ['a red haired woman with green eyes next to a bald man with dark skin', ''],
  ['an old man with a white beard holding a cup of coffee', ''],
  ['a half eaten apple next to a bowl of fruit on a table', ''],
  ['a triangular pink stop sign and a round mirror', ''],
  ['a blue bird perched on a branch next to a waterfall', ''],
  ['a house made of cheese and two trees in autumn', ''],
];
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
  const sheet = makePngRgb(W, H, rgb);
  writeFileSync(path.join(REPO, 'www', 'contact-sheet.png'), sheet);
  console.log(cases.map(([p, s], i) => `${i + 1}. ${p}${s ? ` (${s})` : ''}`).join('\n'));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
