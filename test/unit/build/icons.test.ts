import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TRAY_ICON_NAMES } from '../../../main/tray/tray-icon';
import {
  APP_ICON_SIZES,
  crc32,
  encodeIco,
  encodePng,
  ICNS_TYPES,
  rasterize,
  renderIcoFiles,
  renderIcons,
  TEMPLATE_SIZE,
  TRAY_SIZE,
  WINDOWS_APP_ICON_SIZES,
  WINDOWS_TRAY_SIZES,
  type IconFile,
} from '../../../scripts/generate-icons';
import { readPng, type DecodedPng } from './png-reader';

const buildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../build');

async function committed(relative: string): Promise<DecodedPng> {
  return readPng(await readFile(path.join(buildDir, relative)), crc32);
}

const rendered: readonly IconFile[] = renderIcons();

/** Reads an .ico made of PNG frames: the directory entries must agree with the PNGs they point to. */
function readIco(bytes: Buffer): Array<DecodedPng & { declared: number }> {
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const declared = bytes[entry] === 0 ? 256 : bytes[entry]!;
    expect(bytes.readUInt16LE(entry + 6)).toBe(32);
    const length = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    expect(offset + length).toBeLessThanOrEqual(bytes.length);
    return { declared, ...readPng(bytes.subarray(offset, offset + length), crc32) };
  });
}

describe('PNG writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('round-trips pixels through an independent reader', () => {
    const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const png = encodePng(3, 2, rgba);
    expect(readPng(png, crc32)).toEqual({ width: 3, height: 2, rgba });
  });

  it('refuses a pixel buffer of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/expected 16 bytes/);
  });
});

describe('ICO writer', () => {
  it('packs PNG frames with a directory Windows can read (256 px written as 0)', () => {
    const png16 = encodePng(16, 16, new Uint8Array(16 * 16 * 4).fill(200));
    const png256 = encodePng(256, 256, new Uint8Array(256 * 256 * 4).fill(100));
    const ico = encodeIco([
      { size: 16, png: png16 },
      { size: 256, png: png256 },
    ]);
    expect(ico[6]).toBe(16);
    expect(ico[6 + 16]).toBe(0);
    expect(ico.readUInt32LE(6 + 12)).toBe(6 + 32);
    const frames = readIco(ico);
    expect(frames.map((f) => [f.declared, f.width, f.height])).toEqual([
      [16, 16, 16],
      [256, 256, 256],
    ]);
    expect(frames[1]!.rgba[0]).toBe(100);
  });

  it('refuses frames Windows cannot hold', () => {
    expect(() => encodeIco([{ size: 300, png: Buffer.alloc(1) }])).toThrow(/1\.\.256/);
  });
});

describe('rasterizer', () => {
  it('anti-aliases edges: a disc is opaque inside, clear outside, partial on the rim', () => {
    const rgba = rasterize([{ shape: (x, y) => Math.hypot(x - 16, y - 16) - 10, paint: [1, 0, 0, 1] }], 32);
    const alphaAt = (x: number, y: number) => rgba[(y * 32 + x) * 4 + 3]!;
    expect(alphaAt(16, 16)).toBe(255);
    expect(alphaAt(1, 1)).toBe(0);
    const rim = Array.from({ length: 32 }, (_, x) => alphaAt(x, 16)).filter((a) => a > 0 && a < 255);
    expect(rim.length).toBeGreaterThan(0);
    expect([rgba[(16 * 32 + 16) * 4], rgba[(16 * 32 + 16) * 4 + 1]]).toEqual([255, 0]);
  });

  it('erases what is below', () => {
    const rgba = rasterize(
      [
        { shape: () => -1, paint: [0, 0, 0, 1] },
        { shape: (x) => x - 16, erase: true },
      ],
      32,
    );
    expect(rgba[(5 * 32 + 2) * 4 + 3]).toBe(0);
    expect(rgba[(5 * 32 + 30) * 4 + 3]).toBe(255);
  });
});

describe('committed icons', () => {
  it.each(TRAY_ICON_NAMES)('%s has colour 1x/2x and macOS template 1x/2x files of the right sizes', async (name) => {
    expect((await committed(`icons/tray/${name}.png`)).width).toBe(TRAY_SIZE);
    expect((await committed(`icons/tray/${name}@2x.png`)).width).toBe(TRAY_SIZE * 2);
    expect((await committed(`icons/tray/mac/${name}Template.png`)).width).toBe(TEMPLATE_SIZE);
    expect((await committed(`icons/tray/mac/${name}Template@2x.png`)).height).toBe(TEMPLATE_SIZE * 2);
  });

  it('are exactly what the generator draws (run `npm run icons` after changing it)', async () => {
    for (const icon of rendered) {
      const file = await committed(icon.path);
      expect({ path: icon.path, size: file.width }).toEqual({ path: icon.path, size: icon.size });
      expect(Buffer.from(file.rgba).equals(Buffer.from(icon.rgba)), icon.path).toBe(true);
    }
  });

  it('has a Windows .ico per tray icon and for the app, every frame as the generator draws it', async () => {
    const icoFiles = renderIcoFiles();
    expect(icoFiles.map((f) => f.path)).toEqual([...TRAY_ICON_NAMES.map((n) => `icons/tray/win/${n}.ico`), 'icon.ico']);
    for (const ico of icoFiles) {
      const frames = readIco(await readFile(path.join(buildDir, ico.path)));
      const expectedSizes = ico.path === 'icon.ico' ? WINDOWS_APP_ICON_SIZES : WINDOWS_TRAY_SIZES;
      expect(frames.map((f) => f.width), ico.path).toEqual([...expectedSizes]);
      frames.forEach((frame, i) => {
        expect(frame.declared).toBe(frame.width);
        expect(Buffer.from(frame.rgba).equals(Buffer.from(ico.frames[i]!.rgba)), `${ico.path} ${frame.width}px`).toBe(true);
      });
    }
  });

  it('has a macOS build/icon.icns with every PNG element at its size, up to 1024 px', async () => {
    const bytes = await readFile(path.join(buildDir, 'icon.icns'));
    expect(bytes.toString('ascii', 0, 4)).toBe('icns');
    expect(bytes.readUInt32BE(4)).toBe(bytes.length);
    const found: Array<[string, number]> = [];
    for (let at = 8; at < bytes.length; ) {
      const length = bytes.readUInt32BE(at + 4);
      const png = readPng(bytes.subarray(at + 8, at + length), crc32);
      expect(png.width).toBe(png.height);
      found.push([bytes.toString('ascii', at, at + 4), png.width]);
      at += length;
    }
    expect(found).toEqual(ICNS_TYPES.map(([type, size]) => [type, size]));
  });

  it('has the app icon in every Linux size plus build/icon.png at 512 px', async () => {
    for (const size of APP_ICON_SIZES) {
      const file = await committed(`icons/${size}x${size}.png`);
      expect([file.width, file.height]).toEqual([size, size]);
    }
    expect((await committed('icon.png')).width).toBe(512);
  });
});

describe('icon design', () => {
  const byPath = new Map(rendered.map((icon) => [icon.path, icon]));
  const icon = (p: string): IconFile => {
    const found = byPath.get(p);
    if (!found) throw new Error(`not rendered: ${p}`);
    return found;
  };

  it('macOS templates are black + alpha only, and not empty', () => {
    for (const name of TRAY_ICON_NAMES) {
      for (const p of [`icons/tray/mac/${name}Template.png`, `icons/tray/mac/${name}Template@2x.png`]) {
        const { rgba } = icon(p);
        let ink = 0;
        for (let i = 0; i < rgba.length; i += 4) {
          if (rgba[i + 3]! > 0) expect([rgba[i], rgba[i + 1], rgba[i + 2]], p).toEqual([0, 0, 0]);
          ink += rgba[i + 3]! / 255;
        }
        // At least a tenth of the icon is covered: something the eye can find in the menu bar.
        expect(ink, p).toBeGreaterThan(rgba.length / 4 / 10);
      }
    }
  });

  it('every state has its own SHAPE: template alpha masks differ pairwise (colour-blind and monochrome users)', () => {
    const masks = TRAY_ICON_NAMES.map((name) => ({ name, rgba: icon(`icons/tray/mac/${name}Template@2x.png`).rgba }));
    for (const [i, a] of masks.entries()) {
      for (const b of masks.slice(i + 1)) {
        let differing = 0;
        for (let p = 3; p < a.rgba.length; p += 4) if (Math.abs(a.rgba[p]! - b.rgba[p]!) > 128) differing++;
        // 32 × 32 template: at least 12 clearly different pixels, i.e. a visible glyph difference.
        expect(differing, `${a.name} vs ${b.name}`).toBeGreaterThanOrEqual(12);
      }
    }
  });

  it('colour tray icons use more than one colour and keep a transparent background', () => {
    for (const name of TRAY_ICON_NAMES) {
      const { rgba } = icon(`icons/tray/${name}.png`);
      expect(rgba[3], `${name} top-left corner`).toBe(0);
      const colours = new Set<string>();
      for (let i = 0; i < rgba.length; i += 4) if (rgba[i + 3] === 255) colours.add(`${rgba[i]},${rgba[i + 1]},${rgba[i + 2]}`);
      expect(colours.size, name).toBeGreaterThan(2);
    }
  });
});
