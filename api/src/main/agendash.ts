import { createExpressMiddleware } from "agendash"
import type { Agenda } from "./appLayer.ts"

/** The job dashboard; createApp mounts it behind the admin role. */
export const agendashHandler = (agenda: Agenda) => createExpressMiddleware(agenda)
