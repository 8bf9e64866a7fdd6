using Menshen.Core.Audit;
using Menshen.Core.Http;

namespace Menshen.Core.Exchanges;

/// One try at one provider, with the body patched for it (null for passthrough).
public sealed record TriedAttempt(AttemptRecord Record, PatchedBody? Patch);
