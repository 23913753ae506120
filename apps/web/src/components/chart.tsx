import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);
Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#1f2933';
Chart.defaults.locale = 'nl-NL';
// Drawn at once: no waiting for an animation, and nothing moving for people who asked for less motion.
Chart.defaults.animation = false;

/**
 * A Chart.js chart on a canvas. The canvas is an image with a short description for screen readers; the page puts
 * a table with the same figures beside it. `onDrawn` is called after the chart has been drawn.
 */
export function ChartCanvas({
  config,
  description,
  onDrawn,
}: {
  config: ChartConfiguration<'line' | 'bar'>;
  description: string;
  onDrawn?: () => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef(onDrawn);
  drawn.current = onDrawn;
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, ...config.options },
      plugins: [...(config.plugins ?? []), { id: 'drawn', afterRender: () => drawn.current?.() }],
    });
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={description} />
    </div>
  );
}
