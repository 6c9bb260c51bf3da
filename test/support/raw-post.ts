import { request as httpRequest } from "node:http";

/** An HTTP answer as it came: status, headers and body text. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * POSTs `body` to `${base}/graphql` with exactly the headers given (no fetch defaults: the tests
 * choose content length, transfer encoding and Accept themselves).
 */
export function rawPost(base: string, body: string, headers: Record<string, string | number>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${base}/graphql`, { method: "POST", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    sent.on("error", reject);
    sent.end(body);
  });
}
