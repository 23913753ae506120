// @ts-check
import { defineConfig } from 'vite';

// The web imports the few browser-safe domain modules through the aliases in its tsconfig.json
// (`@samenspoor/domain/bsn`, `@samenspoor/domain/labels-nl`), never through `libs/*/src` paths: Vite resolves them from there.
export default defineConfig({
  resolve: { tsconfigPaths: true },
});
