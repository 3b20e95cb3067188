import { LoadedView } from "../components/Loaded.tsx"
import { useLoad } from "../lib/useLoad.ts"
import { trpc } from "../trpc/client.ts"
import { CertificateActions } from "./CertificateActions.tsx"
import { PaymentsTable } from "./PaymentsTable.tsx"

/** Revoke or reissue one certificate, next to the payments behind it. */
export const OpsCertificate = ({ certificateId }: { readonly certificateId: string }) => {
  const [payments, reload] = useLoad(
    () => trpc.ops.search.query({ query: certificateId }),
    `certificate:${certificateId}`
  )
  return (
    <section>
      <h1>
        Certificate <code>{certificateId}</code>
      </h1>
      <p>
        <a href={`/verify/${encodeURIComponent(certificateId)}`} data-testid="verification-link">
          Public verification page
        </a>
      </p>
      <CertificateActions certificateId={certificateId} onDone={reload} />
      <h2>Payments</h2>
      <LoadedView state={payments}>{(list) => <PaymentsTable payments={list} />}</LoadedView>
    </section>
  )
}
