/**
 * Makes a photo fit to send: at most 1600 pixels on the long side, re-encoded as JPEG through
 * a canvas. Re-encoding keeps only the pixels, so EXIF (camera, time, GPS position) is dropped;
 * the server checks again and refuses any photo that still carries it.
 */
export const MAX_EDGE = 1600;
const QUALITY = 0.82;

export async function preparePhoto(
  file: Blob,
): Promise<{ blob: Blob; width: number; height: number }> {
  // Honour the camera's orientation while reading; none of its metadata is written back.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot prepare photos (no canvas).');
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', QUALITY),
    );
    if (!blob) throw new Error('The photo could not be prepared. Try another one.');
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}
