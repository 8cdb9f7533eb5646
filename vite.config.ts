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
    // antd's own code is about half a megabyte minified; a chunk beyond this deserves a look.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Vendor code changes far less often than ours; separate chunks stay cached across releases.
        // A group also takes the dependencies of what it captures, so antd's helpers get the higher
        // priority: that splits antd in two without a cycle between the chunks (letting maxSize cut
        // antd into pieces did create one, and the app failed at start-up).
        codeSplitting: {
          groups: [
            { name: 'react', test: pkg('react', 'react-dom', 'react-router', 'react-router-dom', 'scheduler', 'cookie', 'set-cookie-parser'), priority: 40 },
            { name: 'echarts', test: pkg('echarts', 'echarts-for-react', 'zrender'), priority: 30 },
            { name: 'antd-icons', test: pkg('@ant-design/icons', '@ant-design/icons-svg'), priority: 25 },
            { name: 'antd', test: pkg('antd'), priority: 15 },
            { name: 'antd-deps', test: pkg('@ant-design', '@rc-component', 'rc-[\\w-]+', '@emotion', 'stylis', 'classnames', 'clsx', 'throttle-debounce', 'compute-scroll-into-view', 'scroll-into-view-if-needed', 'json2mq', 'toggle-selection', 'copy-to-clipboard', '@babel/runtime'), priority: 20 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
