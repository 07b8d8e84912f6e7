// One template set for both bodies: a template builds a small document (paragraphs, a table of amounts, a button,
// small print) and this file writes it once as HTML (inline styles, one narrow column, readable on a phone) and
// once as plain text. No template writes HTML itself, so the two bodies always say the same thing.
import { escapeHtml } from '../../shared/html.js';

export type Block =
  | { p: string }
  | { heading: string }
  /** Rows of label / amount; `strong` rows are totals. */
  | { table: { label: string; value: string; strong?: boolean; detail?: string }[] }
  | { button: { label: string; href: string } }
  | { small: string[] };

/** A file sent with the message (a purchase order's PDF and CSV), built at send time like the bodies. */
export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface Document {
  subject: string;
  /** The first line a mail client shows after the subject. */
  preheader: string;
  blocks: Block[];
  attachments?: Attachment[];
}

export interface Rendered {
  subject: string;
  html: string;
  text: string;
  attachments?: Attachment[];
}

const FONT = `font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif`;

function htmlBlock(b: Block): string {
  if ('p' in b) return `<p style="margin:0 0 14px;font-size:16px;line-height:1.5">${escapeHtml(b.p)}</p>`;
  if ('heading' in b)
    return `<h2 style="margin:22px 0 10px;font-size:18px;color:#7a1f12">${escapeHtml(b.heading)}</h2>`;
  if ('table' in b) {
    const rows = b.table
      .map((r) => {
        const weight = r.strong ? 'font-weight:700;border-top:1px solid #ddd;' : '';
        const detail = r.detail
          ? `<br><span style="color:#555;font-size:13px">${escapeHtml(r.detail)}</span>`
          : '';
        return `<tr><td style="${weight}padding:6px 8px 6px 0;font-size:15px;vertical-align:top">${escapeHtml(r.label)}${detail}</td><td style="${weight}padding:6px 0;font-size:15px;text-align:right;white-space:nowrap;vertical-align:top">${escapeHtml(r.value)}</td></tr>`;
      })
      .join('');
    return `<table role="presentation" style="width:100%;border-collapse:collapse;margin:0 0 14px">${rows}</table>`;
  }
  if ('button' in b)
    return `<p style="margin:18px 0"><a href="${escapeHtml(b.button.href)}" style="display:inline-block;background:#b3261e;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-size:16px;font-weight:700">${escapeHtml(b.button.label)}</a></p>`;
  return `<p style="margin:18px 0 0;color:#555;font-size:12px;line-height:1.5">${b.small.map(escapeHtml).join('<br>')}</p>`;
}

function textBlock(b: Block): string {
  if ('p' in b) return b.p;
  if ('heading' in b) return `${b.heading}\n${'-'.repeat(Math.min(b.heading.length, 60))}`;
  if ('table' in b) {
    return b.table
      .map((r) => {
        const line = `${r.label} : ${r.value}`;
        return (r.strong ? `= ${line}` : line) + (r.detail ? `\n    ${r.detail}` : '');
      })
      .join('\n');
  }
  if ('button' in b) return `${b.button.label} : ${b.button.href}`;
  return b.small.join('\n');
}

export function render(doc: Document): Rendered {
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.subject)}</title></head>
<body style="margin:0;padding:0;background:#f6f2ee;${FONT};color:#1d1b1a">
<span style="display:none;max-height:0;overflow:hidden">${escapeHtml(doc.preheader)}</span>
<div style="max-width:600px;margin:0 auto;padding:20px 16px;background:#ffffff">
<p style="margin:0 0 18px;font-size:20px;font-weight:700;color:#b3261e">OC Pizza</p>
${doc.blocks.map(htmlBlock).join('\n')}
</div></body></html>`;
  const text = doc.blocks.map(textBlock).join('\n\n') + '\n';
  return { subject: doc.subject, html, text, ...(doc.attachments ? { attachments: doc.attachments } : {}) };
}
