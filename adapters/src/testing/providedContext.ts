// What the run's global setup provides to every test file.
declare module "vitest" {
  export interface ProvidedContext {
    mongodbUri: string
  }
}

export {}
