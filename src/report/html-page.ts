// The static parts of the HTML report: styles (light and dark via prefers-color-scheme) and the
// small in-page script that draws the charts from embedded JSON. Kept apart from html.ts so
// that file stays about content.

/** Styles: system colours per scheme, no web fonts (the file must open offline). */
export const REPORT_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --card: #f6f8fa; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --grid: rgba(0,0,0,0.08); }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --card: #151b23; --ok: #3fb950; --bad: #f85149; --warn: #d29922; --grid: rgba(255,255,255,0.1); }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1200px; margin: 0 auto; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid var(--border); padding-bottom: 4px; }
.meta { color: var(--muted); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; border: 1px solid currentColor; }
.ok { color: var(--ok); } .bad { color: var(--bad); } .warn { color: var(--warn); }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin-top: 16px; }
.tile { background: var(--card); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; }
.tile .label { color: var(--muted); font-size: 12px; } .tile .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 14px; }
figure { margin: 0; background: var(--card); border: 1px solid var(--border); border-radius: 6px; padding: 10px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
.chart-box { position: relative; height: 260px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
pre { background: var(--card); border: 1px solid var(--border); border-radius: 6px; padding: 10px; overflow: auto; max-height: 480px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.note { color: var(--muted); font-style: italic; }
`;

/**
 * Draws every chart described in `#chart-data`, without animation so a chart is complete as
 * soon as the page has loaded; `data-charts-drawn` on <body> tells a reader (or a test) how many.
 */
export const REPORT_SCRIPT = `
(function () {
  var specs = JSON.parse(document.getElementById('chart-data').textContent);
  var css = getComputedStyle(document.documentElement);
  var fg = css.getPropertyValue('--muted').trim() || '#666';
  var grid = css.getPropertyValue('--grid').trim() || 'rgba(0,0,0,0.1)';
  Chart.defaults.color = fg;
  Chart.defaults.borderColor = grid;
  Chart.defaults.animation = false;
  var drawn = 0;
  specs.forEach(function (s) {
    var canvas = document.getElementById(s.id);
    if (!canvas) return;
    s.datasets.forEach(function (d) { d.pointRadius = d.data.length > 120 ? 0 : 2; d.borderWidth = 1.5; d.spanGaps = false; });
    new Chart(canvas, {
      type: s.type,
      data: { datasets: s.datasets },
      options: {
        responsive: true, maintainAspectRatio: false, normalized: true,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' } },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'seconds since start' }, stacked: !!s.stacked, ticks: { precision: 0 } },
          y: { beginAtZero: true, title: { display: true, text: s.yLabel }, stacked: !!s.stacked }
        }
      }
    });
    drawn++;
  });
  document.body.setAttribute('data-charts-drawn', String(drawn));
})();
`;
