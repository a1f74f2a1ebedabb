/**
 * Pyodide's WebAssembly, compiled while the memory snapshot is still on its
 * way (issue #17). `loadPyodide` awaits `_loadSnapshot` before it creates the
 * Emscripten module, and only then compiles the 9.6 MB wasm, so a boot paid
 * for reading the snapshot and for compiling one after the other. The worker
 * starts `WebAssembly.compileStreaming` first thing (worker-kickoff.ts);
 * Pyodide's own request for the file gets a placeholder response, and while
 * the boot runs, `WebAssembly.instantiateStreaming` given that placeholder
 * instantiates the compiled module. Everything else about instantiating
 * (Pyodide's imports, its error handling) stays Pyodide's.
 *
 * Chromium's compiled-code cache serves both streaming APIs (V8's "Code
 * caching for WebAssembly developers"), so a repeat visit still skips
 * compiling: its compile stage did not grow (docs/performance.md).
 */

export interface PrecompiledWasm {
  /** The module's absolute URL. */
  readonly url: string;
  /** What the boot's own request for `url` is answered with instead of a second download. */
  placeholder(): Response;
  /** Run `load` (a boot) with placeholders standing for the compiled module. */
  during<T>(load: () => Promise<T>): Promise<T>;
}

type InstantiateStreaming = typeof WebAssembly.instantiateStreaming;

export function compileEarly(url: string, fetch: (url: string) => Promise<Response>): PrecompiledWasm {
  const compiled = WebAssembly.compileStreaming(fetch(url));
  compiled.catch(() => {}); // a boot that needs it falls back to a fresh request
  const placeholders = new WeakSet<Response>();
  return {
    url,
    placeholder() {
      const response = new Response(null, { status: 204 });
      placeholders.add(response);
      return response;
    },
    async during(load) {
      const wasm = WebAssembly as { instantiateStreaming: InstantiateStreaming };
      const original = wasm.instantiateStreaming;
      const instantiate = WebAssembly.instantiate;
      wasm.instantiateStreaming = async (source, imports) => {
        const response = await source;
        if (!placeholders.has(response)) return original.call(WebAssembly, response, imports);
        let compiledModule: WebAssembly.Module;
        try {
          compiledModule = await compiled;
        } catch {
          // The early request or its compile failed (a dropped connection, say): once more, as Pyodide would.
          return original.call(WebAssembly, fetch(url), imports);
        }
        return { module: compiledModule, instance: await instantiate.call(WebAssembly, compiledModule, imports) };
      };
      try {
        return await load();
      } finally {
        wasm.instantiateStreaming = original;
      }
    },
  };
}
