import {
  auditLogContract,
  entitlementsContract,
  inboxContract,
  operationsContract,
  paymentsContract
} from "../contracts/index.ts"
import { layerMemoryLedger } from "../index.ts"

paymentsContract("in memory", layerMemoryLedger)
inboxContract("in memory", layerMemoryLedger)
entitlementsContract("in memory", layerMemoryLedger)
auditLogContract("in memory", layerMemoryLedger)
operationsContract("in memory", layerMemoryLedger)
