import { type Job, JobQueue, jobKey } from "@certify/domain"
import { Effect } from "effect"
import type { Prng } from "../model/Prng.ts"
import type { SimClock } from "./SimClock.ts"

export interface QueuedJob {
  readonly key: string
  readonly job: Job
  runAt: number
  attempts: number
  /** Bumped by every enqueue: a run only completes the job if nobody enqueued it again meanwhile. */
  generation: number
}

export const MAX_ATTEMPTS = 8

/**
 * The job queue and its workers' timing, seeded: which due job runs next, whether two workers take it
 * at once, when a failed or crashed one runs again. One job per key, as the real queue keeps it.
 */
export class SimScheduler {
  readonly queued = new Map<string, QueuedJob>()
  readonly everEnqueued = new Set<string>()
  readonly dead: Array<QueuedJob> = []
  revived = 0
  /** A planted bug for the oracle test: a queue that silently loses some jobs. */
  loses: ((job: Job) => boolean) | undefined
  private generation = 0

  private readonly clock: SimClock
  private readonly prng: Prng

  constructor(clock: SimClock, prng: Prng) {
    this.clock = clock
    this.prng = prng
  }

  readonly service = JobQueue.of({
    enqueue: (job) =>
      Effect.sync(() => {
        if (this.loses?.(job)) return
        const key = jobKey(job)
        this.everEnqueued.add(key)
        const existing = this.queued.get(key)
        this.queued.set(key, {
          key,
          job,
          runAt: Math.min(existing?.runAt ?? this.clock.millis, this.clock.millis),
          attempts: existing?.attempts ?? 0,
          generation: ++this.generation
        })
      })
  })

  pickDue(): QueuedJob | undefined {
    const due = [...this.queued.values()].filter((j) => j.runAt <= this.clock.millis)
    return due[this.prng.int(due.length)]
  }

  completed(ran: QueuedJob, generation: number) {
    if (this.queued.get(ran.key)?.generation === generation) this.queued.delete(ran.key)
  }

  /** A failed run: retried with exponential backoff, dead-lettered after MAX_ATTEMPTS. */
  failed(ran: QueuedJob, generation: number) {
    const current = this.queued.get(ran.key)
    if (current === undefined || current.generation !== generation) return
    current.attempts++
    if (current.attempts >= MAX_ATTEMPTS) {
      this.queued.delete(ran.key)
      this.dead.push(current)
    } else current.runAt = this.clock.millis + 1000 * 2 ** current.attempts
  }

  /** Runs again at `at`: a crashed worker's lock expiring, or a send another worker holds. */
  later(ran: QueuedJob, at: number) {
    const current = this.queued.get(ran.key)
    if (current !== undefined && current.runAt <= this.clock.millis) current.runAt = at
  }

  /** What an operator does after an outage: every dead job scheduled again with fresh attempts. */
  retryDead() {
    for (const job of this.dead.splice(0)) {
      this.revived++
      if (!this.queued.has(job.key))
        this.queued.set(job.key, {
          ...job,
          runAt: this.clock.millis,
          attempts: 0,
          generation: ++this.generation
        })
    }
  }

  nextRunAt(): number | undefined {
    return this.queued.size === 0 ? undefined : Math.min(...[...this.queued.values()].map((j) => j.runAt))
  }
}
