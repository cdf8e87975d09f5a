/**
 * Draws every icon the app ships (`npm run icons`): tray icons per availability and connection state
 * (colour PNG 1x + 2x; Windows .ico with every tray size), macOS template images (black + alpha,
 * 1x + 2x), the app icon in the sizes electron-builder wants (PNG set, .ico, .icns), and a contact sheet.
 *
 * No image library: shapes are signed distance functions, so anti-aliasing is one clamp per pixel,
 * and PNGs are written by hand (IHDR/IDAT/IEND with CRC-32 and node:zlib). Output is deterministic;
 * test/unit/build/icons.test.ts checks the committed files match what this script draws.
 *
 * Every icon is "me" (a person) plus a status badge. States differ by the badge's SHAPE, not only its
 * colour (colour-blind users, monochrome macOS menu bar): check, solid disc, bar, clock, moon, house,
 * hollow ring variants for idle, dotted ring, arrows, warning triangle.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { TRAY_ICON_NAMES, type TrayIconName } from '../main/tray/tray-icon';

// ---------------------------------------------------------------------------------------------
// PNG encoding

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it (ISO 3309 / ITU-T V.42). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encodes 8-bit straight-alpha RGBA pixels (row-major) as a PNG (colour type 6, no interlace). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  // compression, filter method, interlace: all 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    // Filter type 1 (Sub): icons are mostly flat runs, which Sub turns into zeros.
    const rowStart = y * (stride + 1);
    raw[rowStart] = 1;
    for (let i = 0; i < stride; i++) {
      const left = i >= 4 ? rgba[y * stride + i - 4]! : 0;
      raw[rowStart + 1 + i] = (rgba[y * stride + i]! - left) & 0xff;
    }
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * Packs PNG images into one Windows .ico (PNG-compressed entries, supported since Windows Vista):
 * Windows picks the frame matching the tray's or shell's size and DPI instead of scaling one image.
 */
export function encodeIco(frames: ReadonlyArray<{ readonly size: number; readonly png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * frames.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(frames.length, 4);
  let offset = header.length;
  frames.forEach((frame, i) => {
    if (frame.size < 1 || frame.size > 256) throw new Error(`icon frames are 1..256 px, got ${frame.size}`);
    const entry = 6 + 16 * i;
    header[entry] = frame.size === 256 ? 0 : frame.size; // 0 means 256
    header[entry + 1] = frame.size === 256 ? 0 : frame.size;
    header[entry + 2] = 0; // no palette
    header[entry + 3] = 0; // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(frame.png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += frame.png.length;
  });
  return Buffer.concat([header, ...frames.map((frame) => frame.png)]);
}

/** ICNS element types holding PNG data, by pixel size (the @2x types reuse the same pixels). */
export const ICNS_TYPES: ReadonlyArray<readonly [type: string, size: number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

/** Packs PNGs into a macOS .icns (PNG elements, macOS 10.7+), so packaging needs no converter. */
export function encodeIcns(elements: ReadonlyArray<{ readonly type: string; readonly png: Buffer }>): Buffer {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([header, ...parts]);
}

// ---------------------------------------------------------------------------------------------
// Shapes as signed distance functions, in a 32 × 32 unit design space (negative inside)

/** Signed distance in design units from a point to a shape's edge; negative inside. */
export type Sdf = (x: number, y: number) => number;

const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

const ring =
  (cx: number, cy: number, r: number, width: number): Sdf =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;

/** A stroke from a to b with round caps. */
const segment =
  (ax: number, ay: number, bx: number, by: number, width: number): Sdf =>
  (x, y) => {
    const px = x - ax;
    const py = y - ay;
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - dx * t, py - dy * t) - width / 2;
  };

const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));

const subtract =
  (shape: Sdf, hole: Sdf): Sdf =>
  (x, y) =>
    Math.max(shape(x, y), -hole(x, y));

const intersect =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.max(...shapes.map((s) => s(x, y)));

/** Grows (positive) or shrinks a shape; also rounds polygon corners. */
const offset =
  (shape: Sdf, by: number): Sdf =>
  (x, y) =>
    shape(x, y) - by;

const polyline = (points: ReadonlyArray<readonly [number, number]>, width: number): Sdf =>
  union(
    ...points.slice(1).map((p, i) => {
      const a = points[i]!;
      return segment(a[0], a[1], p[0], p[1], width);
    }),
  );

/** Exact distance to a closed polygon (even-odd inside test). */
const polygon =
  (points: ReadonlyArray<readonly [number, number]>): Sdf =>
  (x, y) => {
    let best = Infinity;
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      const ex = xj - xi;
      const ey = yj - yi;
      const wx = x - xi;
      const wy = y - yi;
      const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
      best = Math.min(best, Math.hypot(wx - ex * t, wy - ey * t));
      if (yi > y !== yj > y && x < (ex * (y - yi)) / ey + xi) inside = !inside;
    }
    return inside ? -best : best;
  };

/** An arc of a circle between two angles (radians, clockwise from 3 o'clock, y down), round caps. */
const arc =
  (cx: number, cy: number, r: number, from: number, to: number, width: number): Sdf =>
  (x, y) => {
    let a = Math.atan2(y - cy, x - cx);
    while (a < from) a += 2 * Math.PI;
    if (a <= to) return Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
    const d0 = Math.hypot(x - (cx + r * Math.cos(from)), y - (cy + r * Math.sin(from)));
    const d1 = Math.hypot(x - (cx + r * Math.cos(to)), y - (cy + r * Math.sin(to)));
    return Math.min(d0, d1) - width / 2;
  };

/** Rounded rectangle. */
const roundBox =
  (x0: number, y0: number, x1: number, y1: number, radius: number): Sdf =>
  (x, y) => {
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - radius);
    const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - radius);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };

// ---------------------------------------------------------------------------------------------
// Rasterising

/** Straight-alpha colour, channels 0..1. */
export type Rgba = readonly [number, number, number, number];
type Paint = Rgba | ((x: number, y: number) => Rgba);

/** A shape painted over what is below, or punched out of it. */
export type Layer = { readonly shape: Sdf; readonly paint: Paint } | { readonly shape: Sdf; readonly erase: true };

function hex(value: string, alpha = 1): Rgba {
  const n = Number.parseInt(value.replace('#', ''), 16);
  return [((n >> 16) & 0xff) / 255, ((n >> 8) & 0xff) / 255, (n & 0xff) / 255, alpha];
}

/**
 * Renders layers into `size` × `size` straight-alpha RGBA bytes. Coverage of a pixel is its
 * centre's signed distance converted to pixels and clamped to 0..1: analytic anti-aliasing.
 */
export function rasterize(layers: readonly Layer[], size: number, units = 32): Uint8Array {
  const scale = size / units;
  const premultiplied = new Float64Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / scale;
      const y = (py + 0.5) / scale;
      const i = (py * size + px) * 4;
      for (const layer of layers) {
        const coverage = Math.max(0, Math.min(1, 0.5 - layer.shape(x, y) * scale));
        if (coverage === 0) continue;
        if ('erase' in layer) {
          for (let c = 0; c < 4; c++) premultiplied[i + c]! *= 1 - coverage;
          continue;
        }
        const [r, g, b, a] = typeof layer.paint === 'function' ? layer.paint(x, y) : layer.paint;
        const alpha = a * coverage;
        premultiplied[i] = r * alpha + premultiplied[i]! * (1 - alpha);
        premultiplied[i + 1] = g * alpha + premultiplied[i + 1]! * (1 - alpha);
        premultiplied[i + 2] = b * alpha + premultiplied[i + 2]! * (1 - alpha);
        premultiplied[i + 3] = alpha + premultiplied[i + 3]! * (1 - alpha);
      }
    }
  }
  const out = new Uint8Array(size * size * 4);
  for (let i = 0; i < out.length; i += 4) {
    const a = premultiplied[i + 3]!;
    if (a <= 0) continue;
    for (let c = 0; c < 3; c++) out[i + c] = Math.round(Math.min(1, premultiplied[i + c]! / a) * 255);
    out[i + 3] = Math.round(Math.min(1, a) * 255);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The tray icon design

/**
 * `color`: Windows/Linux tray, person + badge. `badge`: the colour badge alone, enlarged, for the
 * smallest Windows tray sizes (16/20 px) where the person would blur the status. `template`: macOS
 * menu bar, the badge alone in black + alpha, tinted by the OS.
 */
export type IconStyle = 'color' | 'badge' | 'template';

const BLACK = hex('#000000');
const WHITE = hex('#ffffff');
const PERSON_FILL = hex('#eef1f5');
const PERSON_EDGE = hex('#3b4350');

const COLORS = {
  green: hex('#2f9e44'),
  red: hex('#d9363e'),
  amber: hex('#e8a200'),
  purple: hex('#8661c5'),
  grey: hex('#7c828c'),
  blue: hex('#1c6fd1'),
  orange: hex('#e0590b'),
} as const;

/** Badge centre and radius: bottom right, overlapping the person. */
const BX = 22.5;
const BY = 22.5;
const BR = 8.5;
/** Clear space between the badge and the person so the two read as separate shapes. */
const GAP = 2;

/** Head and shoulders, top left. */
const PERSON: Sdf = union(
  circle(11.5, 8.5, 5.6),
  intersect(circle(11.5, 29, 12), (_x, y) => y - 29.5),
);

/** How the badge is drawn. Glyphs are in the same 32-unit space, centred on the badge. */
type Badge =
  /** Filled disc; the glyph is white (colour) or punched out (template). */
  | { readonly kind: 'disc'; readonly color: Rgba; readonly glyph?: Sdf }
  /** Hollow ring (idle/offline); glyph drawn in the ring colour. */
  | { readonly kind: 'ring'; readonly color: Rgba; readonly glyph?: Sdf }
  /** Marks only (connection states): on a white backdrop in colour, bare in the template. */
  | { readonly kind: 'marks'; readonly color: Rgba; readonly glyph: Sdf }
  /** Warning triangle with a punched "!" (needs attention). */
  | { readonly kind: 'warning'; readonly color: Rgba };

const STROKE = 2.5;
const check = polyline(
  [
    [18.6, 22.9],
    [21.4, 25.8],
    [26.6, 19.8],
  ],
  STROKE,
);
const smallCheck = polyline(
  [
    [19.8, 22.9],
    [21.8, 25],
    [25.4, 20.8],
  ],
  2.1,
);
const bar = segment(18.6, 22.5, 26.4, 22.5, 2.8);
const clockHands = union(segment(22.5, 22.5, 22.5, 17.9, STROKE), segment(22.5, 22.5, 25.9, 24.4, STROKE));
const moon = subtract(circle(22, 22.8, 5), circle(24.9, 20.3, 4.1));
const house = offset(
  polygon([
    [22.5, 17.2],
    [27.4, 21.8],
    [26, 21.8],
    [26, 27.2],
    [19, 27.2],
    [19, 21.8],
    [17.6, 21.8],
  ]),
  0.3,
);
const cross = union(segment(19.8, 19.8, 25.2, 25.2, 2.2), segment(25.2, 19.8, 19.8, 25.2, 2.2));
const innerDot = circle(BX, BY, 2.4);

/** Eight dots on a ring: "working on it". Equal and large enough to stay dots at 16 px. */
const dottedRing = union(
  ...Array.from({ length: 8 }, (_, i) => {
    const angle = -Math.PI / 2 + (i * Math.PI) / 4;
    return circle(BX + 5.8 * Math.cos(angle), BY + 5.8 * Math.sin(angle), 1.4);
  }),
);

/** Two arrows chasing each other round the badge: "reconnecting". */
const arrows = (() => {
  const r = 5.4;
  const head = (angle: number): Sdf => {
    // Arrowhead at the arc end, pointing clockwise (tangent direction).
    const tx = -Math.sin(angle);
    const ty = Math.cos(angle);
    const px = BX + r * Math.cos(angle);
    const py = BY + r * Math.sin(angle);
    const nx = Math.cos(angle);
    const ny = Math.sin(angle);
    const tip: [number, number] = [px + tx * 2.6, py + ty * 2.6];
    return polygon([tip, [px + nx * 2.5 - tx * 0.3, py + ny * 2.5 - ty * 0.3], [px - nx * 2.5 - tx * 0.3, py - ny * 2.5 - ty * 0.3]]);
  };
  const a0 = -Math.PI * 0.95;
  const a1 = -Math.PI * 0.2;
  return union(
    arc(BX, BY, r, a0, a1, 2.2),
    head(a1),
    arc(BX, BY, r, a0 + Math.PI, a1 + Math.PI, 2.2),
    head(a1 + Math.PI),
  );
})();

const triangle = offset(
  polygon([
    [BX, BY - 8.2],
    [BX + 8.6, BY + 7.3],
    [BX - 8.6, BY + 7.3],
  ]),
  0.8,
);
const exclamation = union(segment(BX, BY - 3.4, BX, BY + 1.6, 2.4), circle(BX, BY + 4.6, 1.3));

/** The badge of each tray icon. */
export const TRAY_BADGES: Readonly<Record<TrayIconName, Badge>> = {
  online: { kind: 'disc', color: COLORS.green, glyph: check },
  busy: { kind: 'disc', color: COLORS.red },
  'do-not-disturb': { kind: 'disc', color: COLORS.red, glyph: bar },
  'be-right-back': { kind: 'disc', color: COLORS.amber, glyph: clockHands },
  away: { kind: 'disc', color: COLORS.amber, glyph: moon },
  offwork: { kind: 'disc', color: COLORS.purple, glyph: house },
  'idle-online': { kind: 'ring', color: COLORS.green, glyph: smallCheck },
  'idle-busy': { kind: 'ring', color: COLORS.red, glyph: innerDot },
  offline: { kind: 'ring', color: COLORS.grey, glyph: cross },
  'signing-in': { kind: 'marks', color: COLORS.blue, glyph: dottedRing },
  reconnecting: { kind: 'marks', color: COLORS.blue, glyph: arrows },
  'signed-out': { kind: 'warning', color: COLORS.orange },
};

const RING_WIDTH = 2.3;

/** The layers of one tray icon in one style. */
export function trayIconLayers(name: TrayIconName, style: IconStyle): Layer[] {
  const badge = TRAY_BADGES[name];
  const outline = badge.kind === 'warning' ? triangle : circle(BX, BY, BR);
  const person = subtract(PERSON, offset(outline, GAP));
  const ink = (color: Rgba): Rgba => (style === 'template' ? BLACK : color);
  const layers: Layer[] =
    style !== 'color'
      ? []
      : [
          // A dark edge keeps the light silhouette visible on light taskbars.
          { shape: offset(person, 1.1), paint: PERSON_EDGE },
          { shape: person, paint: PERSON_FILL },
        ];
  switch (badge.kind) {
    case 'disc':
    case 'warning': {
      layers.push({ shape: outline, paint: ink(badge.color) });
      const glyph = badge.kind === 'warning' ? exclamation : badge.glyph;
      if (glyph) layers.push(style === 'template' ? { shape: glyph, erase: true } : { shape: glyph, paint: WHITE });
      break;
    }
    case 'ring':
    case 'marks': {
      if (style !== 'template') layers.push({ shape: circle(BX, BY, BR), paint: WHITE });
      if (badge.kind === 'ring') layers.push({ shape: ring(BX, BY, BR - RING_WIDTH / 2, RING_WIDTH), paint: ink(badge.color) });
      if (badge.glyph) layers.push({ shape: badge.glyph, paint: ink(badge.color) });
      if (badge.kind === 'marks' && style !== 'template') {
        // The white backdrop needs an edge on white taskbars.
        layers.push({ shape: ring(BX, BY, BR - 0.4, 0.8), paint: hex('#9aa4b2') });
      }
      break;
    }
  }
  // At 16 px (macOS menu bar, Windows tray at 100 %) person + badge turn to mush: there the icon is
  // the badge alone, enlarged to fill it (the app is still named by its tooltip and menu).
  return style === 'color' ? layers : layers.map((layer) => ({ ...layer, shape: badgeFillingIcon(layer.shape) }));
}

/** Margin around the enlarged badge of template images, in design units. */
const TEMPLATE_BADGE_RADIUS = 14.4;

function badgeFillingIcon(shape: Sdf): Sdf {
  const k = BR / TEMPLATE_BADGE_RADIUS;
  return (x, y) => shape(BX + (x - 16) * k, BY + (y - 16) * k) / k;
}

// ---------------------------------------------------------------------------------------------
// The app icon

const APP_BACKGROUND: Paint = (_x, y) => {
  // Vertical gradient, deep to light blue.
  const t = Math.max(0, Math.min(1, (y - 2) / 28));
  const top = hex('#1746a2');
  const bottom = hex('#2f8fe6');
  return [top[0] + (bottom[0] - top[0]) * t, top[1] + (bottom[1] - top[1]) * t, top[2] + (bottom[2] - top[2]) * t, 1];
};

/** The app icon: a rounded square with the person and an "available" badge. */
export function appIconLayers(): Layer[] {
  const square = roundBox(2, 2, 30, 30, 6.5);
  const person = intersect(
    union(circle(13.2, 11.6, 4.7), intersect(circle(13.2, 29.5, 10.2), (_x, y) => y - 25.5)),
    square,
  );
  const badge = circle(21.6, 21.2, 5.4);
  const badgeCheck = polyline(
    [
      [18.8, 21.3],
      [20.9, 23.4],
      [24.5, 19.2],
    ],
    1.9,
  );
  return [
    { shape: square, paint: APP_BACKGROUND },
    { shape: subtract(person, circle(21.6, 21.2, 7)), paint: WHITE },
    { shape: badge, paint: COLORS.green },
    { shape: ring(21.6, 21.2, 5.4, 1.2), paint: WHITE },
    { shape: badgeCheck, paint: WHITE },
  ];
}

// ---------------------------------------------------------------------------------------------
// Files

/** One PNG the script writes, relative to the `build/` directory. */
export interface IconFile {
  readonly path: string;
  readonly size: number;
  readonly rgba: Uint8Array;
}

/** One Windows .ico the script writes, relative to the `build/` directory, with its frames. */
export interface IcoFile {
  readonly path: string;
  readonly frames: ReadonlyArray<{ readonly size: number; readonly rgba: Uint8Array }>;
}

/** Windows tray sizes at 100/125/150/200/250/300 % scaling, plus 48 for the settings page. */
export const WINDOWS_TRAY_SIZES = [16, 20, 24, 32, 40, 48, 64] as const;
/** Up to this size Windows tray frames show the badge alone. */
const BADGE_ONLY_MAX = 20;
/** Frames of build/icon.ico (shell, taskbar, installer). */
export const WINDOWS_APP_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/** Renders the Windows .ico files (pure: no file system). */
export function renderIcoFiles(): IcoFile[] {
  const files: IcoFile[] = TRAY_ICON_NAMES.map((name) => ({
    path: `icons/tray/win/${name}.ico`,
    frames: WINDOWS_TRAY_SIZES.map((size) => ({
      size,
      rgba: rasterize(trayIconLayers(name, size <= BADGE_ONLY_MAX ? 'badge' : 'color'), size),
    })),
  }));
  const app = appIconLayers();
  files.push({ path: 'icon.ico', frames: WINDOWS_APP_ICON_SIZES.map((size) => ({ size, rgba: rasterize(app, size) })) });
  return files;
}

/** Sizes of the Linux icon set (build/icons/NxN.png); the largest is also build/icon.png. */
export const APP_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

/** Tray icon pixel sizes: colour icons at 32 px (+ @2x 64), macOS templates at 16 px (+ @2x 32). */
export const TRAY_SIZE = 32;
export const TEMPLATE_SIZE = 16;

/** Renders every shipped icon (pure: no file system). */
export function renderIcons(): IconFile[] {
  const files: IconFile[] = [];
  for (const name of TRAY_ICON_NAMES) {
    const color = trayIconLayers(name, 'color');
    const template = trayIconLayers(name, 'template');
    files.push({ path: `icons/tray/${name}.png`, size: TRAY_SIZE, rgba: rasterize(color, TRAY_SIZE) });
    files.push({ path: `icons/tray/${name}@2x.png`, size: TRAY_SIZE * 2, rgba: rasterize(color, TRAY_SIZE * 2) });
    files.push({ path: `icons/tray/mac/${name}Template.png`, size: TEMPLATE_SIZE, rgba: rasterize(template, TEMPLATE_SIZE) });
    files.push({
      path: `icons/tray/mac/${name}Template@2x.png`,
      size: TEMPLATE_SIZE * 2,
      rgba: rasterize(template, TEMPLATE_SIZE * 2),
    });
  }
  const app = appIconLayers();
  for (const size of APP_ICON_SIZES) {
    const rgba = rasterize(app, size);
    files.push({ path: `icons/${size}x${size}.png`, size, rgba });
    if (size === 512) files.push({ path: 'icon.png', size, rgba });
  }
  return files;
}

/**
 * A review sheet: every tray icon at 1x and 2x on a dark and a light taskbar colour, the Windows
 * 16 and 24 px frames, the template images on a light and dark menu bar (tinted as macOS would),
 * all magnified without smoothing. ICO frames are passed as `<path>#<size>`.
 */
export function renderContactSheet(icons: readonly IconFile[]): { size: [number, number]; rgba: Uint8Array } {
  const zoom = 2;
  const cell = 64 * zoom + 16;
  const rows: Array<{ bg: Rgba; tint?: Rgba; pick: (name: string) => string }> = [
    { bg: hex('#202020'), pick: (n) => `icons/tray/${n}.png` },
    { bg: hex('#f3f3f3'), pick: (n) => `icons/tray/${n}.png` },
    { bg: hex('#2d2d2d'), pick: (n) => `icons/tray/${n}@2x.png` },
    { bg: hex('#e8e8e8'), pick: (n) => `icons/tray/${n}@2x.png` },
    { bg: hex('#1c1c1c'), pick: (n) => `icons/tray/win/${n}.ico#16` },
    { bg: hex('#f0f0f0'), pick: (n) => `icons/tray/win/${n}.ico#24` },
    { bg: hex('#ececec'), tint: hex('#000000', 0.85), pick: (n) => `icons/tray/mac/${n}Template.png` },
    { bg: hex('#1e1e1e'), tint: hex('#ffffff'), pick: (n) => `icons/tray/mac/${n}Template@2x.png` },
  ];
  const width = cell * TRAY_ICON_NAMES.length;
  const height = cell * rows.length;
  const out = new Uint8Array(width * height * 4);
  const byPath = new Map(icons.map((icon) => [icon.path, icon]));
  rows.forEach((row, r) => {
    for (let y = r * cell; y < (r + 1) * cell; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        out.set(row.bg.map((v) => Math.round(v * 255)), i);
      }
    }
    TRAY_ICON_NAMES.forEach((name, c) => {
      const icon = byPath.get(row.pick(name));
      if (!icon) return;
      // Small icons are magnified more so every row shows icons the same size.
      const factor = (64 * zoom) / icon.size;
      const ox = c * cell + 8;
      const oy = r * cell + 8;
      for (let y = 0; y < 64 * zoom; y++) {
        for (let x = 0; x < 64 * zoom; x++) {
          const s = (Math.floor(y / factor) * icon.size + Math.floor(x / factor)) * 4;
          const src = row.tint ? [row.tint[0] * 255, row.tint[1] * 255, row.tint[2] * 255] : [icon.rgba[s]!, icon.rgba[s + 1]!, icon.rgba[s + 2]!];
          const alpha = (icon.rgba[s + 3]! / 255) * (row.tint ? row.tint[3] : 1);
          const d = ((oy + y) * width + ox + x) * 4;
          for (let k = 0; k < 3; k++) out[d + k] = Math.round(src[k]! * alpha + out[d + k]! * (1 - alpha));
        }
      }
    });
  });
  return { size: [width, height], rgba: out };
}

/** Writes every icon under `buildDir` (and the contact sheet); returns the paths written. */
export async function writeIcons(buildDir: string, options: { contactSheet?: boolean } = {}): Promise<string[]> {
  const icons = renderIcons();
  const written: string[] = [];
  for (const icon of icons) {
    const file = path.join(buildDir, icon.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, encodePng(icon.size, icon.size, icon.rgba));
    written.push(icon.path);
  }
  for (const ico of renderIcoFiles()) {
    const file = path.join(buildDir, ico.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, encodeIco(ico.frames.map((f) => ({ size: f.size, png: encodePng(f.size, f.size, f.rgba) }))));
    written.push(ico.path);
  }
  const app = appIconLayers();
  const pngBySize = new Map<number, Buffer>();
  for (const [, size] of ICNS_TYPES) {
    if (!pngBySize.has(size)) pngBySize.set(size, encodePng(size, size, rasterize(app, size)));
  }
  await writeFile(path.join(buildDir, 'icon.icns'), encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngBySize.get(size)! }))));
  written.push('icon.icns');
  if (options.contactSheet ?? true) {
    const frames = renderIcoFiles().flatMap((ico) => ico.frames.map((f) => ({ path: `${ico.path}#${f.size}`, size: f.size, rgba: f.rgba })));
    const sheet = renderContactSheet([...icons, ...frames]);
    await writeFile(path.join(buildDir, 'icons', 'contact-sheet.png'), encodePng(sheet.size[0], sheet.size[1], sheet.rgba));
    written.push('icons/contact-sheet.png');
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const buildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build');
  const written = await writeIcons(buildDir);
  console.log(`icons: ${written.length} files in ${buildDir}`);
}
