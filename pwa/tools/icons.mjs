// The app icons, drawn here as PNGs (node:zlib, no image library): a speech
// bubble on the brand blue. The maskable one keeps its drawing inside the
// central 80% "safe zone" (https://web.dev/articles/maskable-icon).
import zlib from 'node:zlib';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function iconPng(size, { maskable = false } = {}) {
  const bg = [31, 58, 95];
  const fg = [255, 255, 255];
  const accent = [242, 153, 74];
  const scale = maskable ? 0.62 : 0.8;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const nx = (x + 0.5 - r) / (r * scale);
      const ny = (y + 0.5 - r) / (r * scale);
      const corner = maskable ? true : Math.max(Math.abs(x + 0.5 - r) - r * 0.7, 0) ** 2 + Math.max(Math.abs(y + 0.5 - r) - r * 0.7, 0) ** 2 <= (r * 0.3) ** 2;
      const bubble = (nx / 0.8) ** 2 + ((ny + 0.1) / 0.6) ** 2 <= 1;
      const tail = ny > 0.3 && ny < 0.85 && nx > -0.45 && nx < -0.1 && (ny - 0.3) < (nx + 0.45) * 1.6;
      const dot = [-0.35, 0, 0.35].some((cx) => (nx - cx) ** 2 + (ny + 0.1) ** 2 <= 0.012);
      const color = !corner ? null : dot ? accent : bubble || tail ? fg : bg;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      if (color) { raw[o] = color[0]; raw[o + 1] = color[1]; raw[o + 2] = color[2]; raw[o + 3] = 255; }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6;  // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
