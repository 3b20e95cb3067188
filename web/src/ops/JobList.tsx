import { when } from "./format.ts"
import { JobRetryForm } from "./JobRetryForm.tsx"
import type { Job } from "./types.ts"

/** Jobs with what went wrong; dead and stuck ones can be retried with a reason. */
export const JobList = ({ jobs, testId }: { readonly jobs: ReadonlyArray<Job>; readonly testId: string }) =>
  jobs.length === 0 ? (
    <p className="muted">None.</p>
  ) : (
    <ul className="cards">
      {jobs.map((job) => (
        <li key={job.jobId} className="card" data-testid={testId}>
          <h3>
            {job.name} <span className={`status status-${job.state}`}>{job.state}</span>
          </h3>
          <p className="muted small">
            <code>{job.key}</code> · {job.attempts} attempt(s) · last run {when(job.lastRunAt)}
            {job.failedAt ? ` · failed ${when(job.failedAt)}` : ""}
          </p>
          {job.lastError ? <pre className="error-text">{job.lastError}</pre> : null}
          {job.state === "completed" ? null : <JobRetryForm job={job} />}
        </li>
      ))}
    </ul>
  )
