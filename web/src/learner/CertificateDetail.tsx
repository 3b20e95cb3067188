import { LoadedView } from "../components/Loaded.tsx"
import { ErrorNotice, Notice } from "../components/Notice.tsx"
import { useAction } from "../lib/useAction.ts"
import { useLoad } from "../lib/useLoad.ts"
import { Link } from "../routing/Link.tsx"
import { paths } from "../routing/routes.ts"
import { trpc } from "../trpc/client.ts"
import type { Outputs } from "../trpc/types.ts"
import { formatDate } from "./Certificates.tsx"
import { startDownload, usePreviewUrl } from "./useDownloadLink.ts"

type Certificate = Outputs["learner"]["certificates"][number]

const Preview = ({ certificate }: { readonly certificate: Certificate }) => {
  const preview = usePreviewUrl(certificate.certificateId, certificate.status === "issued")
  if (certificate.status !== "issued") return null
  if (preview.failed) return <p className="muted">The preview is not available right now.</p>
  return preview.url ? (
    <img
      className="certificate-preview"
      src={preview.url}
      alt={`Certificate for ${certificate.courseTitle}`}
      data-testid="certificate-preview"
    />
  ) : (
    <div className="certificate-preview placeholder" aria-hidden="true" />
  )
}

const CertificateView = ({ certificate }: { readonly certificate: Certificate }) => {
  const pdf = useAction((_: null) => startDownload(certificate.certificateId, "pdf"))
  const issued = certificate.status === "issued"
  return (
    <>
      <h1>{certificate.courseTitle}</h1>
      <p className="muted">
        Issued {formatDate(certificate.issuedAt)} · version {certificate.version} · status{" "}
        <span className={`status status-${certificate.status}`} data-testid="certificate-status">
          {certificate.status}
        </span>
      </p>
      {certificate.status === "pending" ? (
        <Notice tone="progress" title="Your certificate is being prepared">
          <p>This usually takes a few seconds. Reload the page in a moment.</p>
        </Notice>
      ) : null}
      {certificate.status === "revoked" ? (
        <Notice tone="problem" title="This certificate was revoked">
          <p>It no longer verifies as valid.</p>
        </Notice>
      ) : null}
      <Preview certificate={certificate} />
      <div className="actions">
        {issued ? (
          <button
            type="button"
            className="primary"
            disabled={pdf.running}
            onClick={() => pdf.run(null)}
            data-testid="download-pdf"
          >
            {pdf.running ? "Preparing…" : "Download PDF"}
          </button>
        ) : null}
        <a href={certificate.verificationUrl} data-testid="verification-link">
          Verification page
        </a>
        {issued ? (
          <a
            href={certificate.linkedInUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="linkedin-link"
          >
            Add to LinkedIn
          </a>
        ) : null}
      </div>
      {pdf.state.status === "failed" ? <ErrorNotice error={pdf.state.error} title="Download failed" /> : null}
    </>
  )
}

export const CertificateDetail = ({ certificateId }: { readonly certificateId: string }) => {
  const [certificates] = useLoad(() => trpc.learner.certificates.query(), `certificates:${certificateId}`)
  return (
    <section>
      <LoadedView state={certificates}>
        {(list) => {
          const certificate = list.find((c) => c.certificateId === certificateId)
          return certificate ? (
            <CertificateView certificate={certificate} />
          ) : (
            <Notice tone="problem" title="Certificate not found" testId="certificate-not-found">
              <p>
                There is no certificate with this id among yours.{" "}
                <Link to={paths.certificates}>See my certificates</Link>
              </p>
            </Notice>
          )
        }}
      </LoadedView>
    </section>
  )
}
