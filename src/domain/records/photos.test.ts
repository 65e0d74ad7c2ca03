import { describe, expect, it } from 'vitest';
import { inspectJpeg } from './photos.ts';
import { tinyJpeg, withExifGps } from './testing.ts';

describe('inspectJpeg', () => {
  it('reads the size of a clean JPEG and finds no metadata', () => {
    expect(inspectJpeg(tinyJpeg(640, 480))).toEqual({
      ok: true,
      width: 640,
      height: 480,
      hasExif: false,
      hasGps: false,
      hasXmp: false,
    });
  });

  it('finds an Exif segment with a GPS position, as phone cameras write it', () => {
    const info = inspectJpeg(withExifGps(tinyJpeg(20, 10)));
    expect(info).toMatchObject({ ok: true, width: 20, height: 10, hasExif: true, hasGps: true });
  });

  it('refuses what is not a JPEG, and a damaged one', () => {
    expect(inspectJpeg(new TextEncoder().encode('GIF89a....'))).toMatchObject({ ok: false });
    const cut = tinyJpeg().subarray(0, 8);
    expect(inspectJpeg(cut)).toMatchObject({ ok: false });
  });
});
