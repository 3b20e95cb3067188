import { describe, expect, it } from "vitest"
import { type CertificateSummary, currentCertificate } from "./currentCertificate.ts"

const summary = (
  version: number,
  status: CertificateSummary["status"],
  certificateId = "ABCD-EFGH-JKLM-NPQR"
) => ({
  certificate: {
    certificateId,
    version,
    status,
    verificationUrl: `http://127.0.0.1:3000/verify/${certificateId}`
  }
})

describe("the operator's view of one certificate", () => {
  it("shows the newest version after a reissue, with its status", () => {
    const found = currentCertificate("ABCD-EFGH-JKLM-NPQR", [summary(1, "revoked"), summary(2, "issued")])
    expect(found).toMatchObject({ version: 2, status: "issued" })
  })

  it("ignores payments whose story holds another certificate, or none yet", () => {
    const stories = [
      summary(3, "issued", "ZZZZ-ZZZZ-ZZZZ-ZZZZ"),
      { certificate: null },
      summary(1, "revoked")
    ]
    expect(currentCertificate("ABCD-EFGH-JKLM-NPQR", stories)).toMatchObject({
      version: 1,
      status: "revoked"
    })
    expect(currentCertificate("ABCD-EFGH-JKLM-NPQR", [{ certificate: null }])).toBeUndefined()
  })
})
