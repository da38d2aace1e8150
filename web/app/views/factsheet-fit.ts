/** Width of the factsheet's A4 sheet on screen (210 mm at 96 dpi) plus its grey margin. */
const SHEET_PX = 840;

/**
 * Scales an iframe that shows a factsheet so its whole A4 width fits the pane: CSS zoom on the
 * frame (set through the CSSOM, which the app's CSP allows), the height kept at about the
 * window's. Returns a function that stops following the pane's size.
 */
export function fitFrame(wrap: HTMLElement): () => void {
  const fit = () => {
    const frame = wrap.querySelector<HTMLIFrameElement>('iframe');
    if (!frame) return;
    const scale = Math.max(0.3, Math.min(1, (wrap.clientWidth - 2) / SHEET_PX));
    frame.style.width = `${SHEET_PX}px`;
    frame.style.zoom = String(scale);
    frame.style.height = `${Math.round((window.innerHeight * 0.85) / scale)}px`;
  };
  const observer = new ResizeObserver(fit);
  observer.observe(wrap);
  fit();
  return () => observer.disconnect();
}
