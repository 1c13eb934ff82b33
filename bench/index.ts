/** `npm run bench`: the project's benchmarks. Figures, not pass/fail: compare them with the targets shown. */
import { benchTestPattern } from "./test-pattern";

benchTestPattern();
