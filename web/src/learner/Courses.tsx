import { LoadedView } from "../components/Loaded.tsx"
import { useLoad } from "../lib/useLoad.ts"
import { trpc } from "../trpc/client.ts"
import { CourseCard } from "./CourseCard.tsx"

export const Courses = () => {
  const [courses] = useLoad(() => trpc.learner.courses.query(), "courses")
  const [gateways, reloadGateways] = useLoad(() => trpc.learner.gateways.query(), "gateways")

  return (
    <section>
      <h1>My completed courses</h1>
      <LoadedView state={courses}>
        {(list) =>
          list.length === 0 ? (
            <p data-testid="no-courses">No completed courses yet. Finish a course to buy its certificate.</p>
          ) : (
            <ul className="cards">
              {list.map((course) => (
                <CourseCard
                  key={course.courseId}
                  course={course}
                  gateways={gateways.status === "ready" ? gateways.data : []}
                  onGatewaysChanged={reloadGateways}
                />
              ))}
            </ul>
          )
        }
      </LoadedView>
    </section>
  )
}
