import { Schema } from "effect"
import { CourseId, LearnerId } from "../model/Ids.ts"

export { demoCatalog } from "../catalog/demoCatalog.ts"

export const learnerId = (raw: string) => Schema.decodeUnknownSync(LearnerId)(raw)
export const courseId = (raw: string) => Schema.decodeUnknownSync(CourseId)(raw)
