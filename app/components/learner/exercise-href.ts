/** The exercise page's path; link to it with ExerciseLink, which knows when a full load is needed. */
export const exerciseHref = (id: string) => `/exercises/${encodeURIComponent(id)}`;
