/** A search hit's snippet as the API sends it: the text and the matched spans, in UTF-16 code units. */
export interface Snippet {
  text: string;
  matches: { start: number; end: number }[];
}

export interface Segment {
  text: string;
  hit: boolean;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Splits a snippet into plain and matched segments. Offsets are UTF-16 code units (what JavaScript
 * strings index); spans are clamped to the text, sorted, and overlapping or touching spans merged;
 * a span edge inside a surrogate pair is widened to the whole character, so no half emoji is shown.
 * The result is text only: the caller renders it as elements (never as HTML).
 */
export function snippetSegments(snippet: Snippet): Segment[] {
  const { text } = snippet;
  const spans = snippet.matches
    .map(({ start, end }) => {
      let s = Math.max(0, Math.min(text.length, Math.floor(start)));
      let e = Math.max(0, Math.min(text.length, Math.floor(end)));
      if (s > 0 && isLowSurrogate(text.charCodeAt(s)) && isHighSurrogate(text.charCodeAt(s - 1))) s--;
      if (e > 0 && e < text.length && isLowSurrogate(text.charCodeAt(e)) && isHighSurrogate(text.charCodeAt(e - 1))) e++;
      return { start: s, end: e };
    })
    .filter((span) => span.end > span.start && Number.isFinite(span.start) && Number.isFinite(span.end))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const out: Segment[] = [];
  let at = 0;
  for (const span of merged) {
    if (span.start > at) out.push({ text: text.slice(at, span.start), hit: false });
    out.push({ text: text.slice(span.start, span.end), hit: true });
    at = span.end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), hit: false });
  return out;
}
