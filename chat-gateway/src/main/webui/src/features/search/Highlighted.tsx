import { snippetSegments, type Snippet } from '../../lib/snippet';

/** A snippet with its matched spans as <mark> elements: text nodes only, never HTML from the server. */
export function Highlighted({ snippet }: { snippet: Snippet }) {
  return (
    <>
      {snippetSegments(snippet).map((segment, i) => (segment.hit ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>))}
    </>
  );
}
