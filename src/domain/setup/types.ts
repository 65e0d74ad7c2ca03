/** One problem with set-up data: which field, and a sentence that says how to put it right. */
export type SetupProblem = { field: string; message: string };
