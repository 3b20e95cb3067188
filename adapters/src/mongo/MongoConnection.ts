import { Context, Effect, Layer, Schema } from "effect"
import mongoose, { type Connection } from "mongoose"
import { registerCollections } from "./collections/index.ts"
import { type CommandProfileOptions, profileCommands } from "./commandProfile.ts"
import { ensureIndexes, verifyUniqueIndexes } from "./indexes.ts"

export class MissingUniqueIndex extends Schema.TaggedError<MissingUniqueIndex>()("MissingUniqueIndex", {
  missing: Schema.Array(Schema.String)
}) {
  override get message() {
    return `refusing to start: the database lacks required unique indexes, which enforce idempotency: ${this.missing.join("; ")}`
  }
}

export interface MongoOptions {
  readonly uri: string
  /** Create the declared indexes at startup (default). Off when a DBA manages them; they are verified either way. */
  readonly createIndexes?: boolean
  /** Report where the database's time goes, by command shape (a diagnostic; off by default). */
  readonly commandProfile?: CommandProfileOptions
}

/** The ledger's database connection, with every collection's model registered and its unique indexes verified. */
export class MongoConnection extends Context.Service<MongoConnection, { readonly connection: Connection }>()(
  "certify/adapters/mongo/MongoConnection"
) {
  static readonly layer = (options: MongoOptions) =>
    Layer.effect(
      MongoConnection,
      Effect.gen(function* () {
        const connection = yield* Effect.acquireRelease(
          Effect.promise(() =>
            // autoIndex off: indexes are created explicitly below, so an error surfaces instead of being logged.
            mongoose
              .createConnection(options.uri, {
                autoIndex: false,
                autoCreate: true,
                serverSelectionTimeoutMS: 10_000,
                monitorCommands: options.commandProfile !== undefined
              })
              .asPromise()
          ),
          (connection) => Effect.promise(() => connection.close())
        )
        registerCollections(connection)
        const profile = options.commandProfile
        if (profile !== undefined)
          yield* Effect.acquireRelease(
            Effect.sync(() => profileCommands(connection.getClient(), profile)),
            (stop) => Effect.sync(stop)
          )
        if (options.createIndexes !== false) yield* Effect.promise(() => ensureIndexes(connection))
        const missing = yield* Effect.promise(() => verifyUniqueIndexes(connection))
        if (missing.length > 0) return yield* new MissingUniqueIndex({ missing })
        return MongoConnection.of({ connection })
      })
    )
}
