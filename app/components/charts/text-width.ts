/**
 * Room for SVG text of `chars` characters at the charts' 0.875rem system font
 * (its widest common glyphs measure ~7.8 px): a label column sized by its
 * longest label, so no label is clipped at the edge of the chart.
 */
export function textWidth(chars: number): number {
  return Math.ceil(chars * 7.8) + 12;
}

/** `text` cut to `max` characters with an ellipsis (the full text stays in the chart's table). */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
