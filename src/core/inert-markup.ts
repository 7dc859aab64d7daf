/**
 * Repository text for the media besides plain text and GitHub Markdown (inert-text.ts): the HTML
 * architecture document, Mermaid diagram labels, SARIF messages. Each function starts from
 * `plainText` (line breaks flattened, controls made visible) and then escapes what that medium reads
 * as syntax.
 */
import { elided, renderedWithin } from './inert-cut.js';
import { MAX_MESSAGE_CHARS, MAX_VALUE_CHARS, plainText } from './inert-text.js';

/** Text for HTML element content or a quoted attribute value. */
export function htmlText(text: string): string {
  return plainText(text).replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Prose of a page (a name, a description, a finding) as HTML text, at most `MAX_MESSAGE_CHARS` long
 * as shown: an entity is up to six characters, and a cut of the HTML could end inside one.
 */
export function htmlProse(text: string): string {
  return renderedWithin(String(text), MAX_MESSAGE_CHARS, htmlText);
}

/** One value (an id, an owner, a path) as HTML text, its middle left out as `markdownCode` does. */
export function htmlValue(text: string): string {
  return renderedWithin(String(text), MAX_VALUE_CHARS, htmlText, elided);
}

/** Multi-line text for a `<pre>` element: each line made inert, the line structure kept. */
export function htmlPreformatted(text: string): string {
  return text.split('\n').map(htmlText).join('\n');
}

/**
 * Text inside a quoted Mermaid label (`A["…"]`, `-->|"…"|`). Mermaid's syntax is ASCII: every ASCII
 * character but letters, digits, spaces and a few harmless marks becomes a `#code;` entity: quotes cannot end the label, `%%{init}%%`
 * cannot become a directive (Mermaid finds those anywhere in the source), `click`/`;`/brackets have
 * nothing to attach to, HTML cannot be injected into labels, and backticks cannot switch the label to
 * Markdown or close a ```mermaid fence.
 */
export function mermaidLabel(text: string): string {
  return renderedWithin(String(text), MAX_VALUE_CHARS, mermaidEntities, elided);
}

function mermaidEntities(text: string): string {
  return plainText(text).replace(
    /[^A-Za-z0-9 ,.\-_/:'+=@?*!\u0080-\uffff]/g,
    (ch) => `#${ch.charCodeAt(0)};`,
  );
}

/**
 * SARIF `message.text`: plain text in which `[text](n)` is an embedded link (SARIF 2.1.0 §3.11.6), so
 * brackets and backslashes are escaped, and controls are made visible.
 */
export function sarifText(text: string): string {
  return plainText(text).replace(/[\\[\]]/g, '\\$&');
}

/** A finding's message as `sarifText`, at most `MAX_MESSAGE_CHARS` long as shown (a SARIF upload is 10 MB at most). */
export function sarifMessage(message: string): string {
  return renderedWithin(String(message), MAX_MESSAGE_CHARS, sarifText);
}
