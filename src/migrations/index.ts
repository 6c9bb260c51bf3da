import { InitialSchema1764300000000 } from "./1764300000000-initial-schema";
import { Officers1764400000000 } from "./1764400000000-officers";
import { AccessLog1764500000000 } from "./1764500000000-access-log";

// In order of application.
export const MIGRATIONS = [InitialSchema1764300000000, Officers1764400000000, AccessLog1764500000000];
