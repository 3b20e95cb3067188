import { useEffect, useState } from "react"
import { trpc } from "../trpc/client.ts"

type Format = "png" | "pdf"

/** Asks for a short-lived signed link to one of my certificate's files. */
export const downloadLink = (certificateId: string, format: Format) =>
  trpc.learner.downloadLink.mutate({ certificateId, format })

/** The PNG preview's URL, fetched when the certificate can be shown. */
export const usePreviewUrl = (certificateId: string, enabled: boolean) => {
  const [url, setUrl] = useState<string | undefined>(undefined)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (!enabled) return
    let current = true
    downloadLink(certificateId, "png").then(
      (link) => {
        if (current) setUrl(link.url)
      },
      () => {
        if (current) setFailed(true)
      }
    )
    return () => {
      current = false
    }
  }, [certificateId, enabled])
  return { url, failed }
}

/** Follows a fresh link, so a page left open longer than a link lives still downloads. */
export const startDownload = async (certificateId: string, format: Format) => {
  const link = await downloadLink(certificateId, format)
  const anchor = document.createElement("a")
  anchor.href = link.url
  anchor.download = `certificate-${certificateId}.${format}`
  anchor.rel = "noopener"
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
}
