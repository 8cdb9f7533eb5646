import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const API_TARGET = 'http://localhost:3000';

/** Matches whole package directories under node_modules (`react` does not match `react-is`). */
const pkg = (...names: string[]) => new RegExp(`[\\\\/]node_modules[\\\\/](${names.join('|')})[\\\\/]`);

export default defineConfig({
  root: fromRoot('./client'),
  plugins: [react()],
  resolve: {
    alias: { '@common': fromRoot('./common') },
  },
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: false },
      '/socket.io': { target: API_TARGET, ws: true, changeOrigin: false },
    },
  },
  preview: { port: 5173 },
  build: {
    outDir: fromRoot('./client/dist'),
    emptyOutDir: true,
    // ECharts is the largest library (≈ 580 kB, loaded by the dashboard pages only); a chunk beyond this deserves a look.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // React and ECharts change far less often than our code: their own chunks stay cached across
        // releases. antd is deliberately not one group: a group pulled every component any page uses
        // into the first load (≈ 1.1 MB); left to route-level splitting, a page loads only the
        // components it renders (the table, date picker, upload … come with the pages that use them).
        codeSplitting: {
          groups: [
            { name: 'react', test: pkg('react', 'react-dom', 'react-router', 'react-router-dom', 'scheduler', 'cookie', 'set-cookie-parser'), priority: 40 },
            { name: 'echarts', test: pkg('echarts', 'echarts-for-react', 'zrender'), priority: 30 },
          ],
        },
      },
    },
  },
});
