import type { PaymentStory } from "./types.ts"

export type CertificateSummary = NonNullable<PaymentStory["certificate"]>

/**
 * The certificate as the stories of its payments tell it. A reissue keeps the id and raises the
 * version, so the highest version seen is the current one.
 */
export const currentCertificate = (
  certificateId: string,
  stories: ReadonlyArray<Pick<PaymentStory, "certificate">>
): CertificateSummary | undefined =>
  stories
    .flatMap((story) => (story.certificate?.certificateId === certificateId ? [story.certificate] : []))
    .reduce<CertificateSummary | undefined>(
      (current, candidate) =>
        current === undefined || candidate.version > current.version ? candidate : current,
      undefined
    )
