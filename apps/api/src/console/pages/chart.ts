import { escapeHtml } from '../html';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

/**
 * A horizontal bar chart drawn as SVG on the server: no script, readable by screen readers through
 * its title and description, and every bar labelled with its number (the colour is never the only cue).
 */
export function barChart(title: string, description: string, bars: readonly Bar[]): string {
  const rowHeight = 22;
  const labelWidth = 150;
  const width = 640;
  const barSpace = width - labelWidth - 60;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * rowHeight + 10;
  const rows = bars
    .map((b, i) => {
      const y = i * rowHeight + 5;
      const w = Math.max(1, Math.round((b.value / max) * barSpace));
      return `<g><text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(b.label)}</text><rect class="bar" x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 6}"></rect><text x="${labelWidth + w + 6}" y="${y + 15}">${b.value.toLocaleString('en-US')}</text></g>`;
    })
    .join('');
  const id = `chart-${Math.abs(hash(title))}`;
  return `<svg class="console-chart" role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(description)}</desc>${rows}</svg>`;
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}
