/**
 * The one look every email shares: a plain-text part that reads well on its own, and a small HTML part with the calm
 * colours of the app. The HTML uses inline styles and a single table-free column, which mail clients render alike; every
 * piece of text is escaped, so a name can never become markup.
 */
export interface EmailContent {
  greeting?: string;
  paragraphs: string[];
  /** The one thing the email asks for, as a button (HTML) and a bare link (text). */
  action?: { label: string; url: string };
  /** Small print under a rule: why this email came, how to stop it. */
  footer?: string[];
}

const COLOURS = {
  background: '#f7f4ef',
  card: '#ffffff',
  text: '#1f2328',
  muted: '#575e66',
  accent: '#2b6a66',
  accentContrast: '#ffffff',
};
const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A line of small print with its addresses as links (an unsubscribe link is one), everything else escaped. */
function linked(line: string): string {
  return escapeHtml(line).replace(
    /https?:\/\/[^\s<]+/g,
    (url) => `<a href="${url}" style="color:${COLOURS.accent};word-break:break-all;">${url}</a>`,
  );
}

export function renderEmail(content: EmailContent): { text: string; html: string } {
  return { text: renderText(content), html: renderHtml(content) };
}

function renderText(content: EmailContent): string {
  const blocks: string[] = [];
  if (content.greeting) blocks.push(content.greeting);
  blocks.push(...content.paragraphs);
  if (content.action) blocks.push(`${content.action.label}:\n${content.action.url}`);
  if (content.footer && content.footer.length > 0) blocks.push(`--\n${content.footer.join('\n')}`);
  return `${blocks.join('\n\n')}\n`;
}

function renderHtml(content: EmailContent): string {
  const paragraph = (text: string) =>
    `<p style="margin:0 0 16px;font-size:16px;line-height:1.6;color:${COLOURS.text};">${escapeHtml(text)}</p>`;
  const parts: string[] = [];
  if (content.greeting) parts.push(paragraph(content.greeting));
  parts.push(...content.paragraphs.map(paragraph));
  if (content.action) {
    const url = escapeHtml(content.action.url);
    parts.push(
      `<p style="margin:24px 0;"><a href="${url}" style="display:inline-block;padding:12px 20px;border-radius:8px;` +
        `background:${COLOURS.accent};color:${COLOURS.accentContrast};font-size:16px;font-weight:600;` +
        `text-decoration:none;">${escapeHtml(content.action.label)}</a></p>`,
      `<p style="margin:0 0 16px;font-size:14px;line-height:1.5;color:${COLOURS.muted};">` +
        `If the button does not work, open this address: <a href="${url}" style="color:${COLOURS.accent};` +
        `word-break:break-all;">${url}</a></p>`,
    );
  }
  if (content.footer && content.footer.length > 0) {
    parts.push(
      `<hr style="border:none;border-top:1px solid #e3ded6;margin:24px 0 16px;">`,
      ...content.footer.map(
        (line) =>
          `<p style="margin:0 0 8px;font-size:14px;line-height:1.5;color:${COLOURS.muted};">${linked(line)}</p>`,
      ),
    );
  }
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>Tandem</title></head>` +
    `<body style="margin:0;padding:0;background:${COLOURS.background};font-family:${FONT};">` +
    `<div role="article" aria-label="Tandem" style="max-width:560px;margin:0 auto;padding:24px 16px;">` +
    `<p style="margin:0 0 16px;font-size:14px;font-weight:600;letter-spacing:0.02em;color:${COLOURS.accent};">Tandem</p>` +
    `<div style="background:${COLOURS.card};border-radius:12px;padding:24px;">${parts.join('')}</div>` +
    `</div></body></html>`
  );
}
