/**
 * What a JPEG carries besides its picture. Photos are re-encoded on the device (through a
 * canvas), which drops EXIF — camera, time and GPS location. The server checks again with this
 * function and refuses a photo that still carries metadata, so a location can never be stored.
 */
export type JpegInfo =
  | {
      ok: true;
      width: number;
      height: number;
      /** An APP1 "Exif" segment (camera, time, often GPS). */
      hasExif: boolean;
      /** A GPS IFD pointer inside the Exif segment. */
      hasGps: boolean;
      /** An APP1 XMP segment (can also hold a location). */
      hasXmp: boolean;
    }
  | { ok: false; reason: string };

const ascii = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, from + length));

/** Start-of-frame markers (they carry the size), leaving out DHT, JPG and DAC. */
const isStartOfFrame = (m: number) =>
  m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function exifHasGps(bytes: Uint8Array, start: number, end: number): boolean {
  // TIFF header after "Exif\0\0": byte order, 42, offset of IFD0.
  const tiff = start + 6;
  if (tiff + 8 > end) return false;
  const little = ascii(bytes, tiff, 2) === 'II';
  const u16 = (at: number) =>
    little ? bytes[at]! | (bytes[at + 1]! << 8) : (bytes[at]! << 8) | bytes[at + 1]!;
  const u32 = (at: number) =>
    little
      ? (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
      : ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>>
        0;
  const ifd0 = tiff + u32(tiff + 4);
  if (ifd0 + 2 > end) return false;
  const entries = u16(ifd0);
  for (let i = 0; i < entries; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > end) return false;
    if (u16(entry) === 0x8825) return true; // GPSInfo
  }
  return false;
}

/** Reads a JPEG's segments up to the image data: its size and whether it carries metadata. */
export function inspectJpeg(bytes: Uint8Array): JpegInfo {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
    return {
      ok: false,
      reason: 'This is not a JPEG image (it does not start with a JPEG marker).',
    };
  }
  let at = 2;
  let width = 0;
  let height = 0;
  let hasExif = false;
  let hasGps = false;
  let hasXmp = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff)
      return { ok: false, reason: 'The JPEG is damaged (a segment is out of place).' };
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xd9) break;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const start = at + 4;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) {
      return { ok: false, reason: 'The JPEG is damaged (a segment runs past the end).' };
    }
    if (marker === 0xe1) {
      if (ascii(bytes, start, 6) === 'Exif\0\0') {
        hasExif = true;
        if (exifHasGps(bytes, start, end)) hasGps = true;
      } else if (ascii(bytes, start, 28) === 'http://ns.adobe.com/xap/1.0/') {
        hasXmp = true;
      }
    }
    if (isStartOfFrame(marker) && length >= 7) {
      height = (bytes[start + 1]! << 8) | bytes[start + 2]!;
      width = (bytes[start + 3]! << 8) | bytes[start + 4]!;
    }
    if (marker === 0xda) break; // start of scan: the picture follows
    at = end;
  }
  if (!width || !height)
    return { ok: false, reason: 'The JPEG has no picture size (no frame header).' };
  return { ok: true, width, height, hasExif, hasGps, hasXmp };
}
