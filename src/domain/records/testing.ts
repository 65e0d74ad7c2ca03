/**
 * Test material: an APP1 Exif segment with a GPS position (51.5° N), as a phone camera writes
 * it, spliced into a JPEG right after its start marker. Used by the domain, API and browser
 * tests to prove that a location never reaches the server.
 */
export function exifWithGps(): Uint8Array {
  // TIFF, big-endian: IFD0 with one entry (GPSInfo → GPS IFD), GPS IFD with GPSLatitudeRef "N".
  const tiff = [
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // "MM", 42, IFD0 at 8
    0x00,
    0x01, // one entry
    0x88,
    0x25,
    0x00,
    0x04,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00,
    0x1a, // GPSInfo → 26
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
    0x00,
    0x01, // GPS IFD: one entry
    0x00,
    0x01,
    0x00,
    0x02,
    0x00,
    0x00,
    0x00,
    0x02,
    0x4e,
    0x00,
    0x00,
    0x00, // LatitudeRef "N"
    0x00,
    0x00,
    0x00,
    0x00,
  ];
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0"
  const length = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

export function withExifGps(jpeg: Uint8Array): Uint8Array {
  const exif = exifWithGps();
  const out = new Uint8Array(jpeg.length + exif.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(exif, 2);
  out.set(jpeg.subarray(2), 2 + exif.length);
  return out;
}

/** The smallest JPEG header the inspector reads: SOI, a baseline frame header of w×h, SOS, EOI. */
export function tinyJpeg(width = 4, height = 3): Uint8Array {
  return Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x01,
    0x01,
    0x11,
    0x00,
    0xff,
    0xda,
    0x00,
    0x08,
    0x01,
    0x01,
    0x00,
    0x00,
    0x3f,
    0x00,
    0x00,
    0x00,
    0xff,
    0xd9,
  ]);
}
