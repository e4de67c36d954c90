// Installed in the portal's live page: five times a second the frame the <video> shows now is drawn onto a canvas
// at its natural size, the recorder's time strip (wall-clock epoch ms burnt into the picture, see
// recorder/README.md) is read from it and kept with the browser's clock as [browserMillis, pictureMillis].
() => {
  // readTimeStrip exactly as recorder/README.md documents it
  function readTimeStrip(ctx, width, height) {
    const img = ctx.getImageData(0, 0, width, height).data, s = width / 80;
    const luma = (x, y) => { const i = (y * width + x) * 4; return 0.299 * img[i] + 0.587 * img[i + 1] + 0.114 * img[i + 2]; };
    const level = (row, block) => {
      const x0 = (1 + block) * s, y0 = (1 + row) * s;
      const xa = Math.round(x0 + s / 4), xb = Math.max(xa + 1, Math.round(x0 + 3 * s / 4));
      const ya = Math.round(y0 + s / 4), yb = Math.max(ya + 1, Math.round(y0 + 3 * s / 4));
      let sum = 0, n = 0;
      for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) { sum += luma(x, y); n++; }
      return sum / n;
    };
    const white = (level(0, 0) + level(0, 31) + level(1, 0) + level(1, 31)) / 4;
    const black = (level(0, 1) + level(0, 30) + level(1, 1) + level(1, 30)) / 4;
    if (white - black < 48) return null;
    const t = (white + black) / 2;
    for (let r = 0; r < 2; r++)
      if (level(r, 0) < t || level(r, 1) >= t || level(r, 30) >= t || level(r, 31) < t) return null;
    let time = 0, crc = 0;
    for (let i = 0; i < 56; i++) {
      const bit = level(Math.floor(i / 28), 2 + (i % 28)) >= t ? 1 : 0;
      if (i < 48) time = time * 2 + bit; else crc = (crc << 1) | bit;
    }
    let c = 0;
    for (let i = 5; i >= 0; i--) {
      c ^= Math.floor(time / 2 ** (8 * i)) & 0xff;
      for (let k = 0; k < 8; k++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    }
    return c === crc ? time : null;
  }

  if (window.__glassToGlass) return;
  const samples = [];
  let misses = 0;
  window.__glassToGlass = { samples, misses: () => misses };
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  setInterval(() => {
    const video = document.querySelector('[data-testid=live-video]');
    if (!video || video.paused || video.readyState < 2 || !video.videoWidth) return;
    const width = video.videoWidth, height = Math.ceil(width / 80 * 4);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    ctx.drawImage(video, 0, 0);
    const now = Date.now();
    const time = readTimeStrip(ctx, width, height);
    if (time === null) misses++;
    else samples.push([now, time]);
  }, 200);
}
