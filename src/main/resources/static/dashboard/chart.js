// Charts drawn by ECharts (a WebJar the page loads first), disposed when the page changes.
import { onLeave } from './router.js';

export function chart(container, option) {
    if (!window.echarts) return;
    const instance = window.echarts.init(container, null, { renderer: 'svg' });
    instance.setOption({ aria: { enabled: true }, grid: { left: 50, right: 20, top: 30, bottom: 40 }, tooltip: { trigger: 'axis' }, ...option });
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    onLeave(() => { window.removeEventListener('resize', resize); instance.dispose(); });
    return instance;
}
