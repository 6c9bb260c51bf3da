import { InitialSchema1764300000000 } from "./1764300000000-initial-schema";

// In order of application.
export const MIGRATIONS = [InitialSchema1764300000000];
