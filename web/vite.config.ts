import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-static';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Vite root is web/ (root package.json runs `vite build web`).
export default defineConfig({
  root: here('.'),
  plugins: [
    tailwindcss(),
    sveltekit({
      adapter: adapter({
        pages: here('./build'),
        assets: here('./build'),
        fallback: 'index.html',
        strict: true,
      }),
    }),
  ],
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8787', changeOrigin: false },
    },
  },
});
