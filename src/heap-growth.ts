import { setFlagsFromString } from "node:v8";

/*
 * How far V8 lets the old generation grow past what its last full collection kept before it
 * collects again. V8's own factor lets a heap this small grow up to fourfold: under 32 clients
 * reading caseload pages, whose data lives long enough to be promoted, the service reached 256 MB
 * resident. At 50 % it stayed near 160 MB at the same throughput (issue 15 §5, `npm run
 * footprint`). V8 reads the flag at every full collection, so setting it as the process starts
 * takes effect; one given on the command line (`node --heap-growing-percent=…`) is left as it is.
 */
const HEAP_GROWING_PERCENT = 50;

if (!process.execArgv.some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag)))
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
