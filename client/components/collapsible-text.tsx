import { useId, useState } from 'react';

const MAX_CHARACTERS = 360;
const MAX_LINES = 6;

/** Where a long text is cut for its preview: after a few lines or a few sentences, at a space when there is one. */
export function previewEnd(text: string): number | null {
  let end = text.length > MAX_CHARACTERS ? MAX_CHARACTERS : text.length;
  let newlines = 0;
  for (let i = 0; i < end; i++) {
    if (text[i] === '\n' && ++newlines === MAX_LINES) {
      end = i;
      break;
    }
  }
  if (end >= text.length) return null;
  const space = text.lastIndexOf(' ', end);
  return space > end * 0.6 ? space : end;
}

/**
 * Someone's words in a list: a long text shows its beginning, with "Show all" to read the rest in place. The text's
 * direction follows its own first letters, so Arabic or Hebrew reads right to left beside English.
 */
export function CollapsibleText({ text, className }: { text: string; className?: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const end = previewEnd(text);
  const shown = end === null || open ? text : `${text.slice(0, end).trimEnd()}…`;
  return (
    <>
      <p id={id} className={className} dir="auto">
        {shown}
      </p>
      {end !== null && (
        <button
          type="button"
          className="link-button show-all"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Show less' : 'Show all'}
        </button>
      )}
    </>
  );
}
