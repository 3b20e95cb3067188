/** The top of docs/benchmarks.md: how to run, and how to read the figures. */
export const reportPreamble = `# Benchmarks

Written by \`pnpm bench\` (\`node test/src/bench/run.ts\`; one of them: \`node test/src/bench/run.ts webhook-ingest\`,
names: \`verify-page\`, \`paid-to-emailed\`, \`scaling\`, \`webhook-ingest\`, \`reconciliation\`, \`rendering\`).
Each benchmark prints its figures and rewrites its own section below; the latest result of each is kept in
[benchmarks/results.json](benchmarks/results.json). Benchmarks are never pass/fail in CI: a missed target is
reported here with what limits it.

Everything runs on one machine: the system under test (API, workers, renderer, FerretDB, maildev, sandbox
gateways, each a real process from \`startTestStack\`) and the load generators, which run as a second
Node process. On 2 cores the load generator and the database take CPU from the API, so absolute figures
are lower bounds for a machine that only serves; compare figures measured side by side within one run.
Runs on this shared machine vary by roughly ±30 %.
`
