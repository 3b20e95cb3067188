import {
  auditLogContract,
  entitlementsContract,
  inboxContract,
  operationsContract,
  operatorContract,
  paymentsContract,
  projectionContract
} from "@certify/domain/contracts"
import { testLedger } from "../testing/testDatabase.ts"

const ledger = testLedger("contract")

paymentsContract("mongoose", ledger)
inboxContract("mongoose", ledger)
entitlementsContract("mongoose", ledger)
auditLogContract("mongoose", ledger)
projectionContract("mongoose", ledger)
operationsContract("mongoose", ledger)
operatorContract("mongoose", ledger)
