import { BenchFailure } from "./bench-failure";

/** A GraphQL answer as both servers send it. */
export interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One request outside the timed runs (seeding, checks); any error in the answer stops the bench. */
export async function callGraphql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as GraphqlAnswer;
  if (!response.ok || answer.errors || !answer.data)
    throw new BenchFailure(`${url} answered ${response.status}: ${JSON.stringify(answer).slice(0, 400)}`);
  return answer.data as T;
}
