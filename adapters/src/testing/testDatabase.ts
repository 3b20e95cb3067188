import "./providedContext.ts"
import { inject } from "vitest"
import * as MongoLedger from "../mongo/layer.ts"

/** The run's database server (FerretDB, or MONGODB_URI), with a database of this test file's own. */
export const testDatabaseUri = (name: string) => {
  const url = new URL(inject("mongodbUri"))
  url.pathname = `/${name}_${process.pid}_${Math.random().toString(36).slice(2, 7)}`
  return url.toString()
}

export const testLedger = (name: string) => MongoLedger.layer({ uri: testDatabaseUri(name) })
