import type { Page } from "playwright-core";

/** What a screenshot holds, as the browser decodes it. */
export interface PixelStats {
  width: number;
  height: number;
  /** Distinct colours (of a sample of pixels). */
  colors: number;
  /** Share of the sampled pixels that are not (near) white. */
  inked: number;
  /** Standard deviation of the sampled pixels' luminance, 0–255. */
  luminanceSd: number;
}

/**
 * Decodes a PNG in a blank page of the browser (an <img> drawn on a canvas: no PNG decoder needed in
 * Node) and measures it, to tell a drawn screen from a blank or single-colour one.
 */
export async function pixelStats(page: Page, png: Buffer): Promise<PixelStats> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const colors = new Set<number>();
    let n = 0;
    let inked = 0;
    let sum = 0;
    let sumSq = 0;
    // Every 7th pixel: enough to see text and lines, quick on a 1280 × 900 screen.
    for (let i = 0; i < data.length; i += 4 * 7) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      colors.add((r << 16) | (g << 8) | b);
      const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      if (y < 240) inked++;
      sum += y;
      sumSq += y * y;
      n++;
    }
    const mean = sum / n;
    return {
      width: canvas.width,
      height: canvas.height,
      colors: colors.size,
      inked: inked / n,
      luminanceSd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
    };
  }, png.toString("base64"));
}
