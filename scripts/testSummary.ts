// Prints the plain closing line CI reads ("N passed, N failed, N skipped") from vitest's JSON report.
import { existsSync, readFileSync } from "node:fs"

const file = process.argv[2] ?? "test-results/vitest.json"
if (!existsSync(file)) {
  console.log("0 passed, 1 failed")
  process.exit(0)
}
const report = JSON.parse(readFileSync(file, "utf8")) as {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
}
console.log(
  `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`
)
