import type { AnchorHTMLAttributes, MouseEvent } from "react"
import { navigate } from "./navigation.ts"

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { readonly to: string }

const isPlainClick = (event: MouseEvent) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey

/** An ordinary link (works with a new tab and a hard reload) that navigates in place on a plain click. */
export const Link = ({ to, onClick, ...rest }: Props) => (
  <a
    {...rest}
    href={to}
    onClick={(event) => {
      onClick?.(event)
      if (event.defaultPrevented || !isPlainClick(event)) return
      event.preventDefault()
      navigate(to)
    }}
  />
)
