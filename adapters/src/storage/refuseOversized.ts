import { MAX_ARTIFACT_BYTES } from "@certify/domain"

/** Throws (a defect) for a file over the port's limit, before anything is written. */
export const refuseOversized = (key: string, bytes: Uint8Array) => {
  if (bytes.length > MAX_ARTIFACT_BYTES)
    throw new Error(`artifact ${key} is ${bytes.length} bytes, over the ${MAX_ARTIFACT_BYTES}-byte limit`)
}
