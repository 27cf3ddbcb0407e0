import { useEffect, useRef } from "react";

export type Series = { name: string; data: number[]; kind: "line" | "bar" };

/**
 * An ECharts chart, loaded on first use (echarts is the app's largest library: it stays out of the
 * initial JavaScript). The figures are also in the table beside each chart, for screen readers.
 */
export function Chart({ labels, series, label }: { labels: string[]; series: Series[]; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    // canvas text uses a web font only once it is loaded
    void Promise.all([import("./echarts.ts"), document.fonts.ready]).then(([{ echarts }]) => {
      if (disposed || !el.current) return;
      const chart = echarts.init(el.current, undefined, { renderer: "canvas" });
      chart.setOption({
        animation: false,
        grid: { left: 48, right: 12, top: 12, bottom: 28 },
        tooltip: { trigger: "axis" },
        textStyle: { fontFamily: "Noto Sans SC, sans-serif" },
        xAxis: { type: "category", data: labels },
        yAxis: { type: "value" },
        series: series.map((s) => ({ name: s.name, type: s.kind, data: s.data })),
      });
      dispose = () => chart.dispose();
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [labels, series]);
  return <div ref={el} className="chart" role="img" aria-label={label} />;
}
