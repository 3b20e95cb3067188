import { closedLoopLoad } from "./httpLoad.ts"

const report = await closedLoopLoad(JSON.parse(process.argv[2] ?? "{}"))
process.stdout.write(`${JSON.stringify(report)}\n`)
