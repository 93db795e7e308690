// Names of things, messages and patterns: a secret-bearing name over a value that is not a secret.
export const TOKEN_STORAGE_KEY = "app.auth.accessToken";
export const PASSWORD_TOO_SHORT = "Password must be at least 12 characters";
const apiKeyHeader = "X-Api-Key";
export const SESSION_SECRET: string = process.env.SESSION_SECRET ?? "";
const githubTokenPattern = "ghp_[A-Za-z0-9]{36}";
const DB_PASSWORD = "your-database-password";
export const authTokenCookie = "__Host-session-token";
if (apiKey === "k9Qz7Xw2Lp4Rt8Vn6Bm3Hc5Jd1Fg0Ys") {
  throw new Error("compare, not assign");
}
