/* eslint-disable @typescript-eslint/no-require-imports -- the load must happen between two statements */
// graphql-js decides once, as it loads, whether to check every `instanceof` it makes for a second
// copy of itself: a development aid that costs about 4 % of a request (issue 15 §4), switched off
// only by NODE_ENV=production. Here NODE_ENV is the service's own switch (development features such
// as the Sandbox and its own token issuer), so the service loads graphql-js, before anything else
// does, with NODE_ENV read as production for that moment alone. Tests load graphql-js directly,
// with the checks, so a second copy would still be caught there.
const environment = process.env.NODE_ENV;
process.env.NODE_ENV = "production";
try {
  require("graphql");
} finally {
  if (environment === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = environment;
}
