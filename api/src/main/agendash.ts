import { createExpressMiddleware } from "agendash"
import type { Agenda } from "./appLayer.ts"

type RunningStats = Awaited<ReturnType<Agenda["getRunningStats"]>>

/**
 * The API process only enqueues, so its Agenda never starts a processor and `getRunningStats` throws
 * "agenda not running!" — Agendash polls it every 5 s. Without a processor, the stats come from the
 * jobs collection: what is queued and running across every worker, and nothing locked here.
 */
export const statsFromJobsCollection = async (agenda: Agenda): Promise<RunningStats> => {
  const overview = await agenda.getJobsOverview()
  const sum = (count: (o: (typeof overview)[number]) => number) => overview.reduce((n, o) => n + count(o), 0)
  const jobStatus = Object.fromEntries(
    overview.flatMap((o) => {
      const config = agenda.definitions[o.name]
      return config === undefined ? [] : [[o.name, { running: o.running, locked: 0, config }]]
    })
  )
  return {
    version: "enqueue-only",
    queueName: agenda.attrs.name,
    totalQueueSizeDB: await agenda.db.getQueueSize(),
    config: {
      totalLockLimit: agenda.attrs.lockLimit,
      maxConcurrency: agenda.attrs.maxConcurrency,
      processEvery: agenda.attrs.processEvery
    },
    backend: { name: "MongoDB", hasNotificationChannel: agenda.hasNotificationChannel() },
    internal: { localQueueProcessing: 0 },
    jobStatus,
    queuedJobs: sum((o) => o.queued),
    runningJobs: sum((o) => o.running),
    lockedJobs: 0
  }
}

/** Agenda keeps its processor private; it exists from `start()` until `stop()`. */
const processes = (agenda: Agenda) => Reflect.get(agenda, "jobProcessor") !== undefined

/** The processor's own stats where this Agenda processes jobs; the jobs collection's counts where it only enqueues. */
export const dashboardAgenda = (agenda: Agenda): Agenda =>
  new Proxy(agenda, {
    get(target, property, receiver) {
      if (property === "getRunningStats")
        return async (fullDetails?: boolean) =>
          processes(target) ? target.getRunningStats(fullDetails) : statsFromJobsCollection(target)
      const value: unknown = Reflect.get(target, property, receiver)
      return typeof value === "function" ? value.bind(target) : value
    }
  })

/** The job dashboard; createApp mounts it behind the admin role. */
export const agendashHandler = (agenda: Agenda) => createExpressMiddleware(dashboardAgenda(agenda))
