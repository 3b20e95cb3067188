import { LoadedView } from "../components/Loaded.tsx"
import { useLoad } from "../lib/useLoad.ts"
import { Link } from "../routing/Link.tsx"
import { paths } from "../routing/routes.ts"
import { trpc } from "../trpc/client.ts"

export const formatDate = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : "—")

export const Certificates = () => {
  const [certificates] = useLoad(() => trpc.learner.certificates.query(), "certificates")
  return (
    <section>
      <h1>My certificates</h1>
      <LoadedView state={certificates}>
        {(list) =>
          list.length === 0 ? (
            <p data-testid="no-certificates">
              No certificates yet. <Link to={paths.courses}>Buy one for a completed course.</Link>
            </p>
          ) : (
            <ul className="cards">
              {list.map((certificate) => (
                <li className="card" key={certificate.certificateId} data-testid="certificate-item">
                  <h2>{certificate.courseTitle}</h2>
                  <p className="muted">
                    Issued {formatDate(certificate.issuedAt)} · version {certificate.version} ·{" "}
                    <span className={`status status-${certificate.status}`}>{certificate.status}</span>
                  </p>
                  <Link
                    to={paths.certificate(certificate.certificateId)}
                    className="button"
                    data-testid="certificate-link"
                  >
                    Open certificate
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </LoadedView>
    </section>
  )
}
