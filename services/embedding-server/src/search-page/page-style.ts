/**
 * The stylesheet of the search page (see `page-html.ts`). System fonts only: the page loads
 * nothing from any other host, fonts included. Light and dark follow the browser's
 * `prefers-color-scheme`.
 */
export const PAGE_STYLE = `
:root{--bg:#f6f7f9;--card:#fff;--ink:#1c2430;--muted:#5d6b7c;--line:#d9dee5;--accent:#2456c8;
--accent-ink:#fff;--bad:#a4262c;--bad-bg:#fdecec;--ok-bg:#eef3fc;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#14181e;--card:#1c222a;--ink:#e4e8ee;
--muted:#9aa6b5;--line:#323b47;--accent:#6d9bff;--accent-ink:#0d1320;--bad:#ff8a8f;
--bad-bg:#3a1d20;--ok-bg:#1d2738}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,sans-serif}
header{display:flex;align-items:baseline;gap:1rem;flex-wrap:wrap;padding:1rem 1.5rem;
border-bottom:1px solid var(--line);background:var(--card)}
header h1{font-size:1.25rem;margin:0}header p{margin:0;color:var(--muted);flex:1}
a{color:var(--accent)}
main{max-width:68rem;margin:1.5rem auto;padding:0 1rem;display:grid;gap:1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem}
.card h2{font-size:1rem;margin:0 0 .75rem}
#input-title{margin-top:1.25rem}
.steps{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
label.field{display:grid;gap:.3rem;align-content:start;font-weight:600;font-size:.9rem}
select,input,textarea,button{font:inherit;color:inherit}
select,input[type=number],input[type=password],textarea{width:100%;padding:.45rem .6rem;
border:1px solid var(--line);border-radius:6px;background:var(--bg)}
textarea{min-height:6rem;resize:vertical}
.hint{color:var(--muted);font-size:.85rem;font-weight:400;margin:.3rem 0 0}
button{padding:.5rem 1.1rem;border-radius:6px;border:1px solid var(--accent);cursor:pointer;
background:var(--accent);color:var(--accent-ink);font-weight:600}
button.plain{background:transparent;color:var(--accent)}
button:disabled{opacity:.55;cursor:not-allowed}
.drop{position:relative;display:flex;align-items:center;justify-content:center;gap:1rem;
min-height:7rem;padding:1rem;border:2px dashed var(--line);border-radius:10px;text-align:center;
cursor:pointer;color:var(--muted)}
.drop.over{border-color:var(--accent);background:var(--ok-bg)}
.drop:focus-within{outline:2px solid var(--accent);outline-offset:2px}
.drop input{position:absolute;width:1px;height:1px;opacity:0}
#file-preview{display:flex;flex-direction:column;align-items:center;gap:.3rem}
.drop img{max-height:6rem;max-width:10rem;border-radius:6px;image-rendering:pixelated}
.row{display:flex;gap:.75rem;align-items:end;flex-wrap:wrap;margin-top:.9rem}
.row label.field{width:7rem}
#status{color:var(--muted);margin:0}
#error{border:1px solid var(--bad);background:var(--bad-bg);color:var(--bad);border-radius:8px;
padding:.7rem 1rem;margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
#error code{font-weight:700}
details.key summary{cursor:pointer;font-weight:600}
details.key form{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin-top:.6rem}
details.key input{flex:1;min-width:14rem}
table{width:100%;border-collapse:collapse;font-size:.92rem}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;
white-space:nowrap}
#results{overflow-x:auto}td.preview{width:5rem}
td.rank{color:var(--muted);width:2.5rem}td.id{font-family:ui-monospace,monospace}
td.score{white-space:nowrap;font-variant-numeric:tabular-nums;width:8rem}
td.metadata{width:45%}
td.score meter{display:block;width:6rem;margin-top:.2rem}
td.preview img{width:56px;height:56px;object-fit:contain;border-radius:4px;background:var(--bg);
image-rendering:pixelated}
td.preview audio{width:12rem}
dl.meta{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:.1rem .6rem}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
.empty{color:var(--muted);font-style:italic}
[hidden]{display:none !important}
`;
