// Jest is not a React Server Components environment; the `server-only` guard
// (which throws on import outside one) is replaced by this empty module there.
export {};
