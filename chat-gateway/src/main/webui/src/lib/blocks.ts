/**
 * Splits markdown into top-level blocks at blank lines outside fenced code, so a streaming reply
 * re-parses only its last, growing block: the finished ones keep their rendered elements.
 */
export function splitBlocks(markdown: string): string[] {
  const lines = markdown.split('\n');
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (marker) {
      if (fence === null) {
        fence = marker[1][0].repeat(marker[1].length);
      } else if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') {
        fence = null;
      }
    }
    if (fence === null && line.trim() === '' && current.length > 0) {
      blocks.push(current.join('\n'));
      current = [];
      continue;
    }
    if (!(fence === null && line.trim() === '' && current.length === 0)) {
      current.push(line);
    }
  }
  if (current.length > 0) {
    blocks.push(current.join('\n'));
  }
  return blocks;
}
