/**
 * 开考拍照: one frame from the webcam, taken once and the camera released at once. Never blocks the exam: every
 * failure (no camera, permission refused, no secure context) comes back as an outcome for the proctor to see.
 */
export type FrameResult =
  | { readonly ok: true; readonly blob: Blob }
  | { readonly ok: false; readonly outcome: 'refused' | 'unavailable'; readonly reason: string };

const REFUSALS = new Set(['NotAllowedError', 'SecurityError', 'PermissionDeniedError']);

export async function captureFrame(doc: Document, timeoutMs = 8000): Promise<FrameResult> {
  const media = doc.defaultView?.navigator.mediaDevices;
  // getUserMedia exists only in a secure context (HTTPS, or the server on localhost).
  if (!media?.getUserMedia) return { ok: false, outcome: 'unavailable', reason: '浏览器不提供摄像头（需 HTTPS）' };
  let stream: MediaStream | undefined;
  try {
    stream = await withTimeout(media.getUserMedia({ video: { width: 640, height: 480 }, audio: false }), timeoutMs);
    const video = doc.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await withTimeout(video.play(), timeoutMs);
    for (let i = 0; i < 50 && video.videoWidth === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const canvas = doc.createElement('canvas');
    canvas.width = video.videoWidth || 640;
    canvas.height = video.videoHeight || 480;
    canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return { ok: false, outcome: 'unavailable', reason: '无法从摄像头取得画面' };
    return { ok: true, blob };
  } catch (e) {
    const name = e instanceof Error ? e.name : String(e);
    return { ok: false, outcome: REFUSALS.has(name) ? 'refused' : 'unavailable', reason: name };
  } finally {
    for (const track of stream?.getTracks() ?? []) track.stop();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'Timeout' })), ms),
    ),
  ]);
}
