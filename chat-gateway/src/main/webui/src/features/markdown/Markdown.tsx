import { memo, type ComponentProps, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import rehypeHighlight from 'rehype-highlight';
import { splitBlocks } from '../../lib/blocks';
import { CopyButton } from './CopyButton';
import { isSafeHref, remarkHtmlAsText } from './safety';

function textOf(node: ReactNode): string {
  if (node == null || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (typeof node === 'object' && 'props' in node) return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

function CodeBlock({ children, ...rest }: ComponentProps<'pre'>) {
  const code = textOf(children).replace(/\n$/, '');
  return (
    <div className="code-block">
      <CopyButton text={code} />
      <pre {...rest}>{children}</pre>
    </div>
  );
}

const components: Components = {
  pre: ({ node: _node, ...props }) => <CodeBlock {...props} />,
  a: ({ node: _node, href, children, ...props }) =>
    isSafeHref(href) ? (
      <a {...props} href={href} rel="noopener noreferrer nofollow" target="_blank">
        {children}
      </a>
    ) : (
      <span className="unsafe-link">{children}</span>
    ),
  // images would load from anywhere: show them as their alt text and address instead
  img: ({ alt, src }) => <span className="image-ref">{`[image: ${alt ?? ''}${src ? ` ${src}` : ''}]`}</span>,
  table: ({ node: _node, ...props }) => (
    <div className="table-scroll">
      <table {...props} />
    </div>
  ),
};

// react-markdown builds its processor, and so runs every plugin's setup, on each render of each
// block; rehype-highlight's setup registers all of highlight.js's common grammars (lowlight's
// `createLowlight(common)`, 37 language definitions). Built once here, the highlighter's transformer
// is shared by every block, so rendering a message no longer re-creates the grammars (nor does V8
// keep compiling their definition functions hot while a long chat scrolls).
const highlightCode = rehypeHighlight({ detect: false });
const sharedHighlighter = () => highlightCode;
const remarkPlugins = [remarkGfm, remarkHtmlAsText];
const rehypePlugins = [sharedHighlighter];
const keepUrl = (url: string) => url;

const Block = memo(function Block({ source }: { source: string }) {
  return (
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      components={components}
      urlTransform={keepUrl}
      skipHtml={false}
    >
      {source}
    </ReactMarkdown>
  );
});

/**
 * A reply rendered as safe markdown, block by block: while it streams only the last block is
 * parsed again, the finished ones keep their elements (React.memo on their text).
 */
export default function Markdown({ text }: { text: string }) {
  const blocks = splitBlocks(text);
  return (
    <div className="markdown">
      {blocks.map((block, i) => (
        <Block key={i} source={block} />
      ))}
    </div>
  );
}
