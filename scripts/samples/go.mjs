// The Go sample: net/http from the standard library. httpsnippet's go/native output ignores every
// error (`res, _ := http.DefaultClient.Do(req)`, so a network error panics on a nil response; go vet
// flags it) and lists imports out of gofmt's order; this renderer checks each error, fails on an
// error status like the TypeScript sample, and is gofmt-clean (test/samples runs gofmt, go vet and
// the program). Generic over operations, never per operation.

/** A Go string literal: raw (backquoted) when it can be, for readable JSON; else interpreted. */
const goString = (s) => (/[`\r]/.test(s) ? JSON.stringify(s) : `\`${s}\``);
const goQuoted = (s) => JSON.stringify(s);

/** Renders the sample request of one operation as a Go program. */
export function goSample(request, { serverUrl, apiKey }) {
  const query = new URLSearchParams(request.query.map(({ name, value }) => [name, String(value)])).toString();
  const url = `${request.url(serverUrl)}${query ? `?${query}` : ''}`;
  const hasBody = request.body !== undefined;
  const imports = ['fmt', 'io', 'log', 'net/http', ...(hasBody ? ['strings'] : [])].sort();
  const headers = [
    ['Authorization', `Bearer ${apiKey}`],
    ...request.headers.map(({ name, value }) => [name, String(value)]),
    ...(hasBody ? [['Content-Type', 'application/json']] : []),
  ];
  return [
    'package main',
    '',
    'import (',
    ...imports.map((name) => `\t${goQuoted(name)}`),
    ')',
    '',
    'func main() {',
    ...(hasBody ? [`\tbody := strings.NewReader(${goString(JSON.stringify(request.body))})`] : []),
    `\treq, err := http.NewRequest(${goQuoted(request.method)}, ${goQuoted(url)}, ${hasBody ? 'body' : 'nil'})`,
    '\tif err != nil {',
    '\t\tlog.Fatal(err)',
    '\t}',
    ...headers.map(([name, value]) => `\treq.Header.Set(${goQuoted(name)}, ${goQuoted(value)})`),
    '',
    '\tres, err := http.DefaultClient.Do(req)',
    '\tif err != nil {',
    '\t\tlog.Fatal(err)',
    '\t}',
    '\tdefer res.Body.Close()',
    '',
    '\tanswer, err := io.ReadAll(res.Body)',
    '\tif err != nil {',
    '\t\tlog.Fatal(err)',
    '\t}',
    '\tif res.StatusCode >= 400 {',
    '\t\tlog.Fatalf("%s: %s", res.Status, answer)',
    '\t}',
    '\tfmt.Println(string(answer))',
    '}',
  ].join('\n');
}
