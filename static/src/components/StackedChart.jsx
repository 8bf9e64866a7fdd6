import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fmtBucket, fmtCompact, fmtInt } from '../format.js';
import { DAY, HOUR } from '../series.js';
import { chartLabel } from '../a11y.js';

// Stacked bars over time, drawn by uPlot. uPlot paints series in order, so the stacks are
// handed over tallest first and each shorter one paints over the bottom of the previous.
// The legend is ours (text nodes): it shows period totals, or the hovered bucket. The canvas
// is one image to a screen reader, named with the totals; the number of every bar is in the
// table under "Show as a table", which needs no mouse (a hover is the only other way).

const cssVar = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

const axisLabel = (bucket) => (sec) => {
  const d = new Date(sec * 1000);
  if (bucket === 'hour' && (d.getHours() !== 0 || d.getMinutes() !== 0)) {
    return d.toLocaleTimeString(undefined, { hour: 'numeric', minute: d.getMinutes() ? '2-digit' : undefined });
  }
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
};

function buildOptions({ width, height, layers, bucket, onCursor }) {
  const half = (bucket === 'hour' ? HOUR : DAY) / 2000;
  const axis = cssVar('--chart-axis');
  const grid = cssVar('--chart-grid');
  const font = `11px ${cssVar('--font-sans') || 'sans-serif'}`;
  const bars = uPlot.paths.bars({ size: [0.72, 56], gap: 1 });
  const drawn = [...layers].reverse();
  // Each layer's bar is outlined in the panel's colour, so two stacked layers are parted by a
  // line, not only by their hues (OK and cached are close for many eyes).
  const edge = cssVar('--panel');
  return {
    width,
    height,
    padding: [10, 18, 0, 0],
    legend: { show: false },
    cursor: { y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
    scales: {
      x: { time: true, range: (u, min, max) => [min - half, max + half] },
      y: { range: (u, min, max) => [0, max > 0 ? max * 1.08 : 1] },
    },
    axes: [
      { stroke: axis, font, size: 30, grid: { show: false }, ticks: { stroke: grid, size: 4 }, values: (u, v) => v.map(axisLabel(bucket)), space: 64 },
      { stroke: axis, font, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 52, space: 36, values: (u, v) => v.map(fmtCompact) },
    ],
    series: [
      {},
      ...drawn.map((l) => ({ label: l.label, fill: cssVar(l.color), stroke: edge, width: 1, paths: bars, points: { show: false } })),
    ],
    hooks: { setCursor: [(u) => onCursor(u.cursor.idx ?? null)] },
  };
}

export function StackedChart({ rows, bucket, layers, theme, title }) {
  const box = useRef(null);
  const plot = useRef(null);
  const [idx, setIdx] = useState(null);
  const values = useMemo(() => layers.map((l) => rows.map((r) => Math.max(0, Number(l.get(r)) || 0))), [rows, layers]);
  const data = useMemo(() => {
    const xs = rows.map((r) => r.start / 1000);
    const stacks = [];
    values.forEach((vals, i) => stacks.push(vals.map((v, j) => v + (i ? stacks[i - 1][j] : 0))));
    return [xs, ...stacks.reverse()];
  }, [rows, values]);

  useEffect(() => {
    const el = box.current;
    const opts = buildOptions({ width: el.clientWidth || 600, height: 220, layers, bucket, onCursor: setIdx });
    const u = new uPlot(opts, data, el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: 220 }));
    ro.observe(el);
    return () => { ro.disconnect(); u.destroy(); plot.current = null; };
  }, [data, bucket, theme]);

  const hovered = idx != null && rows[idx];
  const totals = values.map((vals) => vals.reduce((a, b) => a + b, 0));
  return (
    <div class="chart">
      <div class="chart-legend" aria-live="off">
        <span class="chart-when">{hovered ? fmtBucket(rows[idx].start, bucket) : 'Whole period'}</span>
        {layers.map((l, i) => (
          <span class="chart-key" key={l.label}>
            <i class="swatch" style={{ background: `var(${l.color})` }} />
            {l.label}
            <b>{fmtInt(hovered ? values[i][idx] : totals[i])}</b>
          </span>
        ))}
      </div>
      <div class="chart-plot" ref={box} role="img" aria-label={chartLabel(title, layers, totals)} />
      <ChartData title={title} rows={rows} bucket={bucket} layers={layers} values={values} totals={totals} />
    </div>
  );
}

function ChartData({ title, rows, bucket, layers, values, totals }) {
  return (
    <details class="chart-data">
      <summary>Show as a table<span class="sr-only">: {title}</span></summary>
      <div class="table-wrap" tabindex="0" role="region" aria-label={`${title}, table`}>
        <table class="table">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{bucket === 'hour' ? 'Hour' : 'Day'}</th>
              {layers.map((l) => <th scope="col" class="num" key={l.label}>{l.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, j) => (
              <tr key={r.start}>
                <th scope="row" class="nowrap">{fmtBucket(r.start, bucket)}</th>
                {layers.map((l, i) => <td class="num" key={l.label}>{fmtInt(values[i][j])}</td>)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Whole period</th>
              {layers.map((l, i) => <td class="num" key={l.label}><b>{fmtInt(totals[i])}</b></td>)}
            </tr>
          </tfoot>
        </table>
      </div>
    </details>
  );
}
