/**
 * The camera and the QR decoder (jsQR, bundled locally and loaded only by the desk screen).
 * Frames are decoded a few times a second from a downscaled canvas: enough for a receipt held
 * in front of a cheap phone, and light on its CPU. Torch and zoom are offered when the camera
 * says it has them (Android Chrome mostly).
 */

type JsQR = typeof import('jsqr').default;
let decoder: Promise<JsQR> | undefined;

/** Start loading the decoder (the desk screen calls this as it opens, so it works offline). */
export const loadDecoder = (): Promise<JsQR> => (decoder ??= import('jsqr').then((m) => m.default));

export interface CameraFeatures {
  torch: boolean;
  zoom: { min: number; max: number; step: number; value: number } | null;
}

export interface Scanner {
  stop(): void;
  features: CameraFeatures;
  setTorch(on: boolean): Promise<void>;
  setZoom(value: number): Promise<void>;
}

type Caps = MediaTrackCapabilities & { torch?: boolean; zoom?: { min: number; max: number; step: number } };
type Settings = MediaTrackSettings & { zoom?: number };

export async function startScanner(video: HTMLVideoElement, onText: (text: string) => void): Promise<Scanner> {
  const jsQR = await loadDecoder();
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: false,
  });
  video.srcObject = stream;
  video.setAttribute('playsinline', 'true');
  await video.play();
  const [track] = stream.getVideoTracks();
  const caps: Caps = (track?.getCapabilities?.() ?? {}) as Caps;
  const settings: Settings = (track?.getSettings?.() ?? {}) as Settings;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  let running = true;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tick = (): void => {
    if (!running || !ctx) return;
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (w && h) {
      const scale = Math.min(1, 800 / Math.max(w, h));
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
      if (found?.data) {
        onText(found.data);
        return; // the caller decides whether to scan again
      }
    }
    timer = setTimeout(tick, 150);
  };
  tick();

  const apply = (constraint: Record<string, unknown>): Promise<void> =>
    track ? track.applyConstraints({ advanced: [constraint as MediaTrackConstraintSet] }) : Promise.resolve();

  return {
    features: {
      torch: Boolean(caps.torch),
      zoom: caps.zoom ? { ...caps.zoom, value: settings.zoom ?? caps.zoom.min } : null,
    },
    stop() {
      running = false;
      clearTimeout(timer);
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
    },
    setTorch: (on) => apply({ torch: on }),
    setZoom: (value) => apply({ zoom: value }),
  };
}
