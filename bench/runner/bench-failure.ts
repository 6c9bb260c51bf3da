/** A wrong answer, a process that would not start, a database that would not answer: the bench stops with this. */
export class BenchFailure extends Error {
  override name = "BenchFailure";
}
