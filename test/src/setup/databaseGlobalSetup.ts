import { rmSync } from "node:fs"
import { join } from "node:path"
import { startLocalFerretDb } from "@certify/adapters/localdb"
import type {} from "@certify/adapters/testing"
import type { TestProject } from "vitest/node"

/**
 * One database server for the whole run: the real MongoDB at MONGODB_URI when it is set,
 * otherwise a local FerretDB started here and stopped at the end. Test files use their own databases.
 */
export default async function setup(project: TestProject) {
  const configured = process.env.MONGODB_URI
  if (configured) {
    project.provide("mongodbUri", configured)
    return
  }
  const dataDir = join(process.cwd(), ".data", `test-ferretdb-${process.pid}`)
  const db = await startLocalFerretDb({ dataDir, database: "certify_test" })
  project.provide("mongodbUri", db.uri)
  return async () => {
    await db.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
