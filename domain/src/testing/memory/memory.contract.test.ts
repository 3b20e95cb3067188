import { Layer } from "effect"
import {
  auditLogContract,
  entitlementsContract,
  inboxContract,
  operationsContract,
  operatorContract,
  paymentsContract,
  projectionContract
} from "../contracts/index.ts"
import { demoCatalog } from "../fixtures.ts"
import { layerMemoryLedger } from "../index.ts"
import * as MemoryCatalog from "./MemoryCatalog.ts"
import * as MemoryOperatorActions from "./MemoryOperatorActions.ts"

paymentsContract("in memory", layerMemoryLedger)
inboxContract("in memory", layerMemoryLedger)
entitlementsContract("in memory", layerMemoryLedger)
auditLogContract("in memory", layerMemoryLedger)
projectionContract("in memory", layerMemoryLedger)
operationsContract("in memory", layerMemoryLedger)
operatorContract(
  "in memory",
  Layer.mergeAll(layerMemoryLedger, MemoryOperatorActions.layerMemory, MemoryCatalog.layerMemory(demoCatalog))
)
