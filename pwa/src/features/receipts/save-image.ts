/** The receipt drawn on a canvas and saved as a PNG, for a citizen to keep in their photos. */
import type { Schemas } from '../../api/client';

type Receipt = Schemas['ReceiptView'];

export interface ImageLabels {
  code: string;
  due: string;
  secret: string;
  dueValue: string;
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('QR image'));
    image.src = src;
  });
}

export const svgDataUrl = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export async function saveAsImage(receipt: Receipt, labels: ImageLabels): Promise<void> {
  const width = 720;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = 1080;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, canvas.height);
  ctx.fillStyle = '#000';
  ctx.textAlign = 'center';
  ctx.font = 'bold 30px sans-serif';
  ctx.fillText(receipt.title_vi.toUpperCase(), width / 2, 60, width - 40);
  ctx.font = '24px sans-serif';
  ctx.fillText(receipt.agency.label_vi, width / 2, 100, width - 40);
  const qr = await loadImage(svgDataUrl(receipt.qr_svg));
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(qr, 110, 130, 500, 500);
  ctx.textAlign = 'left';
  const lines: Array<[string, string]> = [
    [labels.code, receipt.code],
    [labels.due, labels.dueValue],
    [labels.secret, receipt.lookup_secret],
  ];
  let y = 700;
  for (const [label, value] of lines) {
    ctx.font = '24px sans-serif';
    ctx.fillText(label, 60, y);
    ctx.font = 'bold 34px sans-serif';
    ctx.fillText(value, 60, y + 44, width - 120);
    y += 110;
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) return;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `giay-tiep-nhan-${receipt.code}.png`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
