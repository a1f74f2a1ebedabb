import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** Local user id. */
    uid?: string;
    /** User.sessionVersion when the token was issued. */
    sv?: number;
  }
}
