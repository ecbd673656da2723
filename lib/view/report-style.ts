/**
 * The change report's stylesheet, inlined into the file (lib/view/report.ts): a light page that reads on screen and
 * prints on paper. Insertions are underlined and deletions struck through as well as coloured, so a copy printed
 * in black and white still shows them; colours meet WCAG AA contrast on white.
 */
/** A CSS string literal of `text`, safe inside a <style> element (no quote, backslash or angle bracket left bare). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * The stylesheet; `marks` are the words a screen reader announces where an insertion or deletion starts ("inserted",
 * "deleted" in the reader's language), as the extension's pages do.
 */
export function reportCss(marks: { inserted: string; deleted: string }): string {
  return `${REPORT_CSS}
ins::before, ins::after, del::before, del::after {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
ins::before { content: ${cssString(` [${marks.inserted}: `)}; }
del::before { content: ${cssString(` [${marks.deleted}: `)}; }
ins::after, del::after { content: "] "; }
`;
}

const REPORT_CSS = `
:root { color-scheme: light; }
html { background: #fff; color: #1a1a1a; }
body { margin: 0; font: 16px/1.55 Georgia, "Times New Roman", serif; }
main { max-width: 52rem; margin: 0 auto; padding: 24px 20px 48px; overflow-wrap: anywhere; }
h1, h2, h3, .kicker, .facts, table, .labels, .note, .legend, .summary, .gap, .command {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.kicker { margin: 0; font-size: 13px; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase; color: #6b3a00; }
h1 { font-size: 26px; line-height: 1.25; margin: 4px 0 16px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-top: 10px; border-top: 1px solid #c8c8c8; }
h3 { font-size: 16px; margin: 20px 0 8px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; font-size: 14px; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.urls { margin: 0; padding: 0; list-style: none; }
a { color: #0b4f9c; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
.hash, .fingerprint { word-break: break-all; }
.fingerprint { font-size: 15px; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: start; vertical-align: top; padding: 6px 8px; border: 1px solid #c8c8c8; }
thead th { background: #f2f2f2; }
table.versions { table-layout: fixed; }
table.versions th { overflow-wrap: normal; }
table.versions tbody th { background: #f2f2f2; }
table.versions thead td { width: 8.5em; border: 0; }
.note { color: #4d4d4d; font-size: 13px; }
.summary { font-weight: 600; }
.labels { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; padding: 0; list-style: none; font-size: 13px; }
.label { border: 1px solid #6b6b6b; border-radius: 3px; padding: 1px 8px; }
.label-silent { border-color: #8a1c1c; color: #8a1c1c; font-weight: 600; }
.label-disclosed { border-color: #1d5e20; color: #1d5e20; font-weight: 600; }
.number { font-family: ui-monospace, Menlo, Consolas, monospace; margin-inline-end: 8px; white-space: nowrap; }
.legend { font-size: 13px; }
.diff { margin-top: 12px; }
.diff-headline { font-size: 21px; font-weight: 700; line-height: 1.3; }
.diff-dek { font-style: italic; }
.diff-byline { font-size: 14px; color: #333; }
.block { margin: 0 0 12px; }
.block-h { font-weight: 700; }
.block-li::before { content: "• "; }
.block-pre { white-space: pre-wrap; }
blockquote.block { margin-inline: 16px 0; padding-inline-start: 12px; border-inline-start: 3px solid #c8c8c8; }
.block-added, .block-removed, .block-edited, .block-moved { padding-inline-start: 10px; border-inline-start: 3px solid #8c6d1f; }
.tag { font: 600 12px system-ui, sans-serif; text-transform: uppercase; color: #4d4d4d; }
ins { background: #d9f2dc; color: #0d3d12; text-decoration: underline; text-decoration-thickness: 1px; }
del { background: #fbe0e0; color: #6e1212; text-decoration: line-through; }
/* A deletion right next to an insertion must not read as one word once colours are gone. */
del + ins, ins + del { margin-inline-start: 0.3em; }
.gap { color: #4d4d4d; font-size: 13px; font-style: italic; margin: 0 0 12px; }
.meta dt { font-weight: 600; font-family: system-ui, sans-serif; font-size: 14px; }
.meta dd { margin: 0 0 8px; }
.command { background: #f2f2f2; border: 1px solid #c8c8c8; padding: 8px 12px; white-space: pre-wrap; word-break: break-all; }
@media (max-width: 480px) { .facts { grid-template-columns: 1fr; } .facts dd { margin-bottom: 6px; } }
@media print {
  @page { margin: 16mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  ins, del, .label, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; }
  tr, .block, .labels { break-inside: avoid; }
  .table { overflow: visible; }
}
`;
