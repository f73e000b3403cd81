// SPDX-License-Identifier: EUPL-1.2
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The NL Design System React packages inject their whole stylesheet at runtime (a 350 kB string
 * in the JavaScript plus a <style> element). We load the same CSS as a normal, cacheable
 * stylesheet from src/ui/theme.css instead, so strip the injected copy from the bundles.
 */
function stripInjectedLibraryCss(): Plugin {
  const packages = /[\\/]node_modules[\\/]@(?:rijkshuisstijl-community[\\/]components-react|nl-design-system-candidate[\\/][a-z-]+-react)[\\/]dist[\\/]/;
  const injected = /var css_248z = "(?:[^"\\]|\\.)*";\s*styleInject\(css_248z\);/g;
  return {
    name: 'zvh:strip-injected-library-css',
    transform(code, id) {
      if (!packages.test(id) || !code.includes('styleInject(css_248z)')) return null;
      return { code: code.replace(injected, ''), map: null };
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), stripInjectedLibraryCss()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // No inline <script> or data: modules: the page runs under script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
