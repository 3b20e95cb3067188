import { LoadedView } from "../components/Loaded.tsx"
import { useLoad } from "../lib/useLoad.ts"
import { trpc } from "../trpc/client.ts"
import { CertificateActions } from "./CertificateActions.tsx"
import { type CertificateSummary, currentCertificate } from "./currentCertificate.ts"
import { PaymentsTable } from "./PaymentsTable.tsx"

/** The payments behind a certificate, and the certificate's current version and status from their stories. */
const loadCertificate = async (certificateId: string) => {
  const payments = await trpc.ops.search.query({ query: certificateId })
  // A story that fails to load only leaves the facts unknown; the payments and actions stay usable.
  const stories = await Promise.all(
    payments.map((p) => trpc.ops.story.query({ paymentId: p.paymentId }).catch(() => ({ certificate: null })))
  )
  return { payments, certificate: currentCertificate(certificateId, stories) }
}

const CertificateFacts = ({ certificate }: { readonly certificate: CertificateSummary | undefined }) =>
  certificate === undefined ? (
    <p className="muted">No payment tells this certificate's version or status yet.</p>
  ) : (
    <p>
      Version <strong data-testid="certificate-version">{certificate.version}</strong> · status{" "}
      <span className={`status status-${certificate.status}`} data-testid="certificate-status">
        {certificate.status}
      </span>
    </p>
  )

/** Revoke or reissue one certificate, next to the payments behind it. */
export const OpsCertificate = ({ certificateId }: { readonly certificateId: string }) => {
  const [loaded, reload] = useLoad(() => loadCertificate(certificateId), `certificate:${certificateId}`)
  return (
    <section>
      <h1>
        Certificate <code>{certificateId}</code>
      </h1>
      <LoadedView state={loaded}>
        {({ certificate }) => <CertificateFacts certificate={certificate} />}
      </LoadedView>
      <p>
        <a href={`/verify/${encodeURIComponent(certificateId)}`} data-testid="verification-link">
          Public verification page
        </a>
      </p>
      <CertificateActions certificateId={certificateId} onDone={reload} />
      <h2>Payments</h2>
      <LoadedView state={loaded}>{({ payments }) => <PaymentsTable payments={payments} />}</LoadedView>
    </section>
  )
}
