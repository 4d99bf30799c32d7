/**
 * The only module that knows chart.js. Draws one metric: its series, the
 * before/after windows around the deployment shaded, and vertical markers for
 * the deployment, the change point and the alert. Colours come from the
 * theme's --vscode-* variables, read when the chart is drawn.
 */
import { Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip, type Plugin } from 'chart.js';
import type { ChartModel } from './viewModel';
import { fmtTime } from './viewModel';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Filler);

function themeColor(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

function markersPlugin(model: ChartModel): Plugin<'line'> {
  return {
    id: 'forensicsMarkers',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: a, scales } = chart;
      if (model.splitAt === undefined) return;
      const x = scales.x.getPixelForValue(model.splitAt);
      ctx.save();
      ctx.globalAlpha = 0.08;
      ctx.fillStyle = themeColor('--vscode-charts-blue', '#3794ff');
      ctx.fillRect(a.left, a.top, Math.max(0, x - a.left), a.bottom - a.top);
      ctx.fillStyle = themeColor('--vscode-charts-red', '#f14c4c');
      ctx.fillRect(x, a.top, Math.max(0, a.right - x), a.bottom - a.top);
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: a, scales } = chart;
      const colors = {
        deploy: themeColor('--vscode-charts-purple', '#b180d7'),
        changePoint: themeColor('--vscode-charts-orange', '#d18616'),
        alert: themeColor('--vscode-charts-red', '#f14c4c'),
      };
      ctx.save();
      ctx.font = `11px ${themeColor('--vscode-font-family', 'sans-serif')}`;
      model.markers.forEach((m, i) => {
        const x = scales.x.getPixelForValue(m.t);
        if (x < a.left - 1 || x > a.right + 1) return;
        ctx.strokeStyle = ctx.fillStyle = colors[m.kind];
        ctx.setLineDash(m.kind === 'changePoint' ? [4, 3] : []);
        ctx.beginPath();
        ctx.moveTo(x, a.top);
        ctx.lineTo(x, a.bottom);
        ctx.stroke();
        const w = ctx.measureText(m.label).width;
        ctx.fillText(m.label, x + 3 + w > a.right ? x - 3 - w : x + 3, a.top + 12 + i * 12);
      });
      ctx.restore();
    },
  };
}

export function drawMetricChart(canvas: HTMLCanvasElement, model: ChartModel): Chart<'line'> {
  const fg = themeColor('--vscode-foreground', '#ccc');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
  const line = themeColor('--vscode-charts-blue', '#3794ff');
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: [{ label: model.name, data: model.points, borderColor: line, backgroundColor: line, pointRadius: 0, borderWidth: 2, tension: 0 }] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: { legend: { display: false }, tooltip: { callbacks: { title: (items) => fmtTime(items[0]?.parsed.x ?? 0) } } },
      scales: {
        x: {
          type: 'linear',
          min: model.xMin,
          max: model.xMax,
          ticks: { color: fg, maxTicksLimit: 8, callback: (v) => fmtTime(Number(v)).slice(11, 16) },
          grid: { color: grid },
        },
        y: { ticks: { color: fg }, grid: { color: grid }, beginAtZero: true },
      },
    },
    plugins: [markersPlugin(model)],
  });
}
