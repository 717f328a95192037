// The embedded charts of the tab on screen, drawn with chart.js from their ranges' current values, in a panel that
// floats over the grid (each chart says which cell Sheets anchors it to). chart.js lives in this page only.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartView } from '../../contract';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
);

const RU = () => document.documentElement.lang === 'ru';
const TEXT = {
  charts: () => (RU() ? 'Диаграммы' : 'Charts'),
  anchored: (cell: string) => (RU() ? `Привязана к ячейке ${cell}` : `Anchored at ${cell}`),
  notDrawn: (type: string) => (RU() ? `Диаграмма «${type}» здесь не рисуется` : `A ${type} chart is not drawn here`),
  hide: () => (RU() ? 'Скрыть' : 'Hide'),
  show: () => (RU() ? 'Показать' : 'Show'),
};

// Google Sheets' default series colours.
const PALETTE = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc', '#00acc1', '#ff7043', '#9e9d24'];

function column(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** chart.js settings for a Sheets chart type and its Google Charts options; null for types not drawn. */
export function chartConfig(v: ChartView): ChartConfiguration | null {
  const o = v.options;
  const colors = Array.isArray(o.colors) ? (o.colors as string[]) : PALETTE;
  const stacked = o.isStacked === true || o.isStacked === 'true';
  const legend = String(o['legend.position'] ?? 'right');
  const plugins = {
    title: { display: Boolean(v.title), text: v.title ?? '' },
    legend: {
      display: legend !== 'none',
      position: (legend === 'none' ? 'right' : legend) as 'top' | 'right' | 'bottom',
    },
  };
  const axis = (key: 'hAxis' | 'vAxis') => {
    const title = o[`${key}.title`];
    return {
      stacked,
      title: { display: typeof title === 'string' && title !== '', text: String(title ?? '') },
      ...(o[`${key}.viewWindow.min`] !== undefined ? { min: Number(o[`${key}.viewWindow.min`]) } : {}),
      ...(o[`${key}.viewWindow.max`] !== undefined ? { max: Number(o[`${key}.viewWindow.max`]) } : {}),
    };
  };
  const sets = (kind: 'bar' | 'line', fill = false) =>
    v.series.map((s, i) => {
      const own = o[`series.${i}.type`];
      const type = own === 'line' || (kind === 'line' && own !== 'bars') ? 'line' : 'bar';
      return {
        type,
        label: s.name,
        data: s.values,
        backgroundColor: colors[i % colors.length],
        borderColor: colors[i % colors.length],
        fill,
        stepped: v.type === 'STEPPED_AREA',
      };
    });
  const base = { animation: false as const, responsive: true, maintainAspectRatio: false };
  switch (v.type) {
    case 'COLUMN':
    case 'BAR':
    case 'COMBO':
      return {
        type: 'bar',
        data: {
          labels: v.labels,
          datasets: sets(o.seriesType === 'line' ? 'line' : 'bar') as never,
        },
        options: {
          ...base,
          indexAxis: v.type === 'BAR' ? 'y' : 'x',
          plugins,
          scales: v.type === 'BAR' ? { x: axis('hAxis'), y: axis('vAxis') } : { x: axis('hAxis'), y: axis('vAxis') },
        },
      };
    case 'LINE':
    case 'AREA':
    case 'STEPPED_AREA':
      return {
        type: 'line',
        data: { labels: v.labels, datasets: sets('line', v.type !== 'LINE') as never },
        options: { ...base, plugins, scales: { x: axis('hAxis'), y: axis('vAxis') } },
      };
    case 'PIE':
      return {
        type: 'pie',
        data: {
          labels: v.labels,
          datasets: [
            { data: v.series[0]?.values ?? [], backgroundColor: v.labels.map((_, i) => colors[i % colors.length]) },
          ],
        },
        options: { ...base, plugins },
      };
    case 'SCATTER':
      return {
        type: 'scatter',
        data: {
          datasets: v.series.map((s, i) => ({
            label: s.name,
            data: s.values.map((y, k) => ({ x: Number(v.labels[k]), y })),
            backgroundColor: colors[i % colors.length],
          })) as never,
        },
        options: { ...base, plugins, scales: { x: axis('hAxis'), y: axis('vAxis') } },
      };
    default:
      return null;
  }
}

function OneChart({ view }: { view: ChartView }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const config = view.type === 'TABLE' ? null : chartConfig(view);
  const key = JSON.stringify(view);
  useEffect(() => {
    if (!config || !canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [key]); // redrawn when the chart's data or options change
  const cell = `${column(view.position.column)}${view.position.row}`;
  return (
    <figure class="embedded-chart" data-chart-id={view.id} data-chart-type={view.type} style={FIGURE}>
      {view.type === 'TABLE' ? (
        <table style={{ borderCollapse: 'collapse', fontSize: '12px' }}>
          <tbody>
            {view.table.map((row, i) => (
              <tr key={i}>
                {row.map((text, j) => (
                  <td
                    key={j}
                    style={{ border: '1px solid #dadce0', padding: '2px 6px', fontWeight: i === 0 ? 600 : 400 }}
                  >
                    {text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : config ? (
        <div style={{ position: 'relative', height: '220px' }}>
          <canvas ref={canvas} />
        </div>
      ) : (
        <p>{TEXT.notDrawn(view.type)}</p>
      )}
      <figcaption style={{ color: '#5f6368', fontSize: '11px' }}>{TEXT.anchored(cell)}</figcaption>
    </figure>
  );
}

const FIGURE = {
  margin: '0 0 12px',
  padding: '8px',
  background: '#fff',
  border: '1px solid #dadce0',
  borderRadius: '4px',
};

/** The tab's charts, fetched again whenever the workbook changes (`version`). Nothing shows for a tab without charts. */
export function ChartPanel({ tab, version }: { tab: string; version: number }) {
  const [charts, setCharts] = useState<ChartView[]>([]);
  const [open, setOpen] = useState(true);
  useEffect(() => {
    let live = true;
    fetch(`/api/charts?tab=${encodeURIComponent(tab)}`)
      .then((r) => (r.ok ? r.json() : []))
      .then((list: ChartView[]) => live && setCharts(list))
      .catch(() => live && setCharts([]));
    return () => {
      live = false;
    };
  }, [tab, version]);
  if (charts.length === 0) return null;
  // A zero-height anchor between the grid and the tab strip: the panel floats up over the grid's lower right.
  return (
    <div style={{ position: 'relative', height: 0 }}>
      <aside
        class="chart-panel"
        aria-label={TEXT.charts()}
        style={{
          position: 'absolute',
          bottom: '8px',
          right: '16px',
          zIndex: 5,
          width: open ? '420px' : 'auto',
          maxHeight: '60vh',
          overflow: 'auto',
          background: '#f8f9fa',
          border: '1px solid #dadce0',
          borderRadius: '6px',
          boxShadow: '0 1px 3px rgba(60,64,67,.3)',
          padding: '6px 8px',
        }}
      >
        <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: '6px' }}>
          <strong>
            {TEXT.charts()} ({charts.length})
          </strong>
          <button type="button" onClick={() => setOpen(!open)}>
            {open ? TEXT.hide() : TEXT.show()}
          </button>
        </header>
        {open && charts.map((c) => <OneChart key={c.id} view={c} />)}
      </aside>
    </div>
  );
}
