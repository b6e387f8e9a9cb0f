/**
 * A chat's preview as the sidebar shows it: the last message's words without its markdown markup
 * (emphasis, code ticks, headings, quotes, list markers, link targets), on one line.
 */
export function plainPreview(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,!?:;]|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}
