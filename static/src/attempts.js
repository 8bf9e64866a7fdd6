// The line above a request's attempts. One attempt that failed was not "served": it says there
// was no failover instead (helper-67: a 500 read "served by the first provider").
export function attemptsSummary(attempts) {
  if (attempts.length !== 1) return `failover across ${attempts.length} attempts`;
  const [only] = attempts;
  const served = !only.error && typeof only.status_code === 'number' && only.status_code < 400;
  return served ? 'served by the first provider' : 'one attempt, no failover';
}
