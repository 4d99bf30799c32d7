/** A Go goroutine-style stack as zap/runtime.CallersFrames print it: "func\n\tfile:line". */
export function goStack(frames: Array<[fn: string, file: string, line: number]>): string {
  return frames.map(([fn, file, line]) => `${fn}\n\t${file}:${line}`).join('\n');
}

/** net/http frames under a handler (Go 1.21.5 line numbers). */
export const goHttpFrames: Array<[string, string, number]> = [
  ['net/http.HandlerFunc.ServeHTTP', '/usr/local/go/src/net/http/server.go', 2136],
  ['net/http.(*ServeMux).ServeHTTP', '/usr/local/go/src/net/http/server.go', 2514],
];

export const goServeFrames: Array<[string, string, number]> = [
  ['net/http.HandlerFunc.ServeHTTP', '/usr/local/go/src/net/http/server.go', 2136],
  ['net/http.serverHandler.ServeHTTP', '/usr/local/go/src/net/http/server.go', 2938],
  ['net/http.(*conn).serve', '/usr/local/go/src/net/http/server.go', 2009],
];
