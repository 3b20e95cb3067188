import jsqr from "jsqr"
import { PNG } from "pngjs"

// jsqr is CommonJS whose `module.exports` also carries itself as `.default`; that is what its types describe.
const jsQR = jsqr.default

/** The text of the QR code printed on a certificate's PNG. */
export const decodeQrCode = (png: Uint8Array): string => {
  const image = PNG.sync.read(Buffer.from(png))
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)
  if (code === null) throw new Error("no QR code found in the PNG")
  return code.data
}
