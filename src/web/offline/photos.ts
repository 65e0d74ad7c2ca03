/**
 * Makes a photo fit to send: at most 1600 pixels on the long side, re-encoded as JPEG through
 * a canvas. Re-encoding keeps only the pixels, so EXIF (camera, time, GPS position) is dropped;
 * the server checks again and refuses any photo that still carries it.
 */
export const MAX_EDGE = 1600;
const QUALITY = 0.82;

/** The thumbnail kept on the device once the photo is sent: small enough for many walks. */
export const THUMB_EDGE = 160;
export const THUMB_MAX_BYTES = 20_000;
const THUMB_QUALITIES = [0.7, 0.55, 0.4, 0.3, 0.2];

/** The first encoding, from the best quality down, that fits in `maxBytes`; null if none does. */
export async function encodeWithin(
  maxBytes: number,
  encode: (quality: number) => Promise<Blob | null>,
): Promise<Blob | null> {
  for (const quality of THUMB_QUALITIES) {
    const blob = await encode(quality);
    if (blob && blob.size <= maxBytes) return blob;
  }
  return null;
}

type Prepared = { blob: Blob; width: number; height: number };

function canvasOf(bitmap: ImageBitmap, edge: number) {
  const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot prepare photos (no canvas).');
  context.drawImage(bitmap, 0, 0, width, height);
  return { canvas, width, height };
}

const jpeg = (canvas: HTMLCanvasElement, quality: number) =>
  new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));

export async function preparePhoto(file: Blob): Promise<Prepared & { thumbnail: Prepared | null }> {
  // Honour the camera's orientation while reading; none of its metadata is written back.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { canvas, width, height } = canvasOf(bitmap, MAX_EDGE);
    const blob = await jpeg(canvas, QUALITY);
    if (!blob) throw new Error('The photo could not be prepared. Try another one.');
    const small = canvasOf(bitmap, THUMB_EDGE);
    const thumb = await encodeWithin(THUMB_MAX_BYTES, (q) => jpeg(small.canvas, q));
    const thumbnail = thumb ? { blob: thumb, width: small.width, height: small.height } : null;
    return { blob, width, height, thumbnail };
  } finally {
    bitmap.close();
  }
}
