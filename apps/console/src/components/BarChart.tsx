import { createEffect, onCleanup } from 'solid-js';

type ChartModule = typeof import('./chart-setup.ts');
let loading: Promise<ChartModule> | undefined;

/** Chart.js, loaded the first time a chart is shown: it stays out of the start-up bundle. */
function loadChart(): Promise<ChartModule> {
  loading ??= import('./chart-setup.ts');
  return loading;
}

export interface BarSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
  /** drawn as a line over the bars (a model's curve) */
  readonly line?: boolean;
}

/** A bar chart (Chart.js) of one or more series over the same labels; redrawn when the data changes. */
export function BarChart(props: {
  title: string;
  labels: readonly string[];
  series: readonly BarSeries[];
  height?: number;
  /** the value axis' upper end (e.g. 1 for proportions); by default from the data */
  max?: number;
}) {
  let canvas!: HTMLCanvasElement;
  let box!: HTMLDivElement;
  let chart: import('chart.js').Chart | undefined;
  // Set through the CSSOM: a style attribute in the template would be inline style, which the CSP refuses.
  createEffect(() => box.style.setProperty('height', `${props.height ?? 200}px`));
  createEffect(() => {
    const data = {
      labels: [...props.labels],
      datasets: props.series.map((s) =>
        s.line
          ? {
              type: 'line' as const,
              label: s.label,
              data: [...s.values],
              borderColor: s.color,
              backgroundColor: s.color,
            }
          : { label: s.label, data: [...s.values], backgroundColor: s.color },
      ),
    };
    void loadChart().then(({ Chart }) => {
      if (chart) {
        chart.data = data;
        chart.update();
      } else {
        chart = new Chart(canvas, {
          type: 'bar',
          data,
          options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            plugins: { legend: { display: props.series.length > 1 } },
            ...(props.max === undefined ? {} : { scales: { y: { min: 0, max: props.max } } }),
          },
        });
      }
    });
  });
  onCleanup(() => chart?.destroy());
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div class="chart-box" ref={box}>
        <canvas ref={canvas} role="img" aria-label={props.title} />
      </div>
    </figure>
  );
}
