#!/usr/bin/env node
// Draws the ConsentLens icon (a lens over a check mark on a blue tile) at the sizes the manifest
// lists and writes extension/public/icons/icon-<size>.png. Run after changing the artwork:
//   node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const OUT = new URL('../extension/public/icons/', import.meta.url);

// Shapes in a 0..1 square; each returns true when the point is inside.
const dist = (x1, y1, x2, y2) => Math.hypot(x1 - x2, y1 - y2);
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return dist(px, py, ax + t * dx, ay + t * dy);
}
function tile(x, y) {
  const r = 0.2, m = 0.02;
  const cx = Math.min(Math.max(x, m + r), 1 - m - r), cy = Math.min(Math.max(y, m + r), 1 - m - r);
  return dist(x, y, cx, cy) <= r;
}
const lensRing = (x, y) => Math.abs(dist(x, y, 0.44, 0.44) - 0.24) <= 0.06;
const handle = (x, y) => segDist(x, y, 0.62, 0.62, 0.82, 0.82) <= 0.075;
const check = (x, y) => segDist(x, y, 0.33, 0.45, 0.41, 0.54) <= 0.045 || segDist(x, y, 0.41, 0.54, 0.56, 0.35) <= 0.045;

function pixel(x, y) {
  if (!tile(x, y)) return [0, 0, 0, 0];
  if (lensRing(x, y) || handle(x, y) || check(x, y)) return [255, 255, 255, 255];
  return [11, 92, 173, 255];
}

function render(size) {
  const ss = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const p = pixel((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          acc[0] += p[0] * p[3]; acc[1] += p[1] * p[3]; acc[2] += p[2] * p[3]; acc[3] += p[3];
        }
      const a = acc[3];
      const o = 1 + px * 4;
      row[o] = a ? Math.round(acc[0] / a) : 0;
      row[o + 1] = a ? Math.round(acc[1] / a) : 0;
      row[o + 2] = a ? Math.round(acc[2] / a) : 0;
      row[o + 3] = Math.round(a / (ss * ss));
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
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
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const size of SIZES) writeFileSync(new URL(`icon-${size}.png`, OUT), render(size));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')}`);
