// The instant a test's app starts at unless the test chooses another: no test reads the machine's clock unless it is
// about the machine's clock, so the suite passes on any day of the year (CI runs it once under `faketime`).

/** A Wednesday, 10:00 in Copenhagen, in a week with no check-in step due: nothing scheduled fires while a test runs. */
export const TEST_START = new Date("2026-11-25T09:00:00Z");
