// SPDX-License-Identifier: EUPL-1.2
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const NLDS_REACT = /[\\/]node_modules[\\/]@(?:rijkshuisstijl-community[\\/]components-react|utrecht[\\/][a-z-]+-react|nl-design-system-candidate[\\/][a-z-]+-react)[\\/]dist[\\/]/;

/**
 * Two adjustments to the NL Design System React packages, so the bundles only hold what the app uses:
 * - They inject their whole stylesheet at runtime (a 350 kB string in the JavaScript plus a
 *   <style> element). We load the same CSS as a normal, cacheable stylesheet from
 *   src/ui/theme.css instead, so the injected copy is removed.
 * - Top-level `Component.displayName = '...'` statements count as side effects for the bundler
 *   and keep every component of the library in the bundle; they only serve the React devtools.
 */
function trimDesignSystemPackages(): Plugin {
  const injectedCss = /var css_248z = "(?:[^"\\]|\\.)*";\s*styleInject\(css_248z\);/g;
  const displayName = /^[A-Za-z_$][\w$]*\.displayName = (?:'[^'\n]*'|"[^"\n]*"|`[^`\n]*`);$/gm;
  return {
    name: 'zvh:trim-design-system-packages',
    apply: 'build',
    transform(code, id) {
      if (!NLDS_REACT.test(id)) return null;
      const out = code.replace(injectedCss, '').replace(displayName, '');
      return out === code ? null : { code: out, map: null };
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), trimDesignSystemPackages()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // No inline <script> or data: modules: the page runs under script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      treeshake: {
        // Creating React elements has no side effects; the icon sets of the component library are
        // objects of elements and are dropped when unused.
        manualPureFunctions: ['jsx', 'jsxs', 'createReactComponent'],
      },
      output: {
        // Libraries in their own long-lived chunks; every page is a chunk of its own (React.lazy).
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](?:react|react-dom|scheduler|react-router|i18next|react-i18next)[\\/]/, priority: 2 },
            { name: 'nl-design-system', test: /[\\/]node_modules[\\/](?:@rijkshuisstijl-community|@utrecht|@nl-design-system-candidate|@babel|clsx)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
