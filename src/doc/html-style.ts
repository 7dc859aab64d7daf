/** Look of the HTML architecture document: system fonts only (no downloads), print-friendly. */

export const DOCUMENT_CSS = `
:root {
  --ink: #0f172a; --text: #1e293b; --muted: #64748b; --line: #e2e8f0; --bg: #f4f6fb; --card: #ffffff;
  --accent: #4f46e5; --good: #047857; --warn: #b45309; --bad: #b91c1c; --info: #1d4ed8;
  --mono: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
html { scroll-behavior: smooth; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
}
.wrap { max-width: 1440px; margin: 0 auto; padding: 0 28px; }
.masthead {
  background: linear-gradient(135deg, #0f172a 0%, #1e3a8a 60%, #3730a3 100%);
  color: #e2e8f0; padding: 36px 0 30px;
}
.eyebrow { margin: 0 0 6px; text-transform: uppercase; letter-spacing: .12em; font-size: 12px; color: #a5b4fc; font-weight: 600; }
.masthead h1 { margin: 0; font-size: 32px; line-height: 1.2; color: #fff; font-weight: 700; }
.subtitle { margin: 8px 0 22px; color: #cbd5e1; }
.subtitle code { background: rgba(255,255,255,.12); color: #fff; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 12px; margin: 0; }
.stat { background: rgba(255,255,255,.08); border: 1px solid rgba(255,255,255,.16); border-radius: 10px; padding: 10px 14px; }
.stat dt { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: #cbd5e1; }
.stat dd { margin: 2px 0 0; font-size: 26px; font-weight: 700; color: #fff; }
.stat.tone-bad dd { color: #fca5a5; } .stat.tone-warn dd { color: #fcd34d; } .stat.tone-good dd { color: #86efac; }
.toc { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,.94); border-bottom: 1px solid var(--line); backdrop-filter: blur(6px); }
.toc .wrap { display: flex; flex-wrap: wrap; gap: 4px 18px; padding-top: 10px; padding-bottom: 10px; }
.toc a { color: var(--muted); text-decoration: none; font-size: 14px; font-weight: 500; }
.toc a:hover { color: var(--accent); }
main { padding-top: 24px; padding-bottom: 8px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 22px 26px; margin: 0 0 22px;
  box-shadow: 0 1px 2px rgba(15,23,42,.04), 0 4px 16px rgba(15,23,42,.04); scroll-margin-top: 56px; }
.card h2 { margin: 0 0 14px; font-size: 20px; color: var(--ink); display: flex; align-items: center; gap: 10px; }
.card h2::before { content: ""; width: 4px; height: 20px; border-radius: 2px; background: var(--accent); }
p { margin: 0 0 12px; }
.empty { color: var(--muted); font-style: italic; }
.table-scroll { overflow-x: auto; margin: 0 0 14px; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th { background: #f8fafc; color: #334155; text-align: left; font-weight: 600; font-size: 12px; text-transform: uppercase;
  letter-spacing: .04em; padding: 8px 10px; border-bottom: 1px solid var(--line); }
td { padding: 8px 10px; border-bottom: 1px solid #f1f5f9; vertical-align: top; overflow-wrap: anywhere; }
tbody tr:nth-child(even) td { background: #fcfdff; }
tbody tr:last-child td { border-bottom: 0; }
tbody tr:hover td { background: #f5f7ff; }
code { font-family: var(--mono); font-size: .88em; background: #f1f5f9; color: #0f172a; padding: 1px 6px; border-radius: 5px; white-space: nowrap; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap;
  border: 1px solid currentColor; line-height: 1.6; }
.badge.tone-neutral { color: #475569; background: #f8fafc; }
.badge.tone-info { color: var(--info); background: #eff6ff; }
.badge.tone-good { color: var(--good); background: #ecfdf5; }
.badge.tone-warn { color: var(--warn); background: #fffbeb; }
.badge.tone-bad { color: var(--bad); background: #fef2f2; }
.badge.tone-accent { color: var(--badge, var(--accent)); background: #fff; }
.diagram { margin: 4px 0 8px; padding: 18px; background: #fbfcff; border: 1px solid var(--line); border-radius: 10px; overflow-x: auto; text-align: center; }
.diagram pre.mermaid { margin: 0; background: none; font-family: inherit; }
/* Mermaid source is shown only until Mermaid replaces it with the drawing (it marks what it processed). */
.diagram pre.mermaid:not([data-processed]) { color: transparent; min-height: 120px; }
.diagram-title { margin: 18px 0 8px; font-size: 15px; color: var(--ink); }
.diagram-part { border: 1px solid var(--line); border-radius: 10px; margin: 8px 0; background: #fff; }
.diagram-part > summary { cursor: pointer; padding: 10px 14px; font-size: 14px; }
.diagram-part > summary:hover { background: #f5f7ff; }
.diagram-part[open] > summary { border-bottom: 1px solid var(--line); }
.diagram-part > .diagram { margin: 0; border: 0; border-radius: 0 0 10px 10px; }
/* Large documents: sections off screen are laid out when scrolled to. */
body.large .card:not(#topology) { content-visibility: auto; contain-intrinsic-size: auto 1200px; }
.legend { display: flex; flex-wrap: wrap; justify-content: center; gap: 6px 20px; margin-top: 14px; font-size: 13px; color: var(--muted); }
.legend-item { display: inline-flex; align-items: center; gap: 8px; }
.swatch { display: inline-block; width: 18px; height: 12px; border-radius: 3px; }
.swatch.external { background: #f8fafc; border: 1.5px dashed #64748b; }
.swatch.mediator { background: #fffbeb; border: 1.5px solid #d97706; }
.swatch.group { background: #f1f5f9; border: 2px solid #475569; }
.records { display: grid; grid-template-columns: repeat(auto-fill, minmax(400px, 1fr)); gap: 14px; margin: 0 0 16px; align-items: start; }
.record { border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; background: #fcfdff; }
.record header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 4px 12px;
  border-bottom: 1px solid #eef2f7; padding-bottom: 8px; margin-bottom: 8px; }
.record h3 { margin: 0; font-size: 15px; color: var(--ink); }
.record header p { margin: 0; font-size: 12.5px; color: var(--muted); }
.record dl { display: grid; grid-template-columns: 132px 1fr; gap: 6px 12px; margin: 0; font-size: 13.5px; }
.record dt { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; padding-top: 2px; }
.record dd { margin: 0; overflow-wrap: anywhere; }
td > strong { overflow-wrap: normal; }
td > strong + .muted { display: block; font-size: 12.5px; }
td code { font-size: .85em; padding: 1px 5px; white-space: normal; overflow-wrap: anywhere; }
td code + .muted { display: block; }
footer { color: var(--muted); font-size: 13px; padding-top: 4px; padding-bottom: 40px; }
@media print {
  body { background: #fff; } .toc { display: none; } .card { box-shadow: none; break-inside: avoid; }
  .masthead { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** Mermaid settings: strict security (labels are blueprint text), our palette, no external fonts. */
export const MERMAID_THEME = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'base',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif',
  themeVariables: {
    primaryColor: '#eef2ff',
    primaryBorderColor: '#4f46e5',
    primaryTextColor: '#1e1b4b',
    lineColor: '#64748b',
    edgeLabelBackground: '#ffffff',
    fontSize: '14px',
  },
  flowchart: { htmlLabels: true, curve: 'basis', nodeSpacing: 60, rankSpacing: 90, padding: 14 },
};
